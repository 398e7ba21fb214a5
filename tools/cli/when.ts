/**
 * Times as the owner types them for `parcelbox code --from`, and windows as the owner reads them.
 * The box lives in one fixed zone, UTC + zoneOffsetHours (docs/codes.md, "Windows"), so a time
 * written without a zone means the box's local time, not the laptop's: the code has to suit the
 * box's door, wherever the laptop is.
 *
 * Accepted --from forms (the first matching wins):
 *   now                          this moment
 *   today, tomorrow              local midnight starting that day
 *   today 14:00, tomorrow 08:00  that local time
 *   2026-11-28                   local midnight of that date
 *   2026-11-28 08:00, 2026-11-28T08:00
 *                                that local time
 *   2026-11-28T08:00:00Z, ...+01:00
 *                                an ISO 8601 time with its own zone
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The box's local midnight at or before `at` (zone in whole hours east of UTC). */
function localMidnightOf(at: Date, zone: number): number {
  const local = at.getTime() + zone * HOUR_MS;
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - zone * HOUR_MS;
}

function clock(text: string | undefined): number | undefined {
  if (text === undefined) return 0;
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return Number(m[1]) * HOUR_MS + Number(m[2]) * 60_000;
}

/** Parses a --from value; undefined when it is none of the forms above. */
export function parseWhen(text: string, now: Date, zone: number): Date | undefined {
  const t = text.trim().toLowerCase();
  if (t === "now") return new Date(now.getTime());
  const relative = /^(today|tomorrow)(?:[ t](\d{1,2}:\d{2}))?$/.exec(t);
  if (relative) {
    const offset = clock(relative[2]);
    if (offset === undefined) return undefined;
    return new Date(localMidnightOf(now, zone) + (relative[1] === "tomorrow" ? DAY_MS : 0) + offset);
  }
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{1,2}:\d{2}))?$/.exec(t);
  if (local) {
    const offset = clock(local[4]);
    const midnightUtc = Date.UTC(Number(local[1]), Number(local[2]) - 1, Number(local[3]));
    const check = new Date(midnightUtc);
    if (offset === undefined || check.getUTCDate() !== Number(local[3]) || check.getUTCMonth() !== Number(local[2]) - 1) return undefined;
    return new Date(midnightUtc - zone * HOUR_MS + offset);
  }
  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})$/.test(t)) {
    const d = new Date(text.trim());
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "UTC+1", "UTC-5", "UTC". */
export function zoneName(zone: number): string {
  return zone === 0 ? "UTC" : `UTC${zone > 0 ? "+" : "-"}${Math.abs(zone)}`;
}

/** The box's local wall time of `at` as a UTC-based Date (read it with getUTC*). */
function wall(at: Date, zone: number): Date {
  return new Date(at.getTime() + zone * HOUR_MS);
}

/** "Sat 28 Nov 09:00" in the box's local time. */
export function localText(at: Date, zone: number): string {
  const w = wall(at, zone);
  return `${DAYS[w.getUTCDay()]} ${w.getUTCDate()} ${MONTHS[w.getUTCMonth()]} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

/** "2026-11-28 09:00Z". */
export function utcText(at: Date): string {
  return at.toISOString().slice(0, 16).replace("T", " ") + "Z";
}

/**
 * A window [from, until) in local time, the end written as the day it belongs to:
 * "Sat 28 Nov 00:00-24:00", "Sat 28 Nov 08:00-16:00", "Sat 28 Nov 00:00 to Mon 30 Nov 24:00".
 */
export function localWindowText(from: Date, until: Date, zone: number): string {
  const last = new Date(until.getTime() - 1);
  const endsAtMidnight = wall(until, zone).getUTCHours() === 0 && wall(until, zone).getUTCMinutes() === 0;
  const endClock = endsAtMidnight ? "24:00" : localText(until, zone).slice(-5);
  const endDay = localText(endsAtMidnight ? last : until, zone).slice(0, -6);
  const startDay = localText(from, zone).slice(0, -6);
  if (startDay === endDay) return `${localText(from, zone)}-${endClock}`;
  return `${localText(from, zone)} to ${endDay} ${endClock}`;
}
