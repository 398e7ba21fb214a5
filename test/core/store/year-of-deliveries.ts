/**
 * A year of an ordinary box, as store updates: the assumptions behind the wear figures in
 * docs/storage.md ("Flash wear"). Per day: 5 deliveries (code use, limiter reset and clock
 * checkpoint as one record; open, lid opened, lid closed events), 2 wrong codes (limiter and
 * checkpoint record, event each), one owner opening (owner-code state and checkpoint, 3 events),
 * a clock checkpoint at the daily housekeeping wake; codes are valid 3 days, with ids as the box
 * writes them (D-<hour>-72-<slot>); a revocation a week.
 */
import { LogEvent, Opener } from "../../../firmware/core/store/events.ts";
import { Key } from "../../../firmware/core/store/layout.ts";
import { appendEvent, item, openStore, put, type Store } from "../../../firmware/core/store/store.ts";
import { NorFlash } from "../../fakes/nor-flash.ts";
import { entry, SECRET } from "./script.ts";

export const DELIVERIES_PER_DAY = 5;
export const WRONG_CODES_PER_DAY = 2;
export const OWNER_OPENS_PER_DAY = 1;

const DAY = 86_400;
const START = 217_000_000;

function ok(done: boolean): void {
  if (!done) throw new Error("the store refused an update");
}

function openAndClose(store: Store, at: number, a: number, b: number, by: number): void {
  ok(appendEvent(store, at, LogEvent.Open, a, b, by));
  ok(appendEvent(store, at + 5, LogEvent.LidOpened, 0, 0, 0));
  ok(appendEvent(store, at + 40, LogEvent.LidClosed, 0, 0, 0));
}

/** Runs `days` days on a fresh fake flash; returns the flash (its counts) and the store. */
export function yearOfDeliveries(days: number): { flash: NorFlash; store: Store; eventsPerDay: number } {
  const flash = new NorFlash();
  const store = openStore(flash);
  ok(put(store, item(Key.Secret, SECRET) + item(Key.BoxId, "box-0042") + entry(Key.Limiter, 0, 0, 10, START)));
  for (let i = 0; i < 6; i++) ok(put(store, entry(Key.Setting + String.fromCharCode(i), 1000 + i)));
  flash.resetCounts();
  let events = 0;
  for (let day = 0; day < days; day++) {
    const t = START + day * DAY;
    const hour = Math.floor(t / 3600);
    ok(put(store, entry(Key.Checkpoint, t)));
    for (let w = 0; w < WRONG_CODES_PER_DAY; w++) {
      const at = t + 600 + w * 60;
      ok(put(store, entry(Key.Checkpoint, at) + entry(Key.Limiter, w + 1, 0, 9 - w, at)));
      ok(appendEvent(store, at, LogEvent.WrongCode, w + 1, 8, 0));
      events++;
    }
    for (let d = 0; d < DELIVERIES_PER_DAY; d++) {
      const at = t + 3600 * (8 + d * 2);
      const id = `D-${hour}-72-${d}`;
      ok(put(store, entry(Key.Checkpoint, at) + entry(Key.CodeUse + id, t + 3 * DAY, 1) + entry(Key.Limiter, 0, 0, 10, at)));
      openAndClose(store, at, hour, 0, Opener.DeliveryCode);
      events += 3;
    }
    for (let o = 0; o < OWNER_OPENS_PER_DAY; o++) {
      const at = t + 20 * 3600;
      ok(put(store, entry(Key.Checkpoint, at) + entry(Key.Owner, 7_233_000 + day * 2880, 0, -1, -1, 0, 0, 0)));
      openAndClose(store, at, 0, -1, Opener.OwnerCode);
      events += 3;
    }
    if (day % 7 === 0) {
      ok(put(store, entry(Key.Revoked + `D-${hour}-72-9`, t + 3 * DAY)));
      ok(appendEvent(store, t + 21 * 3600, LogEvent.Revoked, hour, 0, 1));
      events++;
    }
  }
  return { flash, store, eventsPerDay: Math.round(events / days) };
}
