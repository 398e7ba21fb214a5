import { describe, expect, it } from "vitest";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./rig.ts";

// 10:00-11:00 UTC on the test day: its first second and its end (the first second after it).
const TEN = delivery(MORNING / HOUR + 1, 1, 0);
const START = TEN.start * HOUR;
const END = (TEN.start + 1) * HOUR;

describe("a delivery code's window", () => {
  it("opens in the last minute of its window", () => {
    const rig = BoxRig.provisioned();
    rig.enterAt(codeFor(TEN), END - 60);
    expect(rig.pulses()).toBe(1);
  });

  it("opens in the last second of its window", () => {
    const rig = BoxRig.provisioned();
    rig.enterAt(codeFor(TEN), END - 1);
    expect(rig.pulses()).toBe(1);
  });

  it("does not open one second after its window ends", () => {
    const rig = BoxRig.provisioned();
    rig.enterAt(codeFor(TEN), END);
    expect(rig.pulses()).toBe(0);
    expect(rig.patterns).toContain("wrong");
  });

  it("does not open in the last second before its window starts", () => {
    const rig = BoxRig.provisioned();
    rig.enterAt(codeFor(TEN), START - 1);
    expect(rig.pulses()).toBe(0);
  });

  it("does not open a day later, nor after a power cut that lost time (the clock is checkpointed)", () => {
    let rig = BoxRig.provisioned();
    rig.enterAt(codeFor(TEN), END + 5);
    expect(rig.pulses()).toBe(0);
    // The DS3231 comes back in the window, behind the checkpoint: not believed, the box is not ready.
    rig = rig.powerCycle({ ds3231Seconds: START });
    rig.enter(codeFor(TEN));
    expect(rig.pulses()).toBe(0);
    expect(rig.patterns.pop()).toBe("not-ready");
    expect(rig.authenticated(`CLOCK SET time=${END + 24 * HOUR - 60}`).pop()).toMatch(/ OK/);
    rig.enterAt(codeFor(TEN), END + 24 * HOUR);
    expect(rig.pulses()).toBe(0);
  });
});
