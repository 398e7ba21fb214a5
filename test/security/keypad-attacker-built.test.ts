/**
 * An attacker at the keypad of the BUILT firmware on the simulator: random 8-digit guesses, and
 * sequential ones (00000000, 00000001, ...), as fast as the keypad takes them. The attacker is given the box's own lock-out countdown (read as
 * the owner's tool reads STATUS), which is more than the keypad's blinks tell anyone at the door,
 * so the count of guesses is an upper bound. docs/codes.md computes at most 1,470 wrong guesses a
 * year; this counts what the real build lets through and the probability they give.
 *
 * make test runs 30 days on each build; PARCELBOX_FULL_CAMPAIGN=1 runs the full year.
 */
import { describe, expect, it } from "vitest";
import { CANDIDATES_PER_HOUR, CODE_DIGITS, LIMITER_POLICY, OWNER_DIGITS, Rule, OWNER_STEPS_EACH_SIDE } from "../../firmware/core/codes/index.ts";
import { SimBox, type SimBoxOptions } from "../../sim/box.ts";
import { seededRandom } from "../fakes/seeded-random.ts";

const FULL = process.env.PARCELBOX_FULL_CAMPAIGN === "1";
const DAYS = FULL ? 365 : 30;
const SECRET = Buffer.from("c0ffee00112233445566778899aabbccddeeff01", "hex");
const START = Date.parse("2026-11-28T09:00:00Z") / 1000;
/** Codes the box accepts in an hour, per 10^8 guesses (docs/codes.md): 308 + 3 owner steps x 100. */
const ACCEPTED = CANDIDATES_PER_HOUR + (2 * OWNER_STEPS_EACH_SIDE + 1) * 10 ** (CODE_DIGITS - OWNER_DIGITS);

/** The most wrong guesses the limiter allows in `days`: a full bucket, then one per refill. */
function bound(days: number): number {
  return LIMITER_POLICY[Rule.BucketSize] + Math.floor((days * 86400) / LIMITER_POLICY[Rule.RefillSeconds]);
}

function field(lines: string[], key: string): number {
  const match = new RegExp(` ${key}=(-?\\d+)`).exec(lines.join(" "));
  return match ? Number(match[1]) : Number.NaN;
}

/** Random 8-digit guesses from a seeded generator, so a run can be repeated exactly. */
function guessStream(seed: number): () => string {
  const next = seededRandom(seed);
  return () => String(Math.floor(next() * 100_000_000)).padStart(8, "0");
}

/** Every 8-digit code in turn from 00000000: the attacker who keeps a list of what was tried. */
function sequentialStream(): () => string {
  let next = 0;
  return () => String(next++).padStart(8, "0");
}

const STRATEGIES: { name: string; stream: () => () => string }[] = [
  { name: "random guesses", stream: () => guessStream(0xa77ac4) },
  { name: "sequential guesses", stream: sequentialStream },
];

async function campaign(options: SimBoxOptions, nextGuess: () => string): Promise<{ guesses: number; opened: number }> {
  const box = await SimBox.start({ ...options, unixTime: START });
  box.provision(SECRET, START);
  const end = box.board.scheduler.nowMs + DAYS * 86_400_000;
  let guesses = 0;
  let opened = 0;
  while (box.board.scheduler.nowMs < end) {
    const wait = field(box.authenticated(SECRET, "STATUS"), "lockout");
    if (wait > 0) {
      box.advance(wait * 1000 + 1000);
      continue;
    }
    const pulsesBefore = box.board.coil.pulses.length;
    box.type(`${nextGuess()}#`);
    box.advance(1500);
    guesses++;
    if (box.board.coil.pulses.length > pulsesBefore) opened++;
    expect(box.errors()).toEqual([]);
  }
  box.close();
  return { guesses, opened };
}

describe(`an attacker at the keypad of the built firmware for ${DAYS} days`, () => {
  for (const options of [{ runtime: "espruino" }, { runtime: "nodemcu", lua: "wasmoon" }] as SimBoxOptions[]) {
    const name = options.runtime === "espruino" ? "espruino build" : `nodemcu build (${options.lua})`;
    for (const strategy of STRATEGIES) {
      it(`${name}, ${strategy.name}: gets no more guesses than docs/codes.md allows`, async () => {
        const { guesses, opened } = await campaign(options, strategy.stream());
        const probability = 1 - (1 - ACCEPTED / 1e8) ** guesses;
        // A year at the run's rate: the first full bucket comes once, only the refills repeat.
        const perYear = LIMITER_POLICY[Rule.BucketSize] + ((guesses - LIMITER_POLICY[Rule.BucketSize]) * 365) / DAYS;
        const yearly = 1 - (1 - ACCEPTED / 1e8) ** perYear;
        console.log(
          `${name}, ${strategy.name}: ${guesses} guesses in ${DAYS} days (bound ${bound(DAYS)}), ${opened} opened; ` +
            `P(success) = ${(probability * 100).toFixed(3)} % over the run, ${(yearly * 100).toFixed(3)} % a year at that rate (${Math.round(perYear)} guesses)`,
        );
        expect(guesses).toBeLessThanOrEqual(bound(DAYS) + 1);
        expect(guesses).toBeGreaterThan(bound(DAYS) - 10);
        expect(yearly).toBeLessThanOrEqual(0.01);
      }, FULL ? 3_600_000 : 300_000);
    }
  }
});
