import { describe, expect, it } from "vitest";
import {
  limiterFromValues,
  Limiter,
  limiterAccepted,
  limiterCharge,
  limiterLift,
  limiterWait,
  newLimiter,
  LIMITER_POLICY as policy,
  Rule,
  type LimiterState,
} from "../../../firmware/core/codes/limiter.ts";

const t0 = 220000000;

/** The streak lock-out a wrong code sets when it is the `streak`-th in a row (bucket full). */
function lockSeconds(streak: number): number {
  const next = limiterCharge([streak - 1, 0, policy[Rule.BucketSize], t0], policy, t0);
  if (next === undefined) throw new Error("refused");
  return next[Limiter.LockedUntil] === 0 ? 0 : next[Limiter.LockedUntil] - t0;
}

/** `count` wrong codes, each typed as soon as the keypad takes one; returns the state and time. */
function wrongCodes(state: LimiterState, at: number, count: number): { state: LimiterState; at: number } {
  for (let i = 0; i < count; i++) {
    at += limiterWait(state, policy, at);
    const charged = limiterCharge(state, policy, at);
    if (!charged) throw new Error("charge refused when the wait was over");
    state = charged;
  }
  return { state, at };
}

describe("streak lock-out", () => {
  it("lets two wrong codes pass, then locks 30 s on the third", () => {
    const two = wrongCodes(newLimiter(policy, t0), t0, 2);
    expect(limiterWait(two.state, policy, two.at)).toBe(0);
    const three = wrongCodes(two.state, two.at, 1);
    expect(limiterWait(three.state, policy, three.at)).toBe(30);
  });

  it("doubles with each further wrong code", () => {
    expect([3, 4, 5, 6, 7].map((n) => lockSeconds(n))).toEqual([30, 60, 120, 240, 480]);
  });

  it("stops growing at the cap", () => {
    expect(lockSeconds(10)).toBe(3600);
    expect(lockSeconds(1000)).toBe(3600);
  });

  it("accepts nothing while locked out", () => {
    const three = wrongCodes(newLimiter(policy, t0), t0, 3);
    expect(limiterCharge(three.state, policy, three.at + 29)).toBeUndefined();
    expect(limiterCharge(three.state, policy, three.at + 30)).toBeDefined();
  });

  it("is ended by a right code, which refunds the token the entry was charged", () => {
    const two = wrongCodes(newLimiter(policy, t0), t0, 2);
    const charged = limiterCharge(two.state, policy, two.at + 2)!;
    const right = limiterAccepted(charged, policy, two.at + 2);
    expect(right[Limiter.Streak]).toBe(0);
    expect(right[Limiter.LockedUntil]).toBe(0);
    expect(right[Limiter.Tokens]).toBe(two.state[Limiter.Tokens]);
    expect(limiterWait(right, policy, two.at + 2)).toBe(0);
  });
});

describe("long-run bucket", () => {
  it("locks out once the bucket is empty, even when right codes keep ending the streak", () => {
    let state = newLimiter(policy, t0);
    let at = t0;
    let longestStreak = 0;
    for (let i = 0; i < policy[Rule.BucketSize]; i++) {
      state = limiterCharge(state, policy, at)!;
      longestStreak = Math.max(longestStreak, state[Limiter.Streak]);
      at += 2;
      // A driver's right code after every wrong one (while the keypad takes one): no streak.
      const driver = limiterCharge(state, policy, at);
      if (driver) state = limiterAccepted(driver, policy, at);
      at += 2;
    }
    expect(longestStreak).toBe(1);
    expect(state[Limiter.Tokens]).toBe(0);
    expect(limiterWait(state, policy, at)).toBeGreaterThan(policy[Rule.RefillSeconds] - 60);
  });

  it("gives one wrong code back every refill period, up to the bucket size", () => {
    const empty = wrongCodes(newLimiter(policy, t0), t0, policy[Rule.BucketSize]);
    const start = empty.state[Limiter.TokensAt];
    expect(limiterWait(empty.state, policy, start + policy[Rule.RefillSeconds])).toBe(0);
    const later = limiterCharge(empty.state, policy, start + 3 * policy[Rule.RefillSeconds] + 5)!;
    expect(later[Limiter.Tokens]).toBe(2);
    const muchLater = limiterCharge(empty.state, policy, start + 100 * policy[Rule.RefillSeconds])!;
    expect(muchLater[Limiter.Tokens]).toBe(policy[Rule.BucketSize] - 1);
  });

  it("gives nothing back while the clock reads earlier than the bucket's last update", () => {
    const empty = wrongCodes(newLimiter(policy, t0), t0, policy[Rule.BucketSize]);
    expect(limiterWait(empty.state, policy, empty.state[Limiter.TokensAt] - 86400)).toBeGreaterThan(policy[Rule.RefillSeconds]);
  });

  it("refills the bucket when the owner lifts the lock-out over USB", () => {
    const empty = wrongCodes(newLimiter(policy, t0), t0, policy[Rule.BucketSize]);
    const lifted = limiterLift(policy, empty.at);
    expect(lifted[Limiter.Tokens]).toBe(policy[Rule.BucketSize]);
    expect(limiterWait(lifted, policy, empty.at)).toBe(0);
  });
});

describe("limiter state across a power cut", () => {
  it("round-trips through the integers the store keeps", () => {
    const state = wrongCodes(newLimiter(policy, t0), t0, 4).state;
    expect(state).toEqual([4, state[Limiter.LockedUntil], 6, state[Limiter.TokensAt]]);
    expect(limiterFromValues(state.slice(), policy)).toEqual(state);
  });

  it("keeps the lock-out after a restore: a power cut does not shorten it", () => {
    const locked = wrongCodes(newLimiter(policy, t0), t0, 5);
    const restored = limiterFromValues(locked.state.slice(), policy)!;
    expect(limiterWait(restored, policy, locked.at + 1)).toBe(limiterWait(locked.state, policy, locked.at + 1));
    expect(limiterWait(restored, policy, locked.at + 1)).toBeGreaterThan(0);
  });

  it("refuses a list of the wrong length or with impossible values", () => {
    for (const bad of [[4, 0, 6], [4, 0, 6, 1, 9], [4, 0, 11, 1], [-1, 0, 6, 1], [4, -5, 6, 1], []]) {
      expect(limiterFromValues(bad, policy), String(bad)).toBeUndefined();
    }
  });
});
