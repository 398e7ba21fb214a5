import { describe, expect, it } from "vitest";
import {
  chooseSlot,
  chooseWindow,
  isAlignedWindow,
  localMidnight,
  windowCount,
  windowsCovering,
} from "../../../firmware/core/codes/host.ts";
import { boxTime, EXAMPLE } from "./fixtures.ts";

const HOUR = 3600;
// 2026-11-28 at UTC+1: local midnight is 2026-11-27T23:00Z.
const ZONE = EXAMPLE.zone;
const midnight = boxTime("2026-11-27T23:00:00Z");
const local = (hours: number): number => midnight + hours * HOUR;

describe("covering windows", () => {
  it("counts 35 delivery and 49 pickup windows over any hour", () => {
    expect(windowCount("delivery")).toBe(35);
    expect(windowCount("pickup")).toBe(49);
    expect(windowsCovering("delivery", 60551 + 13, ZONE)).toHaveLength(35);
  });

  it("lists only aligned windows that contain the hour, all distinct", () => {
    for (const kind of ["delivery", "pickup"] as const) {
      for (let hour = 60500; hour < 60500 + 48; hour++) {
        const windows = windowsCovering(kind, hour, ZONE);
        for (const w of windows) {
          expect(w.start <= hour && hour < w.start + w.hours).toBe(true);
          expect(isAlignedWindow(kind, w, ZONE)).toBe(true);
        }
        expect(new Set(windows.map((w) => `${w.start}/${w.hours}`)).size).toBe(windows.length);
      }
    }
  });

  it("aligns days on local midnight, which moves with the zone setting", () => {
    expect(localMidnight(EXAMPLE.dayStart + 5, 1)).toBe(EXAMPLE.dayStart);
    expect(localMidnight(EXAMPLE.dayStart + 5, 0)).toBe(EXAMPLE.dayStart + 1);
    expect(localMidnight(EXAMPLE.dayStart + 5, -5)).toBe(EXAMPLE.dayStart + 6 - 24);
  });

  it("refuses a window off the grid or off the menu", () => {
    expect(isAlignedWindow("delivery", { start: EXAMPLE.dayStart + 1, hours: 24 }, ZONE)).toBe(false);
    expect(isAlignedWindow("delivery", { start: EXAMPLE.dayStart + 1, hours: 2 }, ZONE)).toBe(false);
    expect(isAlignedWindow("delivery", { start: EXAMPLE.dayStart, hours: 5 }, ZONE)).toBe(false);
    expect(isAlignedWindow("delivery", { start: EXAMPLE.dayStart, hours: 336 }, ZONE)).toBe(false);
    expect(isAlignedWindow("pickup", { start: EXAMPLE.dayStart, hours: 336 }, ZONE)).toBe(true);
  });
});

describe("the owner's tool chooses the smallest covering window", () => {
  it("gives exactly the requested hour when it is one aligned hour", () => {
    expect(chooseWindow("delivery", local(9), local(10), ZONE)).toEqual({ start: EXAMPLE.dayStart + 9, hours: 1 });
  });

  it("rounds a partial hour out to whole hours", () => {
    expect(chooseWindow("delivery", local(9) + 600, local(9) + 1200, ZONE)).toEqual({ start: EXAMPLE.dayStart + 9, hours: 1 });
  });

  it("takes the aligned 2 hours for 10:00-12:00 and the 8 hours 08:00-16:00 for 10:00-12:01", () => {
    expect(chooseWindow("delivery", local(10), local(12), ZONE)).toEqual({ start: EXAMPLE.dayStart + 10, hours: 2 });
    expect(chooseWindow("delivery", local(10), local(12) + 60, ZONE)).toEqual({ start: EXAMPLE.dayStart + 8, hours: 8 });
  });

  it("widens 09:00-17:00 to the whole local day, because no 8 or 12 hour window covers it", () => {
    expect(chooseWindow("delivery", local(9), local(17), ZONE)).toEqual({ start: EXAMPLE.dayStart, hours: 24 });
  });

  it("takes days from local midnight for requests over a day", () => {
    expect(chooseWindow("delivery", local(20), local(24 + 10), ZONE)).toEqual({ start: EXAMPLE.dayStart, hours: 48 });
    expect(chooseWindow("delivery", local(1), local(24 * 7), ZONE)).toEqual({ start: EXAMPLE.dayStart, hours: 168 });
  });

  it("refuses deliveries longer than 7 days but gives pickups 14", () => {
    expect(chooseWindow("delivery", local(1), local(24 * 7 + 1), ZONE)).toBeUndefined();
    expect(chooseWindow("pickup", local(1), local(24 * 7 + 1), ZONE)).toEqual({ start: EXAMPLE.dayStart, hours: 336 });
    expect(chooseWindow("pickup", local(1), local(24 * 14 + 1), ZONE)).toBeUndefined();
  });

  it("refuses an empty request and an impossible zone", () => {
    expect(chooseWindow("delivery", local(5), local(5), ZONE)).toBeUndefined();
    expect(chooseWindow("delivery", local(5), local(6), 15)).toBeUndefined();
  });
});

describe("slots", () => {
  it("issues the single-use slots in turn, then none", () => {
    expect(chooseSlot("delivery", 1, [])).toBe(0);
    expect(chooseSlot("delivery", 1, [0, 1])).toBe(2);
    expect(chooseSlot("delivery", 1, [0, 1, 2, 3])).toBe(4);
    expect(chooseSlot("delivery", 3, [5])).toBeUndefined();
  });

  it("gives the fewest uses that are enough", () => {
    expect(chooseSlot("delivery", 2, [])).toBe(4);
    expect(chooseSlot("pickup", 3, [])).toBe(0);
    expect(chooseSlot("pickup", 6, [])).toBe(1);
    expect(chooseSlot("pickup", 11, [])).toBeUndefined();
  });
});
