/**
 * A key held longer than STUCK_KEY_MS (firmware/core/matrix.ts reports it; test/core/matrix.test.ts
 * holds the scanner to it) is logged once by the box, and the box carries on with the others.
 */
import { describe, expect, it } from "vitest";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./rig.ts";

describe("a stuck key", () => {
  it("is logged once, with the key, each time the keypad reports it", () => {
    const rig = BoxRig.provisioned();
    rig.fake.stuckHandler("5");
    expect(rig.log().pop()).toBe("key-stuck key=5");
    rig.fake.stuckHandler("*#");
    expect(rig.log().slice(-2)).toEqual(["key-stuck key=*", "key-stuck key=#"]);
  });

  it("leaves the box taking codes", () => {
    const rig = BoxRig.provisioned();
    rig.fake.stuckHandler("5");
    rig.enter(codeFor(delivery(MORNING / HOUR - 9, 24, 0)));
    expect(rig.pulses()).toBe(1);
  });
});
