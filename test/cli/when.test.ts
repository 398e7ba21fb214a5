import { describe, expect, it } from "vitest";
import { localWindowText, parseWhen } from "../../tools/cli/when.ts";

const NOW = new Date("2026-11-28T09:30:00Z");

describe("--from times in the box's local zone", () => {
  it.each([
    ["now", 0, "2026-11-28T09:30:00.000Z"],
    ["today", 1, "2026-11-27T23:00:00.000Z"],
    ["tomorrow 08:00", 1, "2026-11-29T07:00:00.000Z"],
    ["tomorrow", -5, "2026-11-29T05:00:00.000Z"],
    ["2026-12-01", 2, "2026-11-30T22:00:00.000Z"],
    ["2026-12-01 14:30", 0, "2026-12-01T14:30:00.000Z"],
    ["2026-12-01T14:30:00+02:00", 5, "2026-12-01T12:30:00.000Z"],
  ])("reads %s at UTC%+d", (text, zone, iso) => {
    expect(parseWhen(text, NOW, zone)?.toISOString()).toBe(iso);
  });

  it.each(["", "yesterday", "tomorrow 25:00", "2026-02-30", "2026-12-01T14:30:00", "28/11/2026"])("refuses %j", (text) => {
    expect(parseWhen(text, NOW, 0)).toBeUndefined();
  });
});

describe("windows as the owner reads them", () => {
  it("writes a whole local day as 00:00-24:00", () => {
    expect(localWindowText(new Date("2026-11-27T23:00:00Z"), new Date("2026-11-28T23:00:00Z"), 1)).toBe("Sat 28 Nov 00:00-24:00");
  });

  it("writes a window over several days with both ends", () => {
    expect(localWindowText(new Date("2026-11-28T00:00:00Z"), new Date("2026-11-30T00:00:00Z"), 0)).toBe("Sat 28 Nov 00:00 to Sun 29 Nov 24:00");
  });

  it("writes hours within a day as a range", () => {
    expect(localWindowText(new Date("2026-11-28T08:00:00Z"), new Date("2026-11-28T16:00:00Z"), 0)).toBe("Sat 28 Nov 08:00-16:00");
  });
});
