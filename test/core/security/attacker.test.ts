/**
 * The security argument of docs/codes.md, checked against the real code: an attacker at the
 * keypad for a year, as fast as the keypad and the real limiter allow, and a scaled Monte Carlo
 * of random guesses against a real candidate table. The figures are printed for the record.
 */
import { describe, expect, it } from "vitest";
import {
  candidateId,
  fillCandidates,
  matchCandidate,
  moveCandidateTable,
  newCandidateTable,
  CANDIDATES_PER_HOUR,
  WINDOWS_PER_HOUR,
  type CandidateTable,
} from "../../../firmware/core/codes/candidates.ts";
import { codeIdText } from "../../../firmware/core/codes/code.ts";
import { CODE_DIGITS } from "../../../firmware/core/codes/code.ts";
import {
  limiterFromValues,
  limiterAccepted,
  limiterCharge,
  limiterWait,
  newLimiter,
  LIMITER_POLICY as policy,
  Rule,
  type LimiterPolicy,
  type LimiterState,
} from "../../../firmware/core/codes/limiter.ts";
import { OWNER_DIGITS, OWNER_STEPS_EACH_SIDE } from "../../../firmware/core/codes/owner.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { codeKey, EXAMPLE, memoryLedger } from "../codes/fixtures.ts";

const YEAR = 365 * 86400;
/** The fastest 8-digit entry: eight digits and # at about 200 ms a key. */
const ENTRY_SECONDS = 2;
const t0 = 220000000;

/**
 * Codes the box accepts in any hour, in units of one 8-digit code (10^-8 per guess): the
 * candidate table, plus the owner's three TOTP steps, each worth 100 because a 6-digit guess
 * hits one of them with 3 in 10^6 = 300 in 10^8.
 */
const OWNER_STEPS = 2 * OWNER_STEPS_EACH_SIDE + 1;
const ACCEPTED_PER_HOUR = CANDIDATES_PER_HOUR + OWNER_STEPS * 10 ** (CODE_DIGITS - OWNER_DIGITS);

function yearSuccess(attempts: number): number {
  return 1 - (1 - ACCEPTED_PER_HOUR / 1e8) ** attempts;
}

interface Attack {
  /** A driver types a right delivery code after each wrong guess, ending the streak. */
  deliveriesBetween: boolean;
  /** The power is cut after every entry: the limiter lives only in its flash text. */
  powerCuts: boolean;
}

/** Drives the real limiter through `seconds` of virtual time; returns the wrong guesses it let through. */
function attack(policy: LimiterPolicy, seconds: number, attack: Attack): number {
  let state: LimiterState = newLimiter(policy, t0);
  let at = t0;
  let guesses = 0;
  // A power cut leaves only what the store keeps: the limiter's integers (as box-memory.ts writes them).
  const persist = (s: LimiterState): LimiterState => (attack.powerCuts ? limiterFromValues(s.slice(), policy)! : s);
  for (;;) {
    at += limiterWait(state, policy, at) + ENTRY_SECONDS;
    if (at >= t0 + seconds) break;
    const charged = limiterCharge(state, policy, at);
    if (!charged) continue; // the clock moved on while typing; try again when allowed
    state = persist(charged);
    guesses++;
    if (attack.deliveriesBetween) {
      at += ENTRY_SECONDS;
      const driver = limiterCharge(state, policy, at);
      if (driver) state = persist(limiterAccepted(driver, policy, at));
    }
  }
  return guesses;
}

function attackForAYear(how: Attack): number {
  return attack(policy, YEAR, how);
}

/** The table of noon on the worked example's day, every window computed. */
function filledTable(digits: number): CandidateTable {
  const table = newCandidateTable(digits);
  moveCandidateTable(table, (EXAMPLE.dayStart + 12) * 3600, EXAMPLE.zone);
  fillCandidates(table, nodeHasher, codeKey, WINDOWS_PER_HOUR);
  return table;
}

const BOUND = policy[Rule.BucketSize] + Math.floor(YEAR / policy[Rule.RefillSeconds]);

