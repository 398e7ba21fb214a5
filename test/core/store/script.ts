/**
 * A scripted stretch of a box's life as store updates, and what the store should hold after each
 * prefix of it: the power-cut sweeps replay it with a cut at every byte and compare.
 */
import { LogEvent, Opener } from "../../../firmware/core/store/events.ts";
import { Key } from "../../../firmware/core/store/layout.ts";
import { appendEvent, ints, item, openStore, put, readEvents, type Store, type StoreOptions } from "../../../firmware/core/store/store.ts";
import { NorFlash } from "../../fakes/nor-flash.ts";
import { auditEvents, liveEntries } from "./view.ts";

export interface LoggedEvent {
  at: number;
  type: number;
  a: number;
  b: number;
  c: number;
}

/** One journal record (items made by item()) or one audit event. */
export type Step = { payload: string } | { event: LoggedEvent };

export const SECRET = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\xfa\xfb\xfc\xfd\xfe\xff\x80\x7f\x10\x20";
const START = 217_000_000; // 2026-11-16 in box seconds

/** An entry of integers: item(key, ints(values)). */
export const entry = (key: string, ...values: number[]): string => item(key, ints(values));

/** The number of events ever logged (the number the next one gets). */
export const eventCount = (store: Store): number => store.seq * store.slots + store.next;

/** Runs one step against a store; throws when the store refuses (never expected in the script). */
export function runStep(store: Store, step: Step): void {
  const ok = "payload" in step ? put(store, step.payload) : appendEvent(store, step.event.at, step.event.type, step.event.a, step.event.b, step.event.c);
  if (!ok) throw new Error(`store refused step ${JSON.stringify(step)}`);
}

/**
 * Provisioning, settings, then `days` days of deliveries: clock checkpoints, wrong codes with
 * limiter changes and a lock-out, code uses with several uses per code, a revocation whose code
 * expires, lid events, and updates of several entries in one record.
 */
export function boxLife(days: number): Step[] {
  const steps: Step[] = [];
  const event = (at: number, type: number, a = 0, b = 0, c = 0): void => {
    steps.push({ event: { at, type, a, b, c } });
  };
  const record = (...items: string[]): void => {
    steps.push({ payload: items.join("") });
  };
  event(-1, LogEvent.PowerUp);
  record(item(Key.Secret, SECRET), item(Key.BoxId, "box-0042"), entry(Key.Limiter, 0, 0, 10, START));
  event(START, LogEvent.Provisioned, START);
  record(entry(Key.Setting + "\x02", 300_000));
  record(entry(Key.Setting + "\x01", 20_000));
  event(START, LogEvent.SettingChanged, 1, 20_000);
  for (let day = 0; day < days; day++) {
    const t = START + day * 86_400;
    record(entry(Key.Checkpoint, t));
    record(entry(Key.Limiter, 1, 0, 9, t + 10));
    event(t + 10, LogEvent.WrongCode, 1, 8);
    record(entry(Key.Limiter, 2, 0, 8, t + 20));
    event(t + 20, LogEvent.WrongCode, 2, 8);
    if (day % 3 === 2) {
      record(entry(Key.Limiter, 3, t + 90, 7, t + 30));
      event(t + 30, LogEvent.LockOut, t + 90, 3);
    }
    // Two codes per day, each of two uses, valid until the next day ends.
    for (let n = 0; n < 2; n++) {
      const id = `D-${day}-48-${n}`;
      const expires = t + 2 * 86_400;
      for (let use = 1; use <= 2; use++) {
        const at = t + 3600 * (1 + n * 2 + use);
        record(entry(Key.Limiter, 0, 0, 8, at), entry(Key.CodeUse + id, expires, use));
        event(at, LogEvent.Open, day * 10 + n, 2 - use, Opener.DeliveryCode);
        event(at + 5, LogEvent.LidOpened);
        event(at + 40, LogEvent.LidClosed);
      }
    }
    record(entry(Key.Owner, 7_233_000 + day * 2880, day % 2 === 0 ? -1 : 1));
    if (day % 2 === 0) {
      record(entry(Key.Revoked + `D-${day}-24-9`, t + 86_400));
      event(t + 50_000, LogEvent.Revoked, day, t + 86_400);
    }
    if (day === 1) {
      // The owner sets the clock: checkpoint, when it was set and the owner codes' reset, one record.
      record(entry(Key.Checkpoint, t + 100), entry(Key.ClockSet, t + 100), entry(Key.Owner, 7_233_000 + day * 2880, 0));
      event(t + 100, LogEvent.ClockSet, t + 90, t + 100);
    }
  }
  return steps;
}

/** Every event the store keeps, oldest first, without their numbers. */
export function keptEvents(store: Store): LoggedEvent[] {
  return auditEvents(readEvents(store, 0, 1_000_000)).map(({ at, type, a, b, c }) => ({ at, type, a, b, c }));
}

export interface Expected {
  /** Live entries after each prefix: entries[k] is after steps 0..k-1. */
  entries: Record<string, string>[];
  /** Events appended by each prefix: eventsAfter[k] events after steps 0..k-1. */
  eventsAfter: number[];
  /** Every event of the script in order. */
  events: LoggedEvent[];
  /** Bytes the clean run writes, opening included. */
  bytesWritten: number;
  /** Create/write/remove calls the clean run makes, opening included. */
  operations: number;
  /** Journal compactions (making the first file on blank flash is not one). */
  compactions: number;
}

/** Runs the script without cuts and records what the store holds after each prefix. */
export function expectedRun(steps: Step[], options: StoreOptions): Expected {
  const flash = new NorFlash();
  const store = openStore(flash, options);
  const entries = [liveEntries(store.kv)];
  const eventsAfter = [0];
  const events: LoggedEvent[] = [];
  for (const step of steps) {
    runStep(store, step);
    if ("event" in step) events.push(step.event);
    entries.push(liveEntries(store.kv));
    eventsAfter.push(events.length);
  }
  const c = flash.counts;
  return { entries, eventsAfter, events, bytesWritten: c.bytesWritten, operations: c.operations, compactions: store.gen - 1 };
}
