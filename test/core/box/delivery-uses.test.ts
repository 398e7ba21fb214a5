import { describe, expect, it } from "vitest";
import { codeUses } from "../../../firmware/core/codes/index.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./rig.ts";

const DAY = MORNING / HOUR - 9;

/** Enters the code `times` times, delivering after each accepted entry; returns the opens. */
function useRepeatedly(rig: BoxRig, code: string, times: number): number {
  for (let i = 0; i < times; i++) {
    const before = rig.pulses();
    rig.enter(code);
    if (rig.pulses() > before) rig.deliver();
    rig.wait(60_000);
  }
  return rig.pulses();
}

describe("a delivery code with several uses", () => {
  for (const slot of [4, 5]) {
    const id = delivery(DAY, 24, slot);
    const uses = codeUses(id);

    it(`slot ${slot} (${uses} uses) opens exactly ${uses} times, then is wrong`, () => {
      const rig = BoxRig.provisioned();
      expect(useRepeatedly(rig, codeFor(id), uses + 2)).toBe(uses);
      const opens = rig.log().filter((e) => e.startsWith("open by=delivery"));
      expect(opens.map((e) => e.split(" ").pop())).toEqual(Array.from({ length: uses }, (_, i) => `usesLeft=${uses - 1 - i}`));
      expect(rig.patterns.filter((p) => p === "wrong")).toHaveLength(2);
    });

    it(`slot ${slot} counts its uses across power cuts`, () => {
      let rig = BoxRig.provisioned();
      let opens = 0;
      for (let i = 0; i < uses + 1; i++) {
        opens += useRepeatedly(rig, codeFor(id), 1);
        rig = rig.powerCycle();
      }
      expect(opens).toBe(uses);
    });
  }

  it("the uses of one slot do not spend another slot of the same window", () => {
    const rig = BoxRig.provisioned();
    useRepeatedly(rig, codeFor(delivery(DAY, 24, 5)), 3);
    expect(useRepeatedly(rig, codeFor(delivery(DAY, 24, 4)), 3)).toBe(3 + 2);
  });
});
