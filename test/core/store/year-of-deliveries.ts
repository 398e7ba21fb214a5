/**
 * A year of an ordinary box, as store updates: the assumptions behind the wear figures in
 * docs/storage.md ("Flash wear"). Per day: 5 deliveries (code use and limiter reset as one
 * record; open, lid opened, lid closed events), 2 wrong codes (limiter record, event each), one
 * owner opening (TOTP record, 3 events), a clock checkpoint at each of those wakes and at the daily
 * housekeeping wake; codes are valid 3 days, ids 8 bytes; a revocation a week.
 */
import { openStore, type Store } from "../../../firmware/core/store/store.ts";
import { LogEvent, Opener } from "../../../firmware/core/store/events.ts";
import { NorFlash } from "../../fakes/nor-flash.ts";
import { SECRET } from "./script.ts";

export const DELIVERIES_PER_DAY = 5;
export const WRONG_CODES_PER_DAY = 2;
export const OWNER_OPENS_PER_DAY = 1;

const DAY = 86_400;
const START = 217_000_000;

function ok(done: boolean): void {
  if (!done) throw new Error("the store refused an update");
}

function openAndClose(store: Store, at: number, a: number, b: number, by: number): void {
  ok(store.appendEvent(at, LogEvent.Open, a, b, by));
  ok(store.appendEvent(at + 5, LogEvent.LidOpened, 0, 0, 0));
  ok(store.appendEvent(at + 40, LogEvent.LidClosed, 0, 0, 0));
}

/** Runs `days` days on a fresh fake flash; returns the flash (its counts) and the store. */
export function yearOfDeliveries(days: number): { flash: NorFlash; store: Store; eventsPerDay: number } {
  const flash = new NorFlash();
  const store = openStore(flash);
  ok(store.provision(SECRET, "box-0042", START));
  const names = ["relock.ms", "unlock.ms", "lid.alarm.s", "lockout.base", "lockout.max", "entry.ms"];
  names.forEach((name, i) => ok(store.setSetting(name, 1000 + i)));
  flash.resetCounts();
  let events = 0;
  for (let day = 0; day < days; day++) {
    const t = START + day * DAY;
    ok(store.checkpointClock(t));
    for (let w = 0; w < WRONG_CODES_PER_DAY; w++) {
      const at = t + 600 + w * 60;
      ok(store.apply([{ kind: "clock", checkpoint: at }, { kind: "limiter", values: [w + 1, 0, at] }]));
      ok(store.appendEvent(at, LogEvent.WrongCode, w + 1, 8, 0));
      events++;
    }
    for (let d = 0; d < DELIVERIES_PER_DAY; d++) {
      const at = t + 3600 * (8 + d * 2);
      const id = `c${String(day).padStart(4, "0")}-${d}`.slice(0, 8);
      ok(store.apply([{ kind: "clock", checkpoint: at }, { kind: "code-use", id, uses: 1, expires: t + 3 * DAY }, { kind: "limiter", values: [0, 0, at] }]));
      openAndClose(store, at, day * 10 + d, 0, Opener.DeliveryCode);
      events += 3;
    }
    for (let o = 0; o < OWNER_OPENS_PER_DAY; o++) {
      const at = t + 20 * 3600;
      ok(store.apply([{ kind: "clock", checkpoint: at }, { kind: "owner-totp", values: [7_233_000 + day * 2880, 0] }]));
      openAndClose(store, at, 0, -1, Opener.OwnerCode);
      events += 3;
    }
    if (day % 7 === 0) {
      ok(store.revoke(`r${day}`, t + 3 * DAY));
      ok(store.appendEvent(t + 21 * 3600, LogEvent.Revoked, day, t + 3 * DAY, 0));
      events++;
    }
  }
  return { flash, store, eventsPerDay: Math.round(events / days) };
}
