/**
 * The attempt limiter: a pure state machine over box seconds; the caller persists its state.
 *
 * Two limits, both on wrong codes:
 * - a growing lock-out on consecutive wrong codes (the streak), which a driver who mistypes
 *   notices and an attacker in a hurry meets;
 * - a token bucket (Rule.BucketSize wrong codes, one back every Rule.RefillSeconds), which
 *   alone bounds the guesses in a year, however many right codes reset the streak in between.
 *
 * An attempt is charged as wrong BEFORE the entry is checked (limiterCharge, persisted), and
 * refunded when it turns out right (limiterAccepted). Cutting the power after a wrong code is
 * shown therefore saves the attacker nothing. Times are absolute box seconds, and the box clock
 * never runs backwards across a power cut, so a power cut neither resets nor shortens a lock-out.
 */

/** The limiter's rules: five integers, indexed by const enum Rule (a list: no names in the built files). */
export type LimiterPolicy = number[];

/** The positions in a LimiterPolicy (`const enum`: both builds write the bare number). */
export const enum Rule {
  /** Consecutive wrong codes allowed before the first lock-out. */
  FreeWrong = 0,
  /** The first lock-out (seconds); each further consecutive wrong code doubles it. */
  FirstLockSeconds = 1,
  /** The longest streak lock-out (seconds). */
  MaxLockSeconds = 2,
  /** Wrong codes the bucket holds when full. */
  BucketSize = 3,
  /** Seconds for one wrong code to come back into the bucket. */
  RefillSeconds = 4,
}

/** The default policy; docs/codes.md shows why it keeps a year's guessing under 1 %. */
export const LIMITER_POLICY: LimiterPolicy = [2, 30, 3600, 10, 6 * 3600];

/**
 * The limiter's state: four integers, in the order the store keeps them (docs/storage.md, journal
 * item 3), so that it goes to flash and back without conversion. A list, not an object: no
 * property names in the built files, and one small table in Lua.
 */
export type LimiterState = number[];

/** The positions in a LimiterState (`const enum`: both builds write the bare number). */
export const enum Limiter {
  /** Consecutive wrong codes. */
  Streak = 0,
  /** Box seconds at which the streak lock-out ends (0: none). */
  LockedUntil = 1,
  /** Wrong codes left in the bucket as of TokensAt. */
  Tokens = 2,
  /** Box seconds the bucket was last brought up to date. */
  TokensAt = 3,
}

/** A limiter with a full bucket and no streak (provisioning, factory reset, the owner's LIFT). */
export function newLimiter(policy: LimiterPolicy, boxSeconds: number): LimiterState {
  return [0, 0, policy[Rule.BucketSize], boxSeconds];
}

/**
 * The state after an entry at `now`. First the bucket is brought up to `now`: tokens accrue only
 * for time after TokensAt, so if the clock was set back none accrue until it passes TokensAt
 * again (the safe direction). Then `entry` -1 changes nothing more (limiterWait's view); 0
 * charges a wrong code: a token spent, the streak one longer and its lock-out set (none for the
 * first FreeWrong, then FirstLockSeconds, doubling with each further wrong code up to
 * MaxLockSeconds; the doubling stops at the cap: no overflow); 1 refunds a right one: the one
 * token back, the streak and its lock-out ended.
 */
function settle(state: LimiterState, policy: LimiterPolicy, now: number, entry: number): LimiterState {
  let tokens = state[Limiter.Tokens];
  let at = state[Limiter.TokensAt];
  if (now > at) {
    const back = idiv(now - at, policy[Rule.RefillSeconds]);
    tokens += back;
    at = tokens >= policy[Rule.BucketSize] ? now : at + back * policy[Rule.RefillSeconds];
    tokens = Math.min(tokens, policy[Rule.BucketSize]);
  }
  if (entry < 0) return [state[Limiter.Streak], state[Limiter.LockedUntil], tokens, at];
  const streak = entry > 0 ? 0 : state[Limiter.Streak] + 1;
  let lock = policy[Rule.FirstLockSeconds];
  for (let n = policy[Rule.FreeWrong] + 1; n < streak && lock < policy[Rule.MaxLockSeconds]; n++) lock = lock * 2;
  return [streak, streak > policy[Rule.FreeWrong] ? now + Math.min(lock, policy[Rule.MaxLockSeconds]) : 0, entry > 0 ? Math.min(policy[Rule.BucketSize], tokens + 1) : tokens - 1, at];
}

/**
 * Seconds until the keypad may take an entry (0: now). While this is above 0 the keypad accepts
 * nothing, owner codes included; the keypad shows the lock-out and roughly how long it lasts.
 */
export function limiterWait(state: LimiterState, policy: LimiterPolicy, now: number): number {
  const bucket = settle(state, policy, now, -1);
  return Math.max(0, state[Limiter.LockedUntil] - now, bucket[Limiter.Tokens] > 0 ? 0 : bucket[Limiter.TokensAt] + policy[Rule.RefillSeconds] - now);
}

/**
 * Counts an entry as wrong before it is checked (settle). Persist the result before checking
 * the entry. Undefined while locked out.
 */
export function limiterCharge(state: LimiterState, policy: LimiterPolicy, now: number): LimiterState | undefined {
  return limiterWait(state, policy, now) > 0 ? undefined : settle(state, policy, now, 0);
}

/**
 * After a right delivery, pickup or owner code: refunds the token the entry was charged and
 * ends the streak and its lock-out. The bucket gets back only that one token: see
 * docs/codes.md for why an owner code does not refill it.
 */
export function limiterAccepted(state: LimiterState, policy: LimiterPolicy, now: number): LimiterState {
  return settle(state, policy, now, 1);
}

/**
 * The owner lifts a lock-out over authenticated USB: streak ended, bucket full. Each lift gives
 * an attacker at most BucketSize more guesses; docs/codes.md counts them.
 */
export const limiterLift: (policy: LimiterPolicy, now: number) => LimiterState = newLimiter;

/** The state from the store's integers (the state itself), or undefined when it is not such a list or is impossible. */
export function limiterFromValues(v: number[], policy: LimiterPolicy): LimiterState | undefined {
  return v.length !== 4 || v[0] < 0 || v[1] < 0 || v[2] < 0 || v[2] > policy[Rule.BucketSize] || v[3] < 0 ? undefined : v;
}
