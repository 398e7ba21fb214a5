/** The box's memory (firmware/core/box-memory.ts): the box's fields over the store's keys. */
import { describe, expect, it } from "vitest";
import { boxMemory } from "../../../firmware/core/box-memory.ts";
import { Limiter, LIMITER_POLICY, newLimiter, type CodeId, codeIdText } from "../../../firmware/core/codes/index.ts";
import { SETTINGS } from "../../../firmware/core/host/settings.ts";
import { Setting } from "../../../firmware/core/settings.ts";
import { LogEvent } from "../../../firmware/core/store/events.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { NorFlash } from "../../fakes/nor-flash.ts";
import { SECRET } from "./script.ts";
import { auditEvents, stateOf } from "./view.ts";
import { storeOf } from "../box/rig.ts";

const T = 217_000_000;
const code = (slot: number): CodeId => ({ kind: "delivery", start: 61_000, hours: 24, slot });

describe("the box's memory", () => {
  it("keeps every field across a restart", () => {
    const flash = new NorFlash();
    const memory = boxMemory(flash, nodeHasher);
    expect(memory.keys).toBeUndefined();
    expect(memory.provision(SECRET, "box-7", T, [{ name: "relockIfNotOpenedMs", value: 30_000 }])).toBe(true);
    const limiter = [2, T + 60, 7, T];
    const owner = [7_233_000, -1, -1, -1, 0, 0, 0];
    expect(memory.save(limiter, owner, T + 100, true)).toBe(true);
    expect(memory.save(undefined, undefined, T + 200, false)).toBe(true);
    expect(memory.codeUsed("D-61000-24-1", 1, T + 86_400, limiter)).toBe(true);
    expect(memory.revoke("D-61000-24-2", code(2), T)).toBe(true);
    const again = boxMemory(flash, nodeHasher);
    expect(again.keys).toEqual(memory.keys);
    expect(again.keys).toBeDefined();
    expect(again.boxId()).toBe("box-7");
    expect(again.setting(Setting.RelockIfNotOpenedMs)).toBe(30_000);
    expect(again.setting(Setting.UnlockPulseMs)).toBe(SETTINGS[0].defaultValue);
    expect(again.limiterAt(T + 5000)).toEqual(limiter);
    expect(again.owner()).toEqual(owner);
    expect(again.clockCheckpoint()).toBe(T + 200);
    expect(again.clockSetAt()).toBe(T + 100);
    expect(again.usesSpent(codeIdText(code(1)))).toBe(1);
    expect(again.usesSpent(codeIdText(code(9)))).toBe(0);
    expect(again.isRevoked(codeIdText(code(2)))).toBe(true);
    expect(again.isRevoked(codeIdText(code(1)))).toBe(false);
  });

  it("starts with no checkpoint, no clock set by the owner, and a fresh limiter", () => {
    const memory = boxMemory(new NorFlash(), nodeHasher);
    expect(memory.clockCheckpoint()).toBe(-1);
    expect(memory.clockSetAt()).toBe(-1);
    expect(memory.owner()).toBeUndefined();
    expect(memory.limiterAt(T)).toEqual(newLimiter(LIMITER_POLICY, T));
    expect(memory.boxId()).toBe("");
  });

  it("refuses a secret that is not 20 bytes, and an unknown setting, changing nothing", () => {
    const flash = new NorFlash();
    const memory = boxMemory(flash, nodeHasher);
    expect(memory.provision(SECRET.slice(1), "box", T, [])).toBe(false);
    expect(memory.provision(SECRET, "box", T, [{ name: "noSuchSetting", value: 1 }])).toBe(false);
    expect(memory.setSetting("noSuchSetting", 1, T)).toBe(false);
    expect(memory.keys).toBeUndefined();
    expect(memory.eventCount()).toBe(0);
    expect(storeOf(boxMemory(flash, nodeHasher)).kv).toEqual({});
  });

  it("hands out values: changing what it returns changes nothing stored", () => {
    const memory = boxMemory(new NorFlash(), nodeHasher);
    memory.provision(SECRET, "box", T, []);
    memory.limiterAt(T)[Limiter.Streak] = 9;
    expect(memory.limiterAt(T)[Limiter.Streak]).toBe(0);
  });

  it("logs a setting change by the setting's index", () => {
    const memory = boxMemory(new NorFlash(), nodeHasher);
    expect(memory.setSetting("buzzerEnabled", 0, T)).toBe(true);
    expect(memory.setting(Setting.BuzzerEnabled)).toBe(0);
    expect(auditEvents(memory.readEvents(0, 1))).toEqual([{ index: 0, at: T, type: LogEvent.SettingChanged, a: 7, b: 0, c: 0 }]);
  });

  it("factory reset forgets everything, then logs that it did", () => {
    const flash = new NorFlash();
    const memory = boxMemory(flash, nodeHasher);
    memory.provision(SECRET, "box", T, []);
    memory.log(T, LogEvent.PowerUp, 1, 0, 0);
    memory.factoryReset(T + 5, false);
    expect(memory.keys).toBeUndefined();
    const again = boxMemory(flash, nodeHasher);
    expect(stateOf(storeOf(again)).provisioned).toBe(false);
    expect(auditEvents(again.readEvents(0, 10))).toEqual([{ index: 0, at: T + 5, type: LogEvent.FactoryReset, a: 0, b: 0, c: 0 }]);
    // By the service button at power-up: a = 1.
    again.factoryReset(T + 9, true);
    expect(auditEvents(boxMemory(flash, nodeHasher).readEvents(0, 10))).toEqual([{ index: 0, at: T + 9, type: LogEvent.FactoryReset, a: 1, b: 0, c: 0 }]);
  });
});

describe("provisioning a new secret", () => {
  it("forgets the old secret's code uses and revocations, and keeps them for the same secret", () => {
    const flash = new NorFlash();
    const memory = boxMemory(flash, nodeHasher);
    const a = "A".repeat(20);
    const b = "B".repeat(20);
    const limiter = newLimiter(LIMITER_POLICY, T);
    expect(memory.provision(a, "box", T, [])).toBe(true);
    expect(memory.codeUsed("D-61000-24-0", 1, T + 999_999, limiter)).toBe(true);
    expect(memory.revoke("D-61000-24-1", code(1), T)).toBe(true);
    expect(memory.provision(a, "box", T + 100, [])).toBe(true);
    expect(memory.usesSpent(codeIdText(code(0)))).toBe(1);
    expect(memory.isRevoked(codeIdText(code(1)))).toBe(true);
    expect(memory.provision(b, "box", T + 200, [])).toBe(true);
    expect(memory.usesSpent(codeIdText(code(0)))).toBe(0);
    expect(memory.isRevoked(codeIdText(code(1)))).toBe(false);
    const reopened = boxMemory(flash, nodeHasher);
    expect(reopened.usesSpent(codeIdText(code(0)))).toBe(0);
    expect(stateOf(storeOf(reopened)).secret).toBe(b);
  });
});
