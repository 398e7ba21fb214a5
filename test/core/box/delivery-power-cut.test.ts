/**
 * A power cut at every flash operation and at every byte of a delivery, from the driver's `#`
 * through the use record, the open and the lid events. After each cut the box is rebuilt on the
 * same flash, and whatever the cut hit:
 * - the code's use is recorded and the limiter refunded (one record), or neither is; when the use
 *   is not recorded the lid was never released;
 * - the code never opens more often than its uses, before and after the cut together;
 * - the limiter never moves back: as before the entry, charged for it, or refunded with the use;
 * - the log holds every event before the cut and the delivery's events in order, but for at most
 *   the one being written.
 */
import { describe, expect, it } from "vitest";
import { codeIdText, Limiter } from "../../../firmware/core/codes/index.ts";
import { LogEvent } from "../../../firmware/core/store/events.ts";
import { Key } from "../../../firmware/core/store/layout.ts";
import { appendEvent, ints, item, put } from "../../../firmware/core/store/store.ts";
import { PowerCut } from "../../fakes/nor-flash.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING, storeOf } from "./rig.ts";

const ID = delivery(MORNING / HOUR - 9, 24, 0); // single use
const ID_TEXT = codeIdText(ID);
const CODE = codeFor(ID);
const WRONG = CODE === "12345678" ? "87654321" : "12345678";
const SEGMENT_EVENTS = 144;

interface Run {
  rig: BoxRig;
  /** The log as it stood when the driver pressed `#`, and the events after it (when not cut). */
  logBefore: string[];
  delivered: string[];
  /** Journal records and log events that reached flash (the call returned) after `#`. */
  applies: number;
  appends: number;
  /** Which journal record (1-based) after `#` compacted the journal; 0: none. */
  compactedOn: number;
  cut: boolean;
  bytes: number;
  operations: number;
}

/** A provisioned box with one wrong code behind it, so its limiter's three possible states differ. */
function setupBox(fill: { records: number; events: number }): BoxRig {
  const rig = BoxRig.provisioned();
  rig.enter(WRONG);
  rig.wait(60_000);
  const store = storeOf(rig.box.memory);
  // History that brings the journal near a compaction and the log near a new segment.
  for (let i = 0; i < fill.records; i++) put(store, item(Key.Setting + "\x07", ints([1])));
  for (let i = 0; i < fill.events; i++) appendEvent(store, rig.now(), LogEvent.PowerUp, 1, 0, 0);
  return rig;
}

/** Boots on the image, types the code, arms the cut, then `#`, the lid opened and closed. */
function deliver(setup: BoxRig, image: ReturnType<BoxRig["fake"]["flash"]["image"]>, cut: { bytes?: number; operations?: number }): Run {
  const flash = setup.fake.flash;
  flash.restore(image);
  const rig = setup.powerCycle();
  const memory = rig.box.memory;
  const run: Run = { rig, logBefore: [], delivered: [], applies: 0, appends: 0, compactedOn: 0, cut: false, bytes: 0, operations: 0 };
  // A delivery writes its records through save and codeUsed, its events through log.
  const counted = <A extends unknown[]>(write: (...args: A) => boolean) => (...args: A): boolean => {
    const before = storeOf(memory).gen;
    const ok = write.apply(memory, args);
    if (ok) run.applies++;
    if (storeOf(memory).gen > before) run.compactedOn = run.applies;
    return ok;
  };
  memory.save = counted(memory.save);
  memory.codeUsed = counted(memory.codeUsed);
  const log = memory.log.bind(memory);
  memory.log = (at, type, a, b, c) => {
    const ok = log(at, type, a, b, c);
    if (ok) run.appends++;
    return ok;
  };
  rig.fake.type(CODE);
  run.logBefore = rig.log();
  run.applies = 0;
  run.appends = 0;
  const bytes0 = flash.counts.bytesWritten;
  const operations0 = flash.counts.operations;
  if (cut.bytes !== undefined) flash.cutAfterBytes(cut.bytes);
  if (cut.operations !== undefined) flash.cutAfterOperations(cut.operations);
  try {
    rig.fake.type("#");
    rig.deliver();
    rig.wait(10_000);
  } catch (e) {
    if (!(e instanceof PowerCut)) throw e;
    run.cut = true;
  }
  // Read now: the next run restores the same flash under this box's feet.
  if (!run.cut) run.delivered = rig.log().slice(run.logBefore.length);
  run.bytes = flash.counts.bytesWritten - bytes0;
  run.operations = flash.counts.operations - operations0;
  return run;
}

