/**
 * The owner code: RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from any authenticator app, keyed with
 * BoxKeys.ownerKey. Each time step opens at most once, and the box learns how far its clock is
 * from the owner's phone (RFC 6238 section 6) and, from two codes far apart, how fast it drifts.
 * The rate then centres the window between codes, so a box clock that loses a minute a day
 * still opens for the owner after a week. The window is always three steps wide: learning moves
 * it, never widens it, so the attacker's odds (docs/codes.md) do not depend on it.
 */
import type { ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { hotpValue } from "../otp/hotp";
import { unixStep, unixStepStart } from "../time";
import { entryValue } from "./code";

export const OWNER_DIGITS = 6;
export const OWNER_PERIOD = 30;
/** Steps accepted either side of the expected one: now + drift - 1 .. now + drift + 1. */
export const OWNER_STEPS_EACH_SIDE = 1;
/** Two accepted codes at least this far apart (seconds) give a drift rate (about ±350 ppm resolution). */
export const PPM_MIN_SPAN = 86400;
/** Bounds of the learned rate (`const enum`: both builds write the bare number). */
const enum Bound {
  /** Rates beyond ±20 % are not believed (an RC oscillator is off by 10 % at worst). */
  PpmLimit = 200000,
  /** The rate is extrapolated for at most 30 days after the last owner code (and stays in 32 bits). */
  ExtrapolateLimit = 2592000,
  /** Half of OWNER_PERIOD (30 s): the middle of a step, written out so the box does not divide for it. */
  HalfPeriod = 15,
}

/**
 * What the box remembers about owner codes; persisted by the caller after every change. Seven
 * integers, in the order the store keeps them (docs/storage.md, journal item 4): a list, not an
 * object, so it goes to flash and back without conversion and the built files carry no names.
 */
export type OwnerState = number[];

/** The positions in an OwnerState (`const enum`: both builds write the bare number). */
export const enum Owner {
  /** The step that last opened the box: only later steps are accepted. -1 before the first. */
  LastStep = 0,
  /** Learned offset in steps: the phone's step minus the box's step when the code was accepted. */
  Drift = 1,
  /** Box seconds of the last accepted owner code; -1 before the first. */
  LastAt = 2,
  /** Box seconds of the first owner code accepted since the clock was set; -1 when none. */
  AnchorAt = 3,
  /** The box clock's error in seconds at AnchorAt (box minus phone; positive = box ahead). */
  AnchorError = 4,
  /** Estimated rate of the box clock in ppm (positive = box gains time); valid when PpmSpan > 0. */
  Ppm = 5,
  /** Seconds between the two codes behind Ppm; 0 while unknown. */
  PpmSpan = 6,
}

/** A box that has never accepted an owner code. */
export function newOwnerState(): OwnerState {
  return [-1, 0, -1, -1, 0, 0, 0];
}

/**
 * After the owner sets the clock (USB): the learned offset and the anchor no longer apply. The
 * last step is kept, so a code already used cannot open the box again; the rate is kept, as it
 * belongs to the oscillator, not to the setting.
 */
export function ownerClockWasSet(state: OwnerState): OwnerState {
  return [state[Owner.LastStep], 0, -1, -1, 0, state[Owner.Ppm], state[Owner.PpmSpan]];
}

/**
 * Seconds the box clock has gained on the phone since the last owner code, predicted from the
 * learned rate: floor(ppm * elapsed / 10^6), exactly, in 32 bits. With elapsed = k * 1000 + r,
 * ppm * k = q * 1000 + rem (0 <= rem < 1000), it is q + floor((rem * 1000 + ppm * r) / 10^6);
 * |ppm| <= Bound.PpmLimit and elapsed <= Bound.ExtrapolateLimit keep every product below 2^31
 * (ppm * k <= 200000 * 2592, ppm * r <= 200000 * 999).
 */
export function predictedGain(state: OwnerState, boxSeconds: number): number {
  if (state[Owner.PpmSpan] <= 0 || state[Owner.LastAt] < 0 || boxSeconds <= state[Owner.LastAt]) return 0;
  const elapsed = Math.min(boxSeconds - state[Owner.LastAt], Bound.ExtrapolateLimit);
  const k = idiv(elapsed, 1000);
  const whole = state[Owner.Ppm] * k;
  const q = idiv(whole, 1000);
  return q + idiv((whole - q * 1000) * 1000 + state[Owner.Ppm] * (elapsed - k * 1000), 1000000);
}

/**
 * Checks a 6-digit entry typed at box time `boxSeconds`: three HMACs, for steps
 * now + drift - 1 .. now + drift + 1 (now corrected by the learned rate since the last owner
 * code; the step the phone most likely shows), of which only steps after its LastStep may
 * open. The code is RFC 6238 TOTP (SHA-1, 6 digits, 30 s: what an authenticator app assumes),
 * compared as a number: an entry that is not 6 digits is -1 and matches nothing.
 *
 * Undefined when refused; when accepted, the state to persist, whose LastStep is the step that
 * opened the box. An accepted code teaches the box: its offset in steps (drift), and, against the first code
 * accepted since the clock was set (the anchor), the clock's rate once the two are at least
 * PPM_MIN_SPAN apart.
 */
export function verifyOwnerCode(hasher: Hasher, ownerKey: ByteString, state: OwnerState, boxSeconds: number, entry: string): OwnerState | undefined {
  const value = entryValue(entry, OWNER_DIGITS);
  if (value < 0 || boxSeconds < 0) return undefined;
  const centre = unixStep(Math.max(0, boxSeconds - predictedGain(state, boxSeconds)), OWNER_PERIOD) + state[Owner.Drift];
  let found = -1;
  for (let step = centre - OWNER_STEPS_EACH_SIDE; step <= centre + OWNER_STEPS_EACH_SIDE; step++) {
    // Every step is computed and compared, so the time taken does not say which one matched.
    const matches = hotpValue(hasher, "sha1", ownerKey, step) % 1000000 === value;
    if (matches && step > state[Owner.LastStep] && found < 0) found = step;
  }
  if (found < 0) return undefined;
  const next = [found, found - unixStep(boxSeconds, OWNER_PERIOD), boxSeconds, state[Owner.AnchorAt], state[Owner.AnchorError], state[Owner.Ppm], state[Owner.PpmSpan]];
  // The box clock's error in seconds if the phone showed step `found` now (mid-step).
  const error = boxSeconds - (unixStepStart(found, OWNER_PERIOD) + Bound.HalfPeriod);
  const anchorAt = state[Owner.AnchorAt];
  if (anchorAt < 0 || boxSeconds < anchorAt) {
    next[Owner.AnchorAt] = boxSeconds;
    next[Owner.AnchorError] = error;
  } else if (boxSeconds - anchorAt >= PPM_MIN_SPAN) {
    // ppm = errorChange / span * 10^6, as errorChange * 1000 / (span / 1000) to stay in 32 bits
    // (errors up to ±2 million seconds); truncating the span costs at most 1.2 % of the figure.
    const change = Math.max(-2000000, Math.min(2000000, error - state[Owner.AnchorError]));
    next[Owner.Ppm] = Math.max(-Bound.PpmLimit, Math.min(Bound.PpmLimit, idiv(change * 1000, idiv(boxSeconds - anchorAt, 1000))));
    next[Owner.PpmSpan] = boxSeconds - anchorAt;
  }
  return next;
}

/** The state from the store's integers (the state itself), or undefined when it is not such a list. */
export function ownerFromValues(v: number[]): OwnerState | undefined {
  return v.length === 7 ? v : undefined;
}
