/**
 * A scripted stretch of a box's life as store updates, and what the store should hold after each
 * prefix of it: the power-cut sweep replays it with a cut at every byte and compares.
 */
import { openStore, type Store, type StoreOptions } from "../../../firmware/core/store/store.ts";
import type { Change, StoreState } from "../../../firmware/core/store/state.ts";
import { isExpired } from "../../../firmware/core/store/state.ts";
import { LogEvent, Opener } from "../../../firmware/core/store/events.ts";
import { NorFlash } from "../../fakes/nor-flash.ts";

export interface LoggedEvent {
  at: number;
  type: number;
  a: number;
  b: number;
  c: number;
}

export type Step = { changes: Change[] } | { event: LoggedEvent };

export const SECRET = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\xfa\xfb\xfc\xfd\xfe\xff\x80\x7f\x10\x20";
const START = 217_000_000; // 2026-11-16 in box seconds

/** Runs one step against a store; throws when the store refuses (never expected in the script). */
export function runStep(store: Store, step: Step): void {
  const ok = "changes" in step ? store.apply(step.changes) : store.appendEvent(step.event.at, step.event.type, step.event.a, step.event.b, step.event.c);
  if (!ok) throw new Error(`store refused step ${JSON.stringify(step)}`);
}

/**
 * Provisioning, settings, then `days` days of deliveries: clock checkpoints, wrong codes with
 * limiter changes and a lock-out, code uses with several uses per code, a revocation whose code
 * expires, lid events, and a two-field atomic update.
 */
export function boxLife(days: number): Step[] {
  const steps: Step[] = [];
  const event = (at: number, type: number, a = 0, b = 0, c = 0): void => {
    steps.push({ event: { at, type, a, b, c } });
  };
  event(-1, LogEvent.PowerUp);
  steps.push({ changes: [{ kind: "provision", secret: SECRET, boxId: "box-0042", at: START }] });
  event(START, LogEvent.Provisioned, START);
  steps.push({ changes: [{ kind: "setting", name: "lockout.base", value: 30 }] });
  steps.push({ changes: [{ kind: "setting", name: "relock.ms", value: 20_000 }] });
  event(START, LogEvent.SettingChanged, 2, 20_000);
  for (let day = 0; day < days; day++) {
    const t = START + day * 86_400;
    steps.push({ changes: [{ kind: "clock", checkpoint: t }] });
    steps.push({ changes: [{ kind: "limiter", values: [1, 0, t + 10] }] });
    event(t + 10, LogEvent.WrongCode, 1, 8);
    steps.push({ changes: [{ kind: "limiter", values: [2, 0, t + 20] }] });
    event(t + 20, LogEvent.WrongCode, 2, 8);
    if (day % 3 === 2) {
      steps.push({ changes: [{ kind: "limiter", values: [3, 1, t + 90] }] });
      event(t + 30, LogEvent.LockOut, t + 90, 3);
    }
    // Two codes per day, each of two uses, valid until the next day ends.
    for (let n = 0; n < 2; n++) {
      const id = `d${day}-${n}`;
      const expires = t + 2 * 86_400;
      for (let use = 1; use <= 2; use++) {
        const at = t + 3600 * (1 + n * 2 + use);
        steps.push({ changes: [{ kind: "limiter", values: [0, 0, at] }, { kind: "code-use", id, uses: use, expires }] });
        event(at, LogEvent.Open, day * 10 + n, 2 - use, Opener.DeliveryCode);
        event(at + 5, LogEvent.LidOpened);
        event(at + 40, LogEvent.LidClosed);
      }
    }
    steps.push({ changes: [{ kind: "owner-totp", values: [7_233_000 + day * 2880, day % 2 === 0 ? -1 : 1] }] });
    if (day % 2 === 0) {
      steps.push({ changes: [{ kind: "revocation", id: `r${day}`, expires: t + 86_400 }] });
      event(t + 50_000, LogEvent.Revoked, day, t + 86_400);
    }
    if (day === 1) {
      // The owner sets the clock: checkpoint, when it was set and the owner codes' reset, one record.
      steps.push({ changes: [{ kind: "clock", checkpoint: t + 100 }, { kind: "clock-set", at: t + 100 }, { kind: "owner-totp", values: [7_233_000 + day * 2880, 0] }] });
      event(t + 100, LogEvent.ClockSet, t + 90, t + 100);
    }
  }
  return steps;
}

/** The state with expired entries left out and lists in a fixed order: what must match. */
export function normalise(state: StoreState): StoreState {
  const now = state.clockCheckpoint;
  return {
    ...state,
    settings: [...state.settings].sort((x, y) => (x.name < y.name ? -1 : 1)),
    codeUses: state.codeUses.filter((c) => !isExpired(c.expires, now)).sort((x, y) => (x.id < y.id ? -1 : 1)),
    revocations: state.revocations.filter((r) => !isExpired(r.expires, now)).sort((x, y) => (x.id < y.id ? -1 : 1)),
  };
}

export interface Expected {
  /** Normalised state after each prefix: states[k] is after steps 0..k-1. */
  states: StoreState[];
  /** Events appended by each prefix: eventsAfter[k] events after steps 0..k-1. */
  eventsAfter: number[];
  /** Every event of the script in order. */
  events: LoggedEvent[];
  /** Bytes the clean run writes, opening included. */
  bytesWritten: number;
  /** Create/write/remove calls the clean run makes, opening included. */
  operations: number;
  compactions: number;
}

/** Runs the script without cuts and records what the store holds after each prefix. */
export function expectedRun(steps: Step[], options: StoreOptions): Expected {
  const flash = new NorFlash();
  const store = openStore(flash, options);
  const states = [normalise(store.state())];
  const eventsAfter = [0];
  const events: LoggedEvent[] = [];
  for (const step of steps) {
    runStep(store, step);
    if ("event" in step) events.push(step.event);
    states.push(normalise(store.state()));
    eventsAfter.push(events.length);
  }
  const c = flash.counts;
  return { states, eventsAfter, events, bytesWritten: c.bytesWritten, operations: c.operations, compactions: store.compactions() };
}