function checkAfterCut(run: Run, clean: Run, limiterBefore: number[]): void {
  const released = run.rig.pulses();
  const lidWasOpen = run.rig.fake.lidOpen;
  const after = run.rig.powerCycle();
  const uses = after.box.memory.usesSpent(ID_TEXT);
  const limiter = after.box.memory.limiterAt(after.now());

  // The use and the refund are one record; without the use the lid was never released.
  expect([0, 1]).toContain(uses);
  if (uses === 1) {
    expect({ streak: limiter[Limiter.Streak], tokens: limiter[Limiter.Tokens] }).toEqual({ streak: 0, tokens: limiterBefore[Limiter.Tokens] });
  } else {
    expect(released).toBe(0);
    expect([
      { streak: limiterBefore[Limiter.Streak], tokens: limiterBefore[Limiter.Tokens] },
      { streak: limiterBefore[Limiter.Streak] + 1, tokens: limiterBefore[Limiter.Tokens] - 1 },
    ]).toContainEqual({ streak: limiter[Limiter.Streak], tokens: limiter[Limiter.Tokens] });
  }

  // The log: everything before `#` intact, then the delivery's events in order, at most the one
  // being written missing, then this boot's power-up (and the lid found open, if it was).
  const log = after.log();
  expect(log.slice(0, run.logBefore.length)).toEqual(run.logBefore);
  const boot = lidWasOpen ? ["power-up clock=known", "lid-forced"] : ["power-up clock=known"];
  expect(log.slice(log.length - boot.length)).toEqual(boot);
  const delivered = log.slice(run.logBefore.length, log.length - boot.length);
  expect(delivered).toEqual(clean.delivered.slice(0, delivered.length));
  expect([run.appends, run.appends + 1]).toContain(delivered.length);

  // The code never opens beyond its one use, counting the opening before the cut.
  if (lidWasOpen) after.lid(false);
  after.wait(60_000);
  after.enter(CODE);
  after.deliver();
  after.enter(CODE);
  expect(released + after.pulses()).toBeLessThanOrEqual(1);
  expect(after.pulses()).toBe(uses === 1 ? 0 : 1);
}

function sweep(fill: { records: number; events: number }): { runs: number; clean: Run } {
  const setup = setupBox(fill);
  const limiterBefore = setup.box.memory.limiterAt(setup.now());
  const image = setup.fake.flash.image();
  const clean = deliver(setup, image, {});
  expect(clean.cut).toBe(false);
  expect(clean.rig.pulses()).toBe(1);
  let runs = 0;
  for (let operations = 0; operations < clean.operations; operations++) {
    const run = deliver(setup, image, { operations });
    expect(run.cut).toBe(true);
    checkAfterCut(run, clean, limiterBefore);
    runs++;
  }
  for (let bytes = 0; bytes < clean.bytes; bytes++) {
    const run = deliver(setup, image, { bytes });
    expect(run.cut).toBe(true);
    checkAfterCut(run, clean, limiterBefore);
    runs++;
  }
  return { runs, clean };
}

describe("a power cut during a delivery", () => {
  it("at every flash operation and every byte leaves a consistent box", () => {
    const { runs, clean } = sweep({ records: 0, events: 0 });
    expect(clean.delivered).toEqual([
      `open by=delivery code=${ID_TEXT} usesLeft=0`,
      "lid-opened",
      "lid-closed",
    ]);
    expect(runs).toBe(clean.operations + clean.bytes);
  });

  it("at every operation and byte while the use record compacts the journal and the open starts a new log segment", () => {
    // Find the history after which the delivery's second record (the use) compacts the journal.
    let records = 0;
    for (; records < 200; records++) {
      const setup = setupBox({ records, events: 0 });
      const run = deliver(setup, setup.fake.flash.image(), {});
      if (run.compactedOn === 2) break;
    }
    expect(records).toBeLessThan(200);
    // And the log events after which the open is the first event of a new segment.
    const probe = setupBox({ records, events: 0 });
    const eventsAtHash = deliver(probe, probe.fake.flash.image(), {}).logBefore.length;
    const events = (SEGMENT_EVENTS - (eventsAtHash % SEGMENT_EVENTS)) % SEGMENT_EVENTS;
    const { clean } = sweep({ records, events });
    expect(clean.compactedOn).toBe(2);
    expect((clean.logBefore.length % SEGMENT_EVENTS)).toBe(0);
  });
});
