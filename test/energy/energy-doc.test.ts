/**
 * docs/energy.md's answer is the model's: the battery life of each board on the cells its guide
 * fits, its day's charge, and the table of battery levels, as the built firmware's day and
 * firmware/boards/profiles.ts give them now. When the firmware or a figure changes, this says
 * which line of the doc to update (and `make bench` prints the new figures).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { boardProfile } from "../../firmware/boards/profiles.ts";
import { usableMah } from "../../sim/energy/cells.ts";
import { boardCells, boxDay, runFor } from "../../sim/energy/day.ts";
import { daysOn, masToMah } from "../../sim/energy/model.ts";

const DOC = readFileSync(join(import.meta.dirname, "../../docs/energy.md"), "utf8");
const ANSWER = DOC.slice(DOC.indexOf("## The answer"), DOC.indexOf("## The battery: measured"));
const LEVELS = DOC.slice(DOC.indexOf("**The two levels**"), DOC.indexOf("**Honest limits.**"));

function row(text: string, startsWith: string): string {
  const found = text.split("\n").find((l) => l.startsWith(`| ${startsWith}`));
  if (found === undefined) throw new Error(`docs/energy.md has no table row starting "${startsWith}"`);
  return found;
}

describe("docs/energy.md", () => {
  for (const [board, name] of [
    ["espruino-pico", "Espruino Pico"],
    ["esp32-nodemcu", "ESP32 on NodeMCU"],
  ] as const) {
    it(`gives ${name}'s battery life and day as the model does`, async () => {
      const cell = boardCells(board);
      if (cell === undefined) throw new Error(`${board} fits no cells`);
      const day = await boxDay(runFor(board));
      const days = daysOn(usableMah(cell), day.dailyMas);
      const pessimistic = daysOn(usableMah(cell, cell.pessimisticMah), day.dailyMas);
      const line = row(ANSWER, name);
      expect(line).toContain(cell.label);
      expect(line).toContain(`| ${masToMah(day.dailyMas).toFixed(2)} |`);
      expect(line).toContain(`**${(days / 365.25).toFixed(1)} years** (${Math.round(days)} days)`);
      expect(line).toContain(`| ${(pessimistic / 365.25).toFixed(1)} years |`);
    });
  }

  it("lists each board's battery levels as firmware/boards/profiles.ts holds them", () => {
    for (const [board, name] of [
      ["espruino-pico", "Espruino Pico"],
      ["esp32-nodemcu", "ESP32"],
      ["esp8266-nodemcu", "ESP8266"],
    ] as const) {
      const mv = boardProfile(board)?.batteryMv ?? [];
      const cells = row(LEVELS, name).split("|").slice(2, 5).map((c) => c.replace(/\*/g, "").trim());
      expect(cells, board).toEqual([0, 2, 4].map((i) => `${mv[i]} / ${mv[i + 1]}`));
    }
  });
});
