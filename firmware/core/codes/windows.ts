/**
 * Validity windows of delivery and pickup codes (docs/codes.md, "Windows").
 *
 * A window is a run of whole box hours [start, start + hours). Windows are aligned to a fixed grid
 * in the box's local time so that only a few of them cover any one hour: an offline box must
 * accept every code the owner's tool could have made for the current hour, and that count is
 * what an attacker at the keypad is up against. What only the owner's tool needs (choosing a
 * window, listing them) is in ./host.ts.
 */

/** Box hours: whole hours since the box epoch (../time.ts), idiv(boxSeconds, 3600). */
export type BoxHour = number;

export type CodeKind = "delivery" | "pickup";

/** A validity window: `hours` whole hours starting at box hour `start`. */
export interface CodeWindow {
  start: BoxHour;
  hours: number;
}

/** Lengths (hours) that are aligned to multiples of themselves in local time (24 = local midnight). */
export const HOUR_LENGTHS = [1, 2, 3, 4, 6, 8, 12, 24];
/** Lengths in days of windows that start at any local midnight, for delivery codes. */
export const DELIVERY_DAYS = [2, 3, 4, 5, 6, 7];
/** Lengths in days for pickup codes: the delivery menu plus a fortnight. */
export const PICKUP_DAYS = [2, 3, 4, 5, 6, 7, 14];

/** The range of the zoneOffsetHours setting: local time = UTC + zoneOffsetHours. */
export const ZONE_MIN = -12;
export const ZONE_MAX = 14;

/** a mod n in 0..n-1 for n > 0 (JavaScript's % truncates, Lua's floors: this agrees on both). */
export function modulo(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}

/** The box hour of the local midnight at or before box hour `hour`. */
export function localMidnight(hour: BoxHour, zone: number): BoxHour {
  return hour - modulo(hour + zone, 24);
}

/**
 * The `index`-th window (0 .. 34 for deliveries, 0 .. 48 for pickups) that covers box hour
 * `hour`: first one per hour length, then for each length of D days its D windows, which start
 * at the D local midnights up to this hour's. Of a D-day length, position p holds the window
 * whose start is local day p mod D (local day: whole days since box hour -zone), so the window
 * that starts at a midnight takes the position of the one that ended there and every other
 * window keeps its position: the candidate table (./candidates.ts) keeps its codes there.
 * (An index past the last is counted into the longest length: callers stay in range.)
 */
export function coveringWindowAt(kind: CodeKind, hour: BoxHour, zone: number, index: number): CodeWindow {
  if (index < 8) {
    const length = HOUR_LENGTHS[index];
    return { start: hour - modulo(hour + zone, length), hours: length };
  }
  let p = index - 8;
  const days = kind === "delivery" ? DELIVERY_DAYS : PICKUP_DAYS;
  let i = 0;
  while (i < days.length - 1 && p >= days[i]) {
    p -= days[i];
    i++;
  }
  const d = days[i];
  // The local midnight at or before `hour`, less whole days back to the one of day p mod d.
  return { start: hour - modulo(hour + zone, 24) - 24 * modulo(idiv(hour + zone, 24) - p, d), hours: 24 * d };
}

/**
 * True when `window` is on the menu of `kind` and on the grid of `zone` (checks input from USB):
 * when it is one of the windows covering its own first hour (a window on the grid starts at a
 * multiple of its length, or at a local midnight, so it covers that hour). 49 indices cover every
 * pickup window; for deliveries, indices past the last give further 7-day windows, which are on
 * the menu too, so the loop needs no count per kind. Never true for a negative or fractional start.
 */
export function isAlignedWindow(kind: CodeKind, window: CodeWindow, zone: number): boolean {
  for (let i = 0; window.start >= 0 && i < 49; i++) {
    const w = coveringWindowAt(kind, window.start, zone, i);
    if (w.start === window.start && w.hours === window.hours) return true;
  }
  return false;
}
