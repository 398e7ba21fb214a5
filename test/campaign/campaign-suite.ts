/**
 * The power-cut campaign as vitest tests for one build (./power-cut-*.test.ts call this).
 *
 * make test runs the reduced form: every flash operation of the first day, a seeded sample of
 * the month's others and a few seeded instants between writes; each cut run replays its day from
 * the planned restart before it, restarts after the cut, checks, and goes on to the end of that
 * day and through the next planned restart (checked again).
 *
 *   PARCELBOX_FULL_CAMPAIGN=1     every flash operation of the month, and 60 instants
 *   PARCELBOX_CAMPAIGN_TO_END=1   each cut run goes on to the end of the month (very long)
 *   PARCELBOX_CAMPAIGN_FENGARI=1  also the NodeMCU build on fengari (skipped otherwise: about
 *                                 five times slower than wasmoon)
 *
 * e.g. PARCELBOX_FULL_CAMPAIGN=1 npx vitest run test/campaign
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SimBoxOptions } from "../../sim/box.ts";
import { noFigures } from "./campaign.ts";
import { cleanMonth, cutPlans, cutRun, replayMatches, type Clean } from "./drive.ts";
import { skippedUnless } from "../setup/skipped.ts";

export const FULL = process.env.PARCELBOX_FULL_CAMPAIGN === "1";
const TO_END = process.env.PARCELBOX_CAMPAIGN_TO_END === "1";
const DAYS = 30;
const SAMPLE = 10;
const INSTANTS = FULL ? 60 : 5;
const LONG = FULL || TO_END ? 24 * 3_600_000 : 600_000;

/** Why a campaign is skipped and the command that runs it, for the suite's name (test/setup/skipped.ts). */
export interface CampaignSkip {
  skip: boolean;
  why: string;
  how: string;
}

export function campaign(name: string, options: SimBoxOptions, skip: CampaignSkip = { skip: false, why: "", how: "" }): void {
  describe.skipIf(skip.skip)(`power-cut campaign on the ${name} build: a month of deliveries, owner opens, wrong codes and log reads${skippedUnless(!skip.skip, skip.why, skip.how)}`, () => {
    let clean: Clean;
    let cleanMs = 0;

    beforeAll(async () => {
      const t0 = Date.now();
      clean = await cleanMonth(options, DAYS);
      cleanMs = Date.now() - t0;
    }, LONG);

    it("the month without cuts passes every check at every planned restart", () => {
      console.log(
        `${name}: clean month of ${DAYS} days: ${clean.writes} flash writes (create/program/remove), ${clean.figures.restarts} planned restarts, ` +
          `${clean.figures.checks} checks, ${clean.figures.entries} keypad entries, ${clean.figures.opens} openings, ${cleanMs} ms`,
      );
      expect(clean.figures.restarts).toBe(DAYS - 1);
      expect(clean.writes).toBeGreaterThan(20 * DAYS);
      expect(clean.figures.opens).toBeGreaterThan(3 * DAYS);
    });

    it("a day replayed from its planned restart is the clean month's day exactly (flash and write count)", async () => {
      for (const day of [1, Math.floor(DAYS / 2)]) {
        const replay = await replayMatches(options, clean, day);
        expect(replay).toEqual({ sameFlash: true, operations: replay.cleanOperations, cleanOperations: clean.record.dayOperations[day + 1] });
      }
    }, LONG);

    it("the checks catch a box whose flash goes back after a cut", async () => {
      const day = 3;
      const operation = clean.record.dayOperations[day + 1] - 3;
      const failure = await cutRun(options, clean, { operation, keep: 0, offMs: 5000, rollback: true }, false, noFigures());
      expect(failure).toMatch(/never|still in the log|equal the model|as before/);
    }, LONG);

    it("a power cut at each chosen flash write and at random instants: every invariant holds after every restart", async () => {
      const plans = cutPlans(clean, SAMPLE, INSTANTS, FULL);
      const figures = noFigures();
      const failures: string[] = [];
      const t0 = Date.now();
      for (const plan of plans) {
        const failure = await cutRun(options, clean, plan, TO_END, figures);
        if (failure) failures.push(failure);
      }
      const writesCut = plans.filter((p) => p.operation !== undefined).length;
      console.log(
        `CAMPAIGN ${name}${FULL ? " (full)" : " (reduced)"}: writes in the script ${clean.writes}, cuts made ${figures.cuts} ` +
          `(${writesCut} at flash writes, ${plans.length - writesCut} at instants), restarts ${figures.restarts}, ` +
          `invariant checks ${figures.checks} (+${clean.figures.checks} in the clean month), keypad entries ${figures.entries}, ` +
          `failures ${failures.length}, ${Date.now() - t0} ms`,
      );
      for (const f of failures.slice(0, 10)) console.log(`  FAILED ${f}`);
      expect(figures.cuts).toBe(plans.length);
      expect(failures).toEqual([]);
    }, LONG);
  });
}
