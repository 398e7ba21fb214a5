/**
 * The battery life docs/energy.md promises, by the model on the built firmware's day (5
 * deliveries and 2 owner openings, sim/energy/day.ts), until the pack can no longer pull the coil
 * (sim/energy/cells.ts): the Pico two years on the cells its guide fits, the ESP32 one year, both
 * on the pessimistic capacity too; the ESP8266 only days, so its guide gives it a supply.
 */
import { describe, expect, it } from "vitest";
import { AA_ALKALINE, D_ALKALINE, usableMah } from "../../sim/energy/cells.ts";
import { boardCells, boxDay, runFor } from "../../sim/energy/day.ts";
import { daysOn } from "../../sim/energy/model.ts";

async function lifeDays(board: string, pessimistic: boolean, cell = boardCells(board)): Promise<number> {
  if (cell === undefined) throw new Error(`${board}'s guide fits no cells`);
  const day = await boxDay(runFor(board));
  return daysOn(usableMah(cell, pessimistic ? cell.pessimisticMah : cell.capacityMah), day.dailyMas);
}

describe("battery life by the model", () => {
  it("the Espruino Pico lasts over two years on the cells its guide fits, pessimistic capacity too", async () => {
    expect(await lifeDays("espruino-pico", true)).toBeGreaterThan(2 * 365.25);
  });

  it("the ESP32 lasts over a year on its guide's five D cells, pessimistic capacity too, and some six weeks on AA", async () => {
    expect(boardCells("esp32-nodemcu")).toBe(D_ALKALINE);
    expect(await lifeDays("esp32-nodemcu", true)).toBeGreaterThan(365.25);
    const onAa = await lifeDays("esp32-nodemcu", false, AA_ALKALINE);
    expect(onAa).toBeGreaterThan(25);
    expect(onAa).toBeLessThan(80);
  });

  it("the ESP8266, which never sleeps, lasts days on cells: its guide gives it a supply", async () => {
    expect(boardCells("esp8266-nodemcu")).toBeUndefined();
    expect(await lifeDays("esp8266-nodemcu", false, D_ALKALINE)).toBeLessThan(60);
    expect(await lifeDays("esp8266-nodemcu", false, AA_ALKALINE)).toBeLessThan(10);
  });
});
