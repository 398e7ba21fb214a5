/**
 * The attempt limiter: a pure state machine over box seconds; the caller persists its state.
 *
 * Two limits, both on wrong codes:
 * - a growing lock-out on consecutive wrong codes (the streak), which a driver who mistypes
 *   notices and an attacker in a hurry meets;
 * - a token bucket (LIMITER_POLICY.bucketSize wrong codes, one back every refillSeconds), which
 *   alone bounds the guesses in a year, however many right codes reset the streak in between.
 *
 * An attempt is charged as wrong BEFORE the entry is checked (limiterCharge, persisted), and
 * refunded when it turns out right (limiterAccepted). Cutting the power after a wrong code is
 * shown therefore saves the attacker nothing. Times are absolute box seconds, and the box clock
 * never runs backwards across a power cut, so a power cut neither resets nor shortens a lock-out.
 */

export interface LimiterPolicy {
  /** Consecutive wrong codes allowed before the first lock-out. */
  freeWrong: number;
  /** The first lock-out (seconds); each further consecutive wrong code doubles it. */
  firstLockSeconds: number;
  /** The longest streak lock-out (seconds). */
  maxLockSeconds: number;
  /** Wrong codes the bucket holds when full. */
  bucketSize: number;
  /** Seconds for one wrong code to come back into the bucket. */
  refillSeconds: number;
}

/** The default policy; docs/codes.md shows why it keeps a year's guessing under 1 %. */
export const LIMITER_POLICY: LimiterPolicy = {
  freeWrong: 2,
  firstLockSeconds: 30,
  maxLockSeconds: 3600,
  bucketSize: 10,
  refillSeconds: 6 * 3600,
};

export interface LimiterState {
  /** Consecutive wrong codes. */
  streak: number;
  /** Box seconds at which the streak lock-out ends (0: none). */
  lockedUntil: number;
  /** Wrong codes left in the bucket as of tokensAt. */
  tokens: number;
  /** Box seconds the bucket was last brought up to date. */
  tokensAt: number;
}

/** A limiter with a full bucket and no streak (provisioning, factory reset). */
export function newLimiter(policy: LimiterPolicy, boxSeconds: number): LimiterState {
  return { streak: 0, lockedUntil: 0, tokens: policy.bucketSize, tokensAt: boxSeconds };
}

/**
 * The bucket as of `now`, as [tokens, tokensAt]. Tokens accrue only for time after tokensAt: if
 * the clock was set back, none accrue until it passes tokensAt again (the safe direction).
 */
function refill(state: LimiterState, policy: LimiterPolicy, now: number): number[] {
  if (now <= state.tokensAt) return [state.tokens, state.tokensAt];
  const back = idiv(now - state.tokensAt, policy.refillSeconds);
  return state.tokens + back >= policy.bucketSize ? [policy.bucketSize, now] : [state.tokens + back, state.tokensAt + back * policy.refillSeconds];
}

/**
 * The state after an entry at `now` (`right` false: charged as wrong; true: refunded as right).
 * A charge spends a token, lengthens the streak and sets its lock-out: none for the first
 * freeWrong, then firstLockSeconds, doubling with each further wrong code up to maxLockSeconds
 * (the doubling stops at the cap: no overflow). A refund gives back the one token and ends the
 * streak and its lock-out.
 */
function settle(state: LimiterState, policy: LimiterPolicy, now: number, right: boolean): LimiterState {
  const bucket = refill(state, policy, now);
  const streak = right ? 0 : state.streak + 1;
  let lock = policy.firstLockSeconds;
  for (let n = policy.freeWrong + 1; n < streak && lock < policy.maxLockSeconds; n++) lock = lock * 2;
  return {
    streak: streak,
    lockedUntil: streak > policy.freeWrong ? now + Math.min(lock, policy.maxLockSeconds) : 0,
    tokens: right ? Math.min(policy.bucketSize, bucket[0] + 1) : bucket[0] - 1,
    tokensAt: bucket[1],
  };
}

/**
 * Seconds until the keypad may take an entry (0: now). While this is above 0 the keypad accepts
 * nothing, owner codes included; the keypad shows the lock-out and roughly how long it lasts.
 */
export function limiterWait(state: LimiterState, policy: LimiterPolicy, now: number): number {
  const bucket = refill(state, policy, now);
  return Math.max(0, state.lockedUntil - now, bucket[0] > 0 ? 0 : bucket[1] + policy.refillSeconds - now);
}

/**
 * Counts an entry as wrong before it is checked (settle). Persist the result before checking
 * the entry. Undefined while locked out.
 */
export function limiterCharge(state: LimiterState, policy: LimiterPolicy, now: number): LimiterState | undefined {
  return limiterWait(state, policy, now) > 0 ? undefined : settle(state, policy, now, false);
}

/**
 * After a right delivery, pickup or owner code: refunds the token the entry was charged and
 * ends the streak and its lock-out. The bucket gets back only that one token: see
 * docs/codes.md for why an owner code does not refill it.
 */
export function limiterAccepted(state: LimiterState, policy: LimiterPolicy, now: number): LimiterState {
  return settle(state, policy, now, true);
}

/**
 * The owner lifts a lock-out over authenticated USB: streak ended, bucket full. Each lift gives
 * an attacker at most bucketSize more guesses; docs/codes.md counts them.
 */
export const limiterLift: (policy: LimiterPolicy, now: number) => LimiterState = newLimiter;

/** The state as the store keeps it (docs/storage.md, journal item 3): integers in this order. */
export function limiterValues(state: LimiterState): number[] {
  return [state.streak, state.lockedUntil, state.tokens, state.tokensAt];
}

/** The state from limiterValues' list, or undefined when it is not such a list or is impossible. */
export function limiterFromValues(v: number[], policy: LimiterPolicy): LimiterState | undefined {
  if (v.length !== 4 || v[0] < 0 || v[1] < 0 || v[2] < 0 || v[2] > policy.bucketSize || v[3] < 0) return undefined;
  return { streak: v[0], lockedUntil: v[1], tokens: v[2], tokensAt: v[3] };
}
