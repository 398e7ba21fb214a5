/**
 * The firmware's battery levels (firmware/boards/profiles.ts `batteryMv`) are the power model's:
 * critical exactly where the coil may no longer pull, low leaving at least four weeks of the
 * box's day (5 deliveries, 2 owner openings, metered on the built firmware) before it, and not
 * much more. When the firmware's day gets dearer the low level must rise: this fails and says to
 * what.
 */
import { describe, expect, it } from "vitest";
import { batteryLevels, boardProfiles, CELLS_COUNT } from "../../firmware/boards/profiles.ts";
import { cellTypes, criticalMv, daysToCritical, packMv, fractionAt, usableMah, WARNING_DAYS, AA_ALKALINE, COIL } from "../../sim/energy/cells.ts";
import { batteryMvFor, boxDay, runFor } from "../../sim/energy/day.ts";
import { masToMah } from "../../sim/energy/model.ts";

/** How far above the model's low level the stored one may sit (rounding, and a firmware grown cheaper since). */
const LOW_SLACK_MV = 60;

describe("battery levels per board and cell type", () => {
  for (const profile of boardProfiles()) {
    it(`${profile.name}: critical is the coil's level, low leaves ${WARNING_DAYS} days of its day before it`, async () => {
      const model = await batteryMvFor(profile.name);
      const stored = profile.batteryMv;
      const hint = `set ${profile.name}'s batteryMv to about [${model.join(", ")}] (firmware/boards/profiles.ts)`;
      expect(stored.length, hint).toBe((CELLS_COUNT - 1) * 2);
      for (let i = 0; i < stored.length; i += 2) {
        expect(stored[i + 1], hint).toBe(model[i + 1]);
        expect(stored[i], hint).toBeGreaterThanOrEqual(model[i]);
        expect(stored[i], hint).toBeLessThanOrEqual(model[i] + LOW_SLACK_MV);
      }
    });
  }

  it("a supply never warns, and the cells setting's 0 is the board's own", () => {
    for (const profile of boardProfiles()) {
      expect(batteryLevels(profile, 4)).toEqual([0, 0]);
      expect(batteryLevels(profile, 0)).toEqual(batteryLevels(profile, profile.cells));
      expect(batteryLevels(profile, 9)).toEqual(batteryLevels(profile, profile.cells));
    }
  });

  it("at the Pico's stored low level on its fitted cells, at least four weeks of its day are left before critical", async () => {
    const pico = boardProfiles()[0];
    const cell = cellTypes().find((c) => c.index === pico.cells);
    if (cell === undefined) throw new Error("the Pico's guide fits no cells");
    const daily = masToMah((await boxDay(runFor("espruino-pico"))).dailyMas);
    const [low, critical] = batteryLevels(pico, 0);
    for (const capacity of [cell.capacityMah, cell.pessimisticMah]) {
      const usedAtLow = fractionAt(cell, low / 1000 / cell.cellsInPack) * capacity;
      const leftDays = (usableMah(cell, capacity) - usedAtLow) / daily;
      expect(leftDays).toBeGreaterThanOrEqual(WARNING_DAYS);
      expect(leftDays).toBeLessThan(WARNING_DAYS * 2);
    }
    expect(critical).toBe(Math.ceil(criticalMv(cell) / 10) * 10);
  });
});

describe("the cell model", () => {
  it("reads its curve both ways", () => {
    for (const cell of cellTypes()) {
      for (const f of [0.1, 0.45, 0.9]) expect(fractionAt(cell, packMv(cell, f * cell.capacityMah) / 1000 / cell.cellsInPack)).toBeCloseTo(f, 6);
    }
  });

  it("puts critical where the pack, sagging under the coil's pull current and through its diode, leaves it its pull voltage", () => {
    const amps = COIL.pullVolts / COIL.ohms;
    const mv = criticalMv(AA_ALKALINE);
    expect(mv / 1000 - amps * AA_ALKALINE.ohmsPerCell * 4 - COIL.diodeVolts).toBeCloseTo(COIL.pullVolts, 9);
  });

  it("counts a battery's life to critical, not to flat cells", () => {
    expect(usableMah(AA_ALKALINE)).toBeLessThan(AA_ALKALINE.capacityMah);
    expect(daysToCritical(AA_ALKALINE, 10)).toBeCloseTo(usableMah(AA_ALKALINE) / 10, 9);
  });
});
