import { describe, expect, it } from "vitest";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./rig.ts";
import { Lock } from "../../../firmware/core/lock.ts";

const TODAY = delivery(MORNING / HOUR - 9, 24, 0); // the whole UTC day, single use

describe("a single-use delivery code", () => {
  it("opens the box once: the lid is released and the open is logged with the code", () => {
    const rig = BoxRig.provisioned();
    rig.enter(codeFor(TODAY));
    expect(rig.pulses()).toBe(1);
    expect(rig.box.lockState()).toBe(Lock.Unlocked);
    expect(rig.patterns).toEqual(expect.arrayContaining(["accepted"]));
    expect(rig.log()).toContain(`open by=delivery code=D-${TODAY.start}-24-0 usesLeft=0`);
  });

  it("never opens again: the second entry is wrong and the lid stays locked", () => {
    const rig = BoxRig.provisioned();
    rig.enter(codeFor(TODAY));
    rig.deliver();
    rig.patterns.length = 0;
    rig.wait(60_000);
    rig.enter(codeFor(TODAY));
    expect(rig.pulses()).toBe(1);
    expect(rig.box.lockState()).toBe(Lock.Locked);
    expect(rig.patterns).toContain("wrong");
    expect(rig.patterns).not.toContain("accepted");
    expect(rig.log().filter((e) => e.startsWith("open "))).toHaveLength(1);
  });

  it("never opens again after a power cut either (the use is on flash)", () => {
    let rig = BoxRig.provisioned();
    rig.enter(codeFor(TODAY));
    rig.deliver();
    rig = rig.powerCycle();
    rig.enter(codeFor(TODAY));
    expect(rig.pulses()).toBe(0);
    expect(rig.patterns).toContain("wrong");
  });

  it("a code the box was never given a window for (another day) does not open", () => {
    const rig = BoxRig.provisioned();
    rig.enter(codeFor(delivery(TODAY.start + 24, 24, 0)));
    expect(rig.pulses()).toBe(0);
    expect(rig.patterns).toContain("wrong");
  });
});