describe("an attacker at the keypad for a year", () => {
  it("counts 308 table codes + 3 owner steps (worth 300) as the accepted set, however many codes are outstanding", () => {
    const table = filledTable(CODE_DIGITS);
    const ids = new Set<string>();
    for (let i = 0; i < CANDIDATES_PER_HOUR; i++) ids.add(codeIdText(candidateId(table.hour, table.zone, i)));
    expect(ids.size).toBe(308);
    expect(ACCEPTED_PER_HOUR).toBe(608);
    console.log(`accepted per hour: ${CANDIDATES_PER_HOUR} delivery/pickup + ${OWNER_STEPS} owner steps x 100 = ${ACCEPTED_PER_HOUR} per 10^8`);
  });

  it("gets at most bucket + one guess per refill period, and under 1 % success, at full speed", () => {
    const guesses = attackForAYear({ deliveriesBetween: false, powerCuts: false });
    const p = yearSuccess(guesses);
    console.log(`full speed: ${guesses} wrong guesses in 365 days (bound ${BOUND}); P = 1-(1-${ACCEPTED_PER_HOUR}e-8)^${guesses} = ${(p * 100).toFixed(3)} %`);
    expect(guesses).toBeLessThanOrEqual(BOUND);
    expect(guesses).toBeGreaterThan(BOUND - 5);
    expect(p).toBeLessThanOrEqual(0.01);
  });

  it("gets no more when right delivery codes keep ending the streak", () => {
    const guesses = attackForAYear({ deliveriesBetween: true, powerCuts: false });
    console.log(`with a delivery after every guess: ${guesses} wrong guesses; P = ${(yearSuccess(guesses) * 100).toFixed(3)} %`);
    expect(guesses).toBeLessThanOrEqual(BOUND);
    expect(yearSuccess(guesses)).toBeLessThanOrEqual(0.01);
  });

  it("gets no more by cutting the power after every entry", () => {
    const guesses = attackForAYear({ deliveriesBetween: false, powerCuts: true });
    console.log(`with a power cut after every entry: ${guesses} wrong guesses; P = ${(yearSuccess(guesses) * 100).toFixed(3)} %`);
    expect(guesses).toBeLessThanOrEqual(BOUND);
  });

  it("would get thousands of guesses a day from the streak lock-out alone: the bucket is what bounds the year", () => {
    const streakOnly: LimiterPolicy = policy.slice();
    streakOnly[Rule.BucketSize] = 1000000;
    streakOnly[Rule.RefillSeconds] = 1;
    const perDay = attack(streakOnly, 86400, { deliveriesBetween: true, powerCuts: false });
    const bucketPerDay = attack(policy, 86400, { deliveriesBetween: true, powerCuts: false });
    console.log(`one day with deliveries between guesses: ${perDay} guesses without the bucket, ${bucketPerDay} with it`);
    expect(perDay).toBeGreaterThan(10000);
    expect(bucketPerDay).toBeLessThanOrEqual(policy[Rule.BucketSize] + 4);
  });
});

/** xorshift32: a seeded generator, so the Monte Carlo is the same on every run. */
function generator(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

describe("random guesses against a real candidate table (scaled to 4 digits)", () => {
  it("are accepted at the rate distinct table codes / code space, within 5 standard deviations", () => {
    // At 8 digits a hit takes ~300 000 guesses; shrinking the code space to 10^4 keeps the real
    // table and matcher and makes the rate measurable in a fraction of a second.
    const digits = 4;
    const space = 10 ** digits;
    const ledger = memoryLedger();
    const table = filledTable(digits);
    const distinct = new Set(table.codes).size;
    const random = generator(0x5eed);
    const guesses = 100000;
    let hits = 0;
    for (let i = 0; i < guesses; i++) {
      const guess = String(random() % space).padStart(digits, "0");
      if (matchCandidate(table, nodeHasher, codeKey, ledger, guess)) hits++;
    }
    const p = distinct / space;
    const sigma = Math.sqrt(guesses * p * (1 - p));
    console.log(`Monte Carlo: ${hits} hits in ${guesses} guesses = ${(hits / guesses).toExponential(3)}; expected ${distinct}/${space} = ${p.toExponential(3)} (|A| = ${CANDIDATES_PER_HOUR}, ${CANDIDATES_PER_HOUR - distinct} collisions at 4 digits); sigma ${sigma.toFixed(1)}`);
    // Distinct codes: about 303 of 308 expected at 10^4 if the codes are uniform.
    expect(distinct).toBeGreaterThan(295);
    expect(distinct).toBeLessThanOrEqual(CANDIDATES_PER_HOUR);
    expect(Math.abs(hits - guesses * p)).toBeLessThan(5 * sigma);
    expect(hits).toBeLessThan(guesses * (CANDIDATES_PER_HOUR / space) + 5 * sigma);
  });
});
