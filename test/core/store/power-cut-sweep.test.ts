/**
 * THE persistence guarantee: a power cut at any instant loses at most the update or event being
 * written. The script (./script.ts) is replayed with the power cut after every single byte the
 * clean run writes (and before every create/write/remove call); each time the box restarts, opens
 * the store, and the entries must be the entries after the steps done so far, or after one more
 * (the one in flight), never anything else, and the log the events so far (the newest ones at
 * least). The run then goes on to the end from there, and must end where the clean run ended.
 *
 * Small journal and log sizes make the short script compact the journal and rotate the log several
 * times; the layout is the same as the default one.
 */
import { describe, expect, it } from "vitest";
import { num, openStore, type Entries, type Store, type StoreOptions } from "../../../firmware/core/store/store.ts";
import { Key } from "../../../firmware/core/store/layout.ts";
import { NorFlash, PowerCut } from "../../fakes/nor-flash.ts";
import { boxLife, eventCount, expectedRun, keptEvents, runStep, type Expected, type LoggedEvent } from "./script.ts";
import { liveEntries } from "./view.ts";

const OPTIONS: Required<StoreOptions> = { journalSize: 600, logSegments: 4, logSegmentEvents: 8 };
const STEPS = boxLife(6);
const EXPECTED = expectedRun(STEPS, OPTIONS);

/**
 * Whether `kept` is what the log may hold after `written` events, one of which (at most) may have
 * been torn by a cut: the newest of them in order, with none missing after the oldest kept, and at
 * least the (segments - 1) * slots guaranteed, less the one torn slot.
 */
export function holdsEvents(kept: LoggedEvent[], written: LoggedEvent[], options: Required<StoreOptions>): boolean {
  const tail = written.slice(written.length - kept.length);
  const floor = Math.min(written.length, (options.logSegments - 1) * options.logSegmentEvents - 1);
  return kept.length <= written.length && kept.length >= floor && JSON.stringify(kept) === JSON.stringify(tail);
}

/** Which prefix the store holds: `done` or `done + 1`; fails when neither. */
function matchPrefix(store: Store, done: number, expected: Expected): number {
  const entries = liveEntries(store.kv);
  const kept = keptEvents(store);
  for (const k of [done + 1, done]) {
    if (k >= expected.entries.length) continue;
    const written = expected.events.slice(0, expected.eventsAfter[k]);
    const count = eventCount(store);
    if (JSON.stringify(entries) === JSON.stringify(expected.entries[k]) && holdsEvents(kept, written, OPTIONS) && count >= written.length && count <= written.length + 1) return k;
  }
  expect.fail(`after ${done} steps the store holds neither prefix ${done} nor ${done + 1}`);
}

/** The checkpoint and every code's uses never go down (a use goes only once its code expired); the secret and the settings stay. */
function checkMonotone(before: Entries, after: Entries): void {
  const checkpoint = num(after[Key.Checkpoint], 0, 0);
  expect(checkpoint).toBeGreaterThanOrEqual(num(before[Key.Checkpoint], 0, 0));
  for (const key of Object.keys(before)) {
    const expired = num(before[key], 0, 0) <= checkpoint;
    if (key[0] === Key.CodeUse && !expired) expect(num(after[key], 4, -1), `uses of ${key}`).toBeGreaterThanOrEqual(num(before[key], 4, 0));
    if (key[0] === Key.Secret || key[0] === Key.Setting) expect(after[key], key).toBe(before[key]);
  }
}

/** One life with a power cut armed by `arm`; returns whether the cut came before the end. */
function lifeWithCut(arm: (flash: NorFlash) => void): boolean {
  const flash = new NorFlash();
  arm(flash);
  let done = 0;
  let cut = false;
  try {
    const store = openStore(flash, OPTIONS);
    for (const step of STEPS) {
      runStep(store, step);
      done++;
    }
  } catch (error) {
    if (!(error instanceof PowerCut)) throw error;
    cut = true;
  }
  flash.restart();
  const store = openStore(flash, OPTIONS);
  const matched = matchPrefix(store, done, EXPECTED);
  checkMonotone(EXPECTED.entries[done], liveEntries(store.kv));
  for (const step of STEPS.slice(matched)) runStep(store, step);
  expect(liveEntries(store.kv)).toEqual(EXPECTED.entries[STEPS.length]);
  expect(holdsEvents(keptEvents(store), EXPECTED.events, OPTIONS)).toBe(true);
  expect([EXPECTED.events.length, EXPECTED.events.length + 1]).toContain(eventCount(store));
  expect(flash.counts.refusedWrites).toBe(0);
  return cut;
}

describe("a power cut at any instant", () => {
  it("the script compacts the journal and rotates the log more than once", () => {
    expect(EXPECTED.compactions).toBeGreaterThanOrEqual(2);
    expect(EXPECTED.events.length).toBeGreaterThan(2 * OPTIONS.logSegments * OPTIONS.logSegmentEvents);
  });

  it("after every byte written loses at most the step in flight", () => {
    let cuts = 0;
    for (let bytes = 0; bytes <= EXPECTED.bytesWritten; bytes++) if (lifeWithCut((flash) => flash.cutAfterBytes(bytes))) cuts++;
    // Every position but the last cuts the life short.
    expect(cuts).toBe(EXPECTED.bytesWritten);
  });

  it("before every create, write and remove loses at most the step in flight", () => {
    let cuts = 0;
    for (let operations = 0; operations <= EXPECTED.operations; operations++) if (lifeWithCut((flash) => flash.cutAfterOperations(operations))) cuts++;
    expect(cuts).toBe(EXPECTED.operations);
  });
});
