import { describe, expect, it } from "vitest";
import { SETTING_ABOUT, settingProblem, SETTINGS } from "../../firmware/core/host/settings.ts";
import { MAX_COIL_MS, settingIndex, settingName, settingNames, Setting, settingValue, SETTING_COUNT, SETTING_LIMITS } from "../../firmware/core/settings.ts";

describe("the settings table (names in one string, limits in one integer list)", () => {
  it("has every setting in index order, with its default, range and words (the log and the journal know them by index)", () => {
    expect(SETTINGS.map((s) => [s.name, s.defaultValue, s.min, s.max])).toEqual([
      ["unlockPulseMs", 500, 100, MAX_COIL_MS],
      ["relockIfNotOpenedMs", 20000, 5000, 120000],
      ["lidOpenAlarmMs", 300000, 30000, 3600000],
      ["entryTimeoutMs", 15000, 5000, 60000],
      ["zoneOffsetHours", 0, -12, 14],
      ["homeInputEnabled", 0, 0, 1],
      ["deliverySignalMs", 5000, 0, 600000],
      ["buzzerEnabled", 1, 0, 1],
      ["cells", 0, 0, 4],
      ["batteryTrim", 1000, 800, 1200],
    ]);
    expect(SETTING_LIMITS.length).toBe(3 * SETTING_COUNT);
    expect(Object.keys(SETTING_ABOUT)).toEqual(SETTINGS.map((s) => s.name));
    for (const s of SETTINGS) expect(s.min <= s.defaultValue && s.defaultValue <= s.max, s.name).toBe(true);
  });

  it("is one space-separated string a name is found in natively", () => {
    expect(settingNames()).toBe(" " + SETTINGS.map((s) => s.name).join(" ") + " ");
    SETTINGS.forEach((s, i) => {
      expect(settingIndex(s.name)).toBe(i);
      expect(settingName(i)).toBe(s.name);
    });
  });

  it("numbers each setting the box reads (Setting) by its index", () => {
    const byName: Record<string, Setting> = {
      unlockPulseMs: Setting.UnlockPulseMs,
      relockIfNotOpenedMs: Setting.RelockIfNotOpenedMs,
      lidOpenAlarmMs: Setting.LidOpenAlarmMs,
      entryTimeoutMs: Setting.EntryTimeoutMs,
      zoneOffsetHours: Setting.ZoneOffsetHours,
      homeInputEnabled: Setting.HomeInputEnabled,
      deliverySignalMs: Setting.DeliverySignalMs,
      buzzerEnabled: Setting.BuzzerEnabled,
      cells: Setting.Cells,
      batteryTrim: Setting.BatteryTrim,
    };
    expect(Object.keys(byName)).toEqual(SETTINGS.map((s) => s.name));
    for (const [name, index] of Object.entries(byName)) expect(settingName(index)).toBe(name);
  });

  it("knows no name that is not a whole setting name", () => {
    for (const name of ["", " ", "Ms", "cell", "ells", "Cells", "cells ", " cells", "cells batteryTrim", "unlockPulseMs relockIfNotOpenedMs"]) {
      expect(settingIndex(name), JSON.stringify(name)).toBe(-1);
      expect(settingProblem(name, 1)).toBe("unknown setting " + name);
    }
    for (const index of [-1, SETTING_COUNT, SETTING_COUNT + 1, 99]) expect(settingName(index)).toBe("");
  });

  it("reads a stored value out of range or not whole as the default, and refuses it from the owner", () => {
    const coil = settingIndex("unlockPulseMs");
    expect(settingValue(coil, MAX_COIL_MS)).toBe(MAX_COIL_MS);
    expect(settingValue(coil, MAX_COIL_MS + 1)).toBe(500);
    expect(settingValue(coil, 99)).toBe(500);
    expect(settingValue(coil, 100.5)).toBe(500);
    expect(settingProblem("unlockPulseMs", MAX_COIL_MS)).toBeUndefined();
    expect(settingProblem("unlockPulseMs", MAX_COIL_MS + 1)).toBe(`unlockPulseMs must be between 100 and ${MAX_COIL_MS}`);
    expect(settingProblem("zoneOffsetHours", -13)).toBe("zoneOffsetHours must be between -12 and 14");
    expect(settingProblem("cells", 1.5)).toBe("cells must be a whole number");
  });
});
