/**
 * THE persistence guarantee: a power cut at any instant loses at most the update or event being
 * written. The script (./script.ts) is replayed with the power cut after every single byte the
 * clean run writes (and before every create/write/remove call); each time the box restarts, opens
 * the store, and the state must be the state after the steps done so far, or after one more (the
 * one in flight), never anything else. The run then goes on to the end from there, and must end
 * exactly where the clean run ended.
 *
 * Small journal and log sizes make the short script compact the journal and rotate the log several
 * times; the layout is the same as the default one.
 */
import { describe, expect, it } from "vitest";
import { openStore, type Store, type StoreOptions } from "../../../firmware/core/store/store.ts";
import type { StoreState } from "../../../firmware/core/store/state.ts";
import { NorFlash, PowerCut } from "../../fakes/nor-flash.ts";
import { boxLife, expectedRun, normalise, runStep, type Expected, type LoggedEvent } from "./script.ts";

const OPTIONS: StoreOptions = { journalSize: 600, logSegments: 4, logSegmentEvents: 8 };
const STEPS = boxLife(6);
const EXPECTED = expectedRun(STEPS, OPTIONS);

function loggedEvents(store: Store): { oldest: number; total: number; events: LoggedEvent[] } {
  const oldest = store.oldestEvent();
  const total = store.eventCount();
  const events = store.readEvents(oldest, 1_000_000).map(({ at, type, a, b, c }) => ({ at, type, a, b, c }));
  return { oldest, total, events };
}

/** Which prefix `state` and the log equal: `done` or `done + 1`; throws when neither. */
function matchPrefix(store: Store, done: number, expected: Expected): number {
  const state = normalise(store.state());
  const log = loggedEvents(store);
  for (const k of [done + 1, done]) {
    if (k >= expected.states.length) continue;
    try {
      expect(state).toEqual(expected.states[k]);
      expect(log.total).toBe(expected.eventsAfter[k]);
      expect(log.events).toEqual(expected.events.slice(log.oldest, log.total));
      return k;
    } catch {
      // try the other prefix
    }
  }
  expect.fail(`after ${done} steps the store holds neither prefix ${done} nor ${done + 1}`);
}

function checkMonotone(before: StoreState, after: StoreState): void {
  expect(after.clockCheckpoint).toBeGreaterThanOrEqual(before.clockCheckpoint);
  for (const use of before.codeUses) {
    const now = after.codeUses.find((c) => c.id === use.id);
    expect(now?.uses ?? -1, `uses of ${use.id}`).toBeGreaterThanOrEqual(use.uses);
  }
  if (before.provisioned) expect(after.secret).toBe(before.secret);
  for (const s of before.settings) expect(after.settings.find((x) => x.name === s.name)?.value).toBe(s.value);
}

/** One life with a power cut armed by `arm`; returns how many steps completed before it. */
function lifeWithCut(arm: (flash: NorFlash) => void): { done: number; cut: boolean } {
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
  checkMonotone(EXPECTED.states[done], normalise(store.state()));
  for (const step of STEPS.slice(matched)) runStep(store, step);
  expect(normalise(store.state())).toEqual(EXPECTED.states[STEPS.length]);
  const log = loggedEvents(store);
  expect(log.total).toBe(EXPECTED.events.length);
  expect(log.events).toEqual(EXPECTED.events.slice(log.oldest));
  expect(flash.counts.refusedWrites).toBe(0);
  return { done, cut };
}

describe("a power cut at any instant", () => {
  it("the script compacts the journal and rotates the log more than once", () => {
    expect(EXPECTED.compactions).toBeGreaterThanOrEqual(2);
    expect(EXPECTED.events.length).toBeGreaterThan(2 * OPTIONS.logSegments! * OPTIONS.logSegmentEvents!);
  });

  it("after every byte written loses at most the step in flight", () => {
    let cuts = 0;
    for (let bytes = 0; bytes <= EXPECTED.bytesWritten; bytes++) {
      if (lifeWithCut((flash) => flash.cutAfterBytes(bytes)).cut) cuts++;
    }
    // Every position but the last cuts the life short.
    expect(cuts).toBe(EXPECTED.bytesWritten);
  });

  it("before every create, write and remove loses at most the step in flight", () => {
    let cuts = 0;
    for (let operations = 0; operations <= EXPECTED.operations; operations++) {
      if (lifeWithCut((flash) => flash.cutAfterOperations(operations)).cut) cuts++;
    }
    expect(cuts).toBe(EXPECTED.operations);
  });
});
