/** The drift correction of the owner's window: ppm * elapsed / 10^6 seconds, without dropping the elapsed time's last 999 s. */
import { describe, expect, it } from "vitest";
import { Owner, predictedGain, type OwnerState } from "../../../firmware/core/codes/owner.ts";

const LAST = 1_000_000;

function learned(ppm: number): OwnerState {
  // lastStep, drift, lastAt, anchorAt, anchorError, ppm, ppmSpan
  return [-1, 0, LAST, -1, 0, ppm, 86_400];
}

describe("predicted gain of the box clock since the last owner code", () => {
  it("counts the elapsed seconds below a multiple of 1000 (10 % fast, 999 s: 99 s gained)", () => {
    expect(predictedGain(learned(100_000), LAST + 999)).toBe(99);
  });

  it("is exact just over and just under multiples of 1000 s", () => {
    expect(predictedGain(learned(100_000), LAST + 1000)).toBe(100);
    expect(predictedGain(learned(100_000), LAST + 1001)).toBe(100);
    expect(predictedGain(learned(100_000), LAST + 1999)).toBe(199);
    expect(predictedGain(learned(100_000), LAST + 2000)).toBe(200);
  });

  it("rounds down, for a slow clock too (floor of ppm * elapsed / 10^6)", () => {
    expect(predictedGain(learned(-100_000), LAST + 999)).toBe(-100);
    expect(predictedGain(learned(-100_000), LAST + 1000)).toBe(-100);
    expect(predictedGain(learned(333), LAST + 86_399)).toBe(Math.floor((333 * 86_399) / 1e6));
    expect(predictedGain(learned(-333), LAST + 86_399)).toBe(Math.floor((-333 * 86_399) / 1e6));
  });

  it("stays exact at the largest rate and the 30-day extrapolation limit (32-bit products)", () => {
    const days30 = 30 * 86_400;
    expect(predictedGain(learned(200_000), LAST + days30 - 1)).toBe(Math.floor((200_000 * (days30 - 1)) / 1e6));
    expect(predictedGain(learned(-200_000), LAST + days30 - 1)).toBe(Math.floor((-200_000 * (days30 - 1)) / 1e6));
    expect(predictedGain(learned(200_000), LAST + 10 * days30)).toBe(Math.floor((200_000 * days30) / 1e6));
  });

  it("is 0 without a learned rate or before the last code", () => {
    expect(predictedGain(learned(100_000).map((v, i) => (i === Owner.PpmSpan ? 0 : v)), LAST + 5000)).toBe(0);
    expect(predictedGain(learned(100_000), LAST - 5)).toBe(0);
  });
});
