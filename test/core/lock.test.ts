/**
 * The lock and the lid (box.ts Box.unlock and Box.lidChanged), driven through the whole box: a
 * code unlocks, the lid switch moves, the log and the signals say what the lock did.
 */
import { describe, expect, it } from "vitest";
import { MAX_COIL_MS } from "../../firmware/core/settings.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./box/rig.ts";
import { Lock } from "../../firmware/core/lock.ts";

const CODE = codeFor(delivery(MORNING / HOUR - 9, 48, 0));
const SECOND = codeFor(delivery(MORNING / HOUR - 9, 48, 1));

/** A provisioned box with a 1500 ms pulse (or `pulseMs`), its flash-stored settings applied. */
function setup(pulseMs = 1500): BoxRig {
  return BoxRig.provisioned({ settings: { unlockPulseMs: pulseMs } });
}

/** The lock's events in the log, in order. */
function lockLog(rig: BoxRig): string[] {
  return rig.log().filter((e) => /^(open|lid-|not-opened)/.test(e)).map((e) => e.split(" ")[0]);
}

describe("lock and lid", () => {
  it("an unlock pulses the coil once for the set time", () => {
    const rig = setup(1500);
    rig.enter(CODE);
    expect(rig.fake.coilPulses.map((p) => p.ms)).toEqual([1500]);
    expect(rig.box.lockState()).toBe(Lock.Unlocked);
  });

  // (A longer value left in flash: coil-limit.test.ts.)
  it("the coil pulse never exceeds MAX_COIL_MS, whatever the setting", () => {
    const rig = setup(MAX_COIL_MS);
    rig.enter(CODE);
    expect(rig.fake.longestPulse()).toBe(MAX_COIL_MS);
  });

  it("a second unlock while waiting for the lid does not pulse again", () => {
    const rig = setup();
    rig.enter(CODE);
    rig.wait(1000);
    rig.enter(SECOND);
    expect(rig.fake.coilPulses).toHaveLength(1);
    expect(rig.box.lockState()).toBe(Lock.Unlocked);
  });

  it("relocks when the lid is not opened in time", () => {
    const rig = setup();
    rig.enter(CODE);
    rig.wait(20_000);
    expect(rig.box.lockState()).toBe(Lock.Locked);
    expect(rig.log().some((e) => e.startsWith("not-opened"))).toBe(true);
    expect(rig.patterns.pop()).toBe("relocked");
  });

  it("opening after an unlock is authorised and closing locks", () => {
    const rig = setup();
    rig.enter(CODE);
    rig.wait(500);
    rig.lid(true);
    expect(rig.box.lockState()).toBe(Lock.Open);
    rig.lid(false);
    expect(rig.box.lockState()).toBe(Lock.Locked);
    expect(lockLog(rig).slice(-3)).toEqual(["open", "lid-opened", "lid-closed"]);
  });

  it("opening the lid releases the coil at once", () => {
    const rig = setup();
    rig.enter(CODE);
    const before = rig.fake.coilReleases;
    rig.lid(true);
    expect(rig.fake.coilReleases).toBe(before + 1);
  });

  it("a lid opened while locked is forced", () => {
    const rig = setup();
    rig.lid(true);
    expect(rig.box.lockState()).toBe(Lock.Forced);
    expect(lockLog(rig).slice(-1)).toEqual(["lid-forced"]);
  });

  it("a lid left open raises the alarm after the set time", () => {
    const rig = setup();
    rig.enter(CODE);
    rig.lid(true);
    rig.wait(299_999);
    expect(lockLog(rig)).not.toContain("lid-left-open");
    rig.wait(1);
    expect(lockLog(rig)).toContain("lid-left-open");
  });

  it("closing the lid before the alarm time raises nothing", () => {
    const rig = setup();
    rig.enter(CODE);
    rig.lid(true);
    rig.lid(false);
    rig.wait(1_000_000);
    expect(lockLog(rig)).not.toContain("lid-left-open");
  });

  it("no unlock while the lid is open", () => {
    const rig = setup();
    rig.lid(true);
    expect(rig.authenticated("LOCKTEST").join(" ")).toContain("E_STATE");
    expect(rig.fake.coilPulses).toHaveLength(0);
  });

  it("a box that powers up with the lid open counts it as forced", () => {
    const rig = setup();
    rig.lid(true);
    expect(rig.powerCycle().box.lockState()).toBe(Lock.Forced);
  });

  it("leaves no timer of the lock running once locked again (idle means asleep)", () => {
    const rig = setup();
    rig.wait(5000);
    const idle = rig.fake.timers.pending();
    rig.enter(CODE);
    rig.wait(25_000);
    expect(rig.fake.timers.pending()).toBe(idle);
    rig.enter(SECOND);
    rig.lid(true);
    rig.lid(false);
    rig.wait(10_000);
    expect(rig.fake.timers.pending()).toBe(idle);
  });
});
