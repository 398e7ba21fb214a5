import { describe, expect, it } from "vitest";
import { SETTINGS } from "../../../firmware/core/host/settings.ts";
import { MAX_COIL_MS } from "../../../firmware/core/settings.ts";
import { Key } from "../../../firmware/core/store/layout.ts";
import { ints, item, put } from "../../../firmware/core/store/store.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING, storeOf } from "./rig.ts";

const CODE = codeFor(delivery(MORNING / HOUR - 9, 24, 5));

/** Writes a setting's value straight into the store, past the box's checks (an older or damaged store). */
function storeRaw(rig: BoxRig, name: string, value: number): boolean {
  const index = SETTINGS.findIndex((s) => s.name === name);
  return put(storeOf(rig.box.memory), item(Key.Setting + String.fromCharCode(index), ints([value])));
}

describe("the unlock pulse's hard maximum", () => {
  it("SETTINGS SET refuses a pulse longer than MAX_COIL_MS and keeps the old value", () => {
    const rig = BoxRig.provisioned();
    expect(rig.authenticated(`SETTINGS SET unlockPulseMs=${MAX_COIL_MS + 1}`)[0]).toMatch(/ ERR E_RANGE /);
    expect(BoxRig.field(rig.authenticated("SETTINGS GET"), "unlockPulseMs")).toBe("500");
    rig.enter(CODE);
    expect(rig.fake.coilPulses.map((p) => p.ms)).toEqual([500]);
  });

  it("PROVISION refuses a pulse longer than MAX_COIL_MS", () => {
    const rig = BoxRig.blank();
    const answer = rig.request(`PROVISION secret=${"11".repeat(20)} clock=${rig.now()} unlockPulseMs=60000`);
    expect(answer[0]).toMatch(/ ERR E_RANGE /);
    expect(rig.box.memory.keys).toBeUndefined();
  });

  it("the longest allowed setting pulses exactly MAX_COIL_MS", () => {
    const rig = BoxRig.provisioned();
    expect(rig.authenticated(`SETTINGS SET unlockPulseMs=${MAX_COIL_MS}`)[0]).toMatch(/ OK/);
    rig.enter(CODE);
    expect(rig.fake.longestPulse()).toBe(MAX_COIL_MS);
  });

  it("a longer value already in flash (an older or damaged store) never makes a longer pulse", () => {
    let rig = BoxRig.provisioned({ settings: { homeInputEnabled: 1 } });
    expect(storeRaw(rig, "unlockPulseMs", 60_000)).toBe(true);
    rig = rig.powerCycle();
    rig.enter(CODE);
    rig.deliver();
    rig.authenticated("LOCKTEST");
    rig.lid(true);
    rig.lid(false);
    rig.fake.homeOpen();
    expect(rig.pulses()).toBe(3);
    expect(rig.fake.longestPulse()).toBeLessThanOrEqual(MAX_COIL_MS);
  });

  it("SETTINGS GET reports the value the box uses, not an out-of-range value left in flash", () => {
    let rig = BoxRig.provisioned();
    expect(storeRaw(rig, "unlockPulseMs", 60_000)).toBe(true);
    rig = rig.powerCycle();
    expect(rig.authenticated("SETTINGS GET").join(" ")).toMatch(/ unlockPulseMs=500\b/);
  });

  it("entering a code again while the lid is released does not pulse again", () => {
    const rig = BoxRig.provisioned();
    rig.enter(CODE);
    rig.enter(CODE);
    expect(rig.pulses()).toBe(1);
  });
});
