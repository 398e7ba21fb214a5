/**
 * Drives the campaign: the clean month (which records the day starts), the cut plans, and one run
 * per cut plan replayed from the start of the cut's day. ./campaign-suite.ts runs it under vitest.
 */
import "../../tools/lib/intrinsics-global.ts";
import type { SimBoxOptions } from "../../sim/box.ts";
import { CampaignRun, InvariantBroken, noFigures, type CleanRecord, type CutPlan, type Figures } from "./campaign.ts";
import { month, type Day } from "./month.ts";
import { seededRandom } from "../fakes/seeded-random.ts";

export interface Clean {
  record: CleanRecord;
  days: Day[];
  writes: number;
  figures: Figures;
}

export async function cleanMonth(options: SimBoxOptions, days: number): Promise<Clean> {
  const script = month(days);
  const record: CleanRecord = { starts: [], unitEvents: new Map(), dayOperations: [0], dayUnits: [] };
  const figures = noFigures();
  const run = new CampaignRun(options, figures, undefined, record, true);
  await run.startFresh();
  const ops0 = run.operationsNow();
  try {
    for (const day of script) await run.runDay(day, ops0, day.index === script.length - 1);
    record.dayOperations[script.length] = run.operationsNow() - ops0;
  } finally {
    run.close();
  }
  return { record, days: script, writes: run.operationsNow() - ops0, figures };
}

/** The day a clean-month flash operation falls in. */
export function dayOf(clean: Clean, operation: number): number {
  const ops = clean.record.dayOperations;
  let d = 0;
  while (d + 1 < clean.days.length && ops[d + 1] <= operation) d++;
  return d;
}

/**
 * One cut: replays the cut's day from its start with the cut armed, restarts, checks, and
 * continues to the end of that day and its planned restart (`toEnd`: to the month's end).
 * Returns the failure, if an invariant broke.
 */
/**
 * Replays day `day` from its start without a cut: the flash and the operation count at the next
 * planned restart must be the clean run's, or replays from a day's start would not be the month.
 */
export async function replayMatches(options: SimBoxOptions, clean: Clean, day: number): Promise<{ sameFlash: boolean; operations: number; cleanOperations: number }> {
  const run = new CampaignRun(options, noFigures(), undefined, clean.record, false);
  const start = clean.record.starts[day];
  let result = { sameFlash: false, operations: -1, cleanOperations: clean.record.dayOperations[day + 1] };
  run.onPlannedRestart = (flash) => {
    const expected = clean.record.starts[day + 1].flash;
    const same = flash.size === expected.size && [...flash].every(([name, bytes]) => Buffer.from(bytes).equals(Buffer.from(expected.get(name) ?? [])));
    result = { ...result, sameFlash: same, operations: start.operations + run.operationsNow() - opsAtStart };
  };
  await run.startAt(start);
  const opsAtStart = run.operationsNow();
  try {
    await run.powerUpAt(start);
    await run.runDay(clean.days[day], 0, false);
  } finally {
    run.close();
  }
  return result;
}

export async function cutRun(options: SimBoxOptions, clean: Clean, plan: CutPlan, toEnd: boolean, figures: Figures): Promise<string | undefined> {
  const day = plan.operation !== undefined ? dayOf(clean, plan.operation) : plan.instant!.day;
  const run = new CampaignRun(options, figures, plan, clean.record, false);
  try {
    if (day === 0) {
      // The month's operations are counted from after the first boot on blank flash.
      await run.startFresh();
      run.armCut(0);
    } else {
      const start = clean.record.starts[day];
      await run.startAt(start);
      run.armCut(start.operations);
      await run.powerUpAt(start);
    }
    const last = toEnd ? clean.days.length - 1 : Math.min(day + 1, clean.days.length - 1);
    for (let d = day; d <= last; d++) {
      const isLast = d === clean.days.length - 1 || (!toEnd && d === day);
      await run.runDay(clean.days[d], 0, isLast && d === clean.days.length - 1);
      if (isLast) break;
    }
    return undefined;
  } catch (e) {
    if (e instanceof InvariantBroken) return `${JSON.stringify(plan)}: ${e.message}`;
    throw new Error(`${JSON.stringify(plan)}: ${(e as Error).stack}`);
  } finally {
    run.close();
  }
}

/** The cut plans of a campaign: every operation of day 0 and a seeded sample (all of them when full), plus instants. */
export function cutPlans(clean: Clean, sample: number, instants: number, full: boolean): CutPlan[] {
  const next = seededRandom(0x5eed);
  const plans: CutPlan[] = [];
  const keepFor = (): number => (next() < 0.5 ? 0 : 1 + Math.floor(next() * 40));
  const offFor = (): number => 1000 + Math.floor(next() * 20 * 60_000);
  const chosen = new Set<number>();
  if (full) for (let k = 0; k < clean.writes; k++) chosen.add(k);
  else {
    for (let k = 0; k < clean.record.dayOperations[1]; k++) chosen.add(k);
    while (chosen.size < clean.record.dayOperations[1] + sample) chosen.add(Math.floor(next() * clean.writes));
  }
  for (const k of [...chosen].sort((a, b) => a - b)) plans.push({ operation: k, keep: keepFor(), offMs: offFor() });
  for (let i = 0; i < instants; i++) {
    const day = Math.floor(next() * clean.days.length);
    plans.push({ instant: { day, unit: 1 + Math.floor(next() * clean.record.dayUnits[day]), delayMs: Math.floor(next() * 4000) }, offMs: offFor() });
  }
  return plans;
}
