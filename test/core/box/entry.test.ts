/**
 * The code entry at the keypad (box.ts keyPressed): digits add up, `*` starts again, `#` submits,
 * a digit beyond the longest code is refused at once, and anything that is not a keypad key is
 * ignored. (The entry timeout: key-wake.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { CODE_DIGITS, Limiter } from "../../../firmware/core/codes/index.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./rig.ts";

const CODE = codeFor(delivery(MORNING / HOUR - 9, 48, 0));

/** The wrong-code events logged. */
function wrongCodes(rig: BoxRig): string[] {
  return rig.log().filter((e) => e.startsWith("wrong-code"));
}

describe("the code entry", () => {
  it("# submits the digits typed", () => {
    const rig = BoxRig.provisioned();
    rig.enter(CODE);
    expect(rig.pulses()).toBe(1);
  });

  it("* clears what was typed", () => {
    const rig = BoxRig.provisioned();
    rig.fake.type("999*");
    rig.enter(CODE);
    expect(rig.pulses()).toBe(1);
    expect(wrongCodes(rig)).toEqual([]);
  });

  it("# with nothing typed submits nothing: no guess is charged, a click answers", () => {
    const rig = BoxRig.provisioned();
    rig.fake.type("#");
    expect(rig.patterns).toEqual(["key"]);
    expect(wrongCodes(rig)).toEqual([]);
    expect(rig.box.memory.limiterAt(rig.now())[Limiter.Streak]).toBe(0);
  });

  it("a digit beyond the longest code is refused at once and clears the entry", () => {
    const rig = BoxRig.provisioned();
    rig.fake.type("1".repeat(CODE_DIGITS + 1));
    expect(rig.patterns.pop()).toBe("wrong");
    rig.fake.type("#");
    expect(rig.patterns.pop()).toBe("key");
    expect(wrongCodes(rig)).toEqual([]);
    rig.enter(CODE);
    expect(rig.pulses()).toBe(1);
  });

  it("ignores anything that is not a keypad key", () => {
    const rig = BoxRig.provisioned();
    rig.fake.type("1234");
    rig.fake.type("AB"); // a key the matrix does not have, counted as the decoder counts any
    rig.fake.type("5678#");
    expect(rig.patterns.filter((p) => p === "key").length).toBe(8);
    expect(wrongCodes(rig)).toEqual(["wrong-code streak=1 digits=8"]);
  });
});
