import { describe, expect, it } from "vitest";
import {
  ownerFromValues,
  Owner,
  newOwnerState,
  ownerClockWasSet,
  verifyOwnerCode,
  type OwnerState,
} from "../../../firmware/core/codes/owner.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { boxTime, ownerKey, referenceTotp, stepAt } from "./fixtures.ts";

// 10 s into a step, so that "now" is unambiguous.
const now = boxTime("2026-11-28T10:00:10Z");
const step = stepAt(now);

/** verifyOwnerCode's answer, named: refused (undefined) keeps the state; accepted gives the new one, whose LastStep opened. */
function check(state: OwnerState, at: number, code: string): { accepted: boolean; step: number; state: OwnerState } {
  const next = verifyOwnerCode(nodeHasher, ownerKey, state, at, code);
  return next === undefined ? { accepted: false, step: -1, state } : { accepted: true, step: next[Owner.LastStep], state: next };
}

describe("owner code acceptance window", () => {
  it("opens with the current step's code from an authenticator app", () => {
    const result = check(newOwnerState(), now, referenceTotp(ownerKey, step));
    expect(result.accepted).toBe(true);
    expect(result.step).toBe(step);
  });

  it("opens with the previous and the next step's codes", () => {
    expect(check(newOwnerState(), now, referenceTotp(ownerKey, step - 1)).accepted).toBe(true);
    expect(check(newOwnerState(), now, referenceTotp(ownerKey, step + 1)).accepted).toBe(true);
  });

  it("does not open with codes two steps away", () => {
    expect(check(newOwnerState(), now, referenceTotp(ownerKey, step - 2)).accepted).toBe(false);
    expect(check(newOwnerState(), now, referenceTotp(ownerKey, step + 2)).accepted).toBe(false);
  });

  it("refuses entries that are not 6 digits, and a wrong code", () => {
    const code = referenceTotp(ownerKey, step);
    expect(check(newOwnerState(), now, code + "0").accepted).toBe(false);
    expect(check(newOwnerState(), now, code.slice(1)).accepted).toBe(false);
    expect(check(newOwnerState(), now, code === "000000" ? "000001" : "000000").accepted).toBe(false);
  });

  it("refuses while the clock is unknown", () => {
    expect(check(newOwnerState(), -1, referenceTotp(ownerKey, step)).accepted).toBe(false);
  });
});

describe("each step opens at most once", () => {
  it("refuses the same code again", () => {
    const first = check(newOwnerState(), now, referenceTotp(ownerKey, step));
    expect(check(first.state, now + 5, referenceTotp(ownerKey, step)).accepted).toBe(false);
  });

  it("refuses an earlier step after a later one opened", () => {
    const first = check(newOwnerState(), now, referenceTotp(ownerKey, step + 1));
    expect(check(first.state, now + 1, referenceTotp(ownerKey, step)).accepted).toBe(false);
  });

  it("opens with the next step's code", () => {
    const first = check(newOwnerState(), now, referenceTotp(ownerKey, step));
    expect(check(first.state, now + 30, referenceTotp(ownerKey, step + 1)).accepted).toBe(true);
  });

  it("keeps refusing a used step after the clock is set", () => {
    const first = check(newOwnerState(), now, referenceTotp(ownerKey, step));
    expect(check(ownerClockWasSet(first.state), now, referenceTotp(ownerKey, step)).accepted).toBe(false);
  });
});

describe("drift", () => {
  it("learns that the phone is a step ahead", () => {
    expect(check(newOwnerState(), now, referenceTotp(ownerKey, step + 1)).state[Owner.Drift]).toBe(1);
  });

  it("follows a box clock that runs slow, a step at a time, beyond the fixed window", () => {
    // The box loses 20 s a day; the owner opens once a day for 10 days.
    let state = newOwnerState();
    for (let day = 1; day <= 10; day++) {
      const phone = now + day * 86400;
      const result = check(state, phone - 20 * day, referenceTotp(ownerKey, stepAt(phone)));
      expect(result.accepted).toBe(true);
      state = result.state;
    }
    expect(state[Owner.Drift]).toBe(stepAt(now + 10 * 86400) - stepAt(now + 10 * 86400 - 200));
    expect(state[Owner.Drift]).toBeGreaterThan(1);
  });

  it("estimates the clock's rate in ppm from two codes a day or more apart", () => {
    // The box loses 20 s a day (-231 ppm); codes on day 0 and day 10 (and daily in between).
    let state = newOwnerState();
    for (let day = 0; day <= 10; day++) {
      const phone = now + day * 86400;
      state = check(state, phone - 20 * day, referenceTotp(ownerKey, stepAt(phone))).state;
    }
    expect(state[Owner.PpmSpan]).toBe(10 * 86400 - 200);
    expect(state[Owner.Ppm]).toBeGreaterThan(-231 - 40);
    expect(state[Owner.Ppm]).toBeLessThan(-231 + 40);
  });

  it("uses the learned rate to open after days without an owner code", () => {
    // The box loses 86.4 s a day (-1000 ppm): three steps a day, more than the window follows alone.
    const loses = (phone: number): number => phone - Math.round(((phone - now) * 1000) / 1e6);
    let state = newOwnerState();
    for (let hours = 0; hours <= 32; hours += 8) {
      const phone = now + hours * 3600;
      const result = check(state, loses(phone), referenceTotp(ownerKey, stepAt(phone)));
      expect(result.accepted).toBe(true);
      state = result.state;
    }
    expect(state[Owner.PpmSpan]).toBeGreaterThan(0);
    const later = now + 32 * 3600 + 3 * 86400;
    expect(check(state, loses(later), referenceTotp(ownerKey, stepAt(later))).accepted).toBe(true);
    const unlearned = state.slice();
    unlearned[Owner.Ppm] = 0;
    unlearned[Owner.PpmSpan] = 0;
    expect(check(unlearned, loses(later), referenceTotp(ownerKey, stepAt(later))).accepted).toBe(false);
  });

  it("gives no rate from two codes less than a day apart", () => {
    const first = check(newOwnerState(), now, referenceTotp(ownerKey, step)).state;
    const later = check(first, now + 3600, referenceTotp(ownerKey, stepAt(now + 3600))).state;
    expect(later[Owner.PpmSpan]).toBe(0);
  });

  it("forgets the learned offset when the clock is set", () => {
    const state = check(newOwnerState(), now, referenceTotp(ownerKey, step + 1)).state;
    expect(ownerClockWasSet(state)[Owner.Drift]).toBe(0);
    expect(ownerClockWasSet(state)[Owner.AnchorAt]).toBe(-1);
  });
});

describe("owner state on flash", () => {
  it("round-trips through the integers the store keeps", () => {
    // lastStep, drift, lastAt, anchorAt, anchorError, ppm, ppmSpan: docs/storage.md's order.
    const state: OwnerState = [59000000, -3, 219000000, 218000000, -45, -1234, 864000];
    expect([state[Owner.LastStep], state[Owner.Drift], state[Owner.LastAt], state[Owner.AnchorAt], state[Owner.AnchorError], state[Owner.Ppm], state[Owner.PpmSpan]]).toEqual([59000000, -3, 219000000, 218000000, -45, -1234, 864000]);
    expect(ownerFromValues(state.slice())).toEqual(state);
  });

  it("refuses a list of the wrong length (an older or damaged record)", () => {
    for (const bad of [[59000000, -3, 218000000, -45, -1234, 0], [1, 2, 3, 4, 5, 6, 7, 8], []]) {
      expect(ownerFromValues(bad), String(bad)).toBeUndefined();
    }
  });
});
