/**
 * The owner-code drift tests for one drift rate, on both built files; each rate has its own test
 * file (owner-drift-fast.test.ts, owner-drift-slow.test.ts) so vitest runs them side by side.
 */
import { describe, expect, it } from "vitest";
import { BUILDS } from "./clock-box.ts";
import { OWNER_TOLERANCE_S, ownerDriftRun, ownerSummary, shortOwnerRun, shortOwnerSummary, type OwnerDriftResult, type ShortOwnerResult } from "./owner-drift.ts";
import { knownBug } from "./summary.ts";
import { skippedUnless } from "../setup/skipped.ts";

/** One run per build, shared by the tests that read it. */
function shared<T>(make: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= make());
}

/**
 * The day of owner codes (about 300 entries) takes seconds on Espruino but three times that in
 * wasmoon: make test runs it on the Espruino build, PARCELBOX_FULL_CAMPAIGN=1 on both.
 */
const FULL = process.env.PARCELBOX_FULL_CAMPAIGN === "1";

export function ownerDriftTests(label: string, ppm: number): void {
  for (const { name, build } of BUILDS) {
    const dayRuns = FULL || build.runtime === "espruino";
    // The day-long tests say in their names why they are skipped and how to run them.
    const dayNote = skippedUnless(dayRuns, "a day of owner codes takes three times as long in wasmoon as on Espruino", "PARCELBOX_FULL_CAMPAIGN=1 npx vitest run test/clock-faults");
    const dayIt = (title: string, run: () => Promise<void>): void => (dayRuns ? it : it.skip)(`${title}${dayNote}`, run);
    describe(`owner codes, MCU clock ${label} [${name}]`, () => {
      const day = shared(async (): Promise<OwnerDriftResult> => {
        const r = await ownerDriftRun(build, ppm);
        ownerSummary(label, name, r);
        return r;
      });
      const short = (jitter: boolean): (() => Promise<ShortOwnerResult>) =>
        shared(async () => {
          const r = await shortOwnerRun(build, ppm, jitter);
          shortOwnerSummary(label, name, r, jitter);
          return r;
        });
      const steady = short(false);
      const jittery = short(true);

      dayIt("before anything is learned, two hours of drift move the window off the phone: refused (the window is never widened)", async () => {
        expect((await day()).beforeLearning).toBe("refused");
      });

      dayIt("codes every 4.5 minutes, read at the same point of the phone's step, are followed for a whole day: every one opens", async () => {
        const r = await day();
        expect(r.errors).toEqual([]);
        expect(r.followTyped).toBeGreaterThan(280);
        expect(r.followOpened).toBe(r.followTyped);
      });

      dayIt("learning never widens the window: three steps ahead of the phone is refused", async () => {
        expect((await day()).threeAhead).toBe("refused");
      });

      dayIt("no owner code of the day opens more than two steps (60 s) outside its own step", async () => {
        expect((await day()).worst).toBeLessThanOrEqual(OWNER_TOLERANCE_S);
      });

      it("no owner code opens more than two steps (60 s) outside its own step, the window's edges included", async () => {
        expect((await steady()).worst).toBeLessThanOrEqual(OWNER_TOLERANCE_S);
      });

      it("a code at the window's edge (in the drift's direction) opens, and the next code from a phone that far off opens too", async () => {
        const r = await steady();
        expect(r.errors).toEqual([]);
        expect(Math.abs(r.edge)).toBeGreaterThanOrEqual(1);
        expect(r.nextAtEdgeOffset).toBe("opened");
      });

      it("after the owner syncs the clock over USB the phone's code opens again", async () => {
        expect((await steady()).afterSync).toBe("opened");
      });

      dayIt("after a day of codes the learned rate centres the window: over two hours away (8,019 box s), the phone's code opens", async () => {
        const r = await day();
        expect(Math.abs(r.errorWhenBack)).toBeGreaterThan(8000);
        expect(r.afterAway).toBe("opened");
      });

      dayIt("after ~7,990 box s away the phone's code opens too (the rate's prediction counts the gap's last 999 s)", async () => {
        expect((await day()).afterAwayTruncated).toBe("opened");
      });

      it("codes every 4.5 minutes for two and a half hours, read at the same point of the phone's step, all open", async () => {
        const r = await steady();
        expect(r.errors).toEqual([]);
        expect(r.opened).toBe(r.typed);
      });

      it("after a power cycle (the DS3231 re-bases the clock and the learned offset is reset) the phone's code opens", async () => {
        expect((await steady()).afterPowerCycle).toBe("opened");
      });

      // Remains, without a DS3231: docs/codes.md promises following only while slip plus the change
      // of phase stays under a step; 27 s of slip with the phone read 22 s earlier and later by
      // turns is beyond it, so some codes are refused. Kept as a gap, not a promise.
      knownBug("KNOWN GAP (no DS3231; beyond docs/codes.md's 'slip plus phase under a step'): codes 27 s of slip apart, read early and late in the phone's step by turns, are followed", async () => {
        const r = await jittery();
        expect(r.errors).toEqual([]);
        expect(r.opened).toBe(r.typed);
      });
    });
  }
}
