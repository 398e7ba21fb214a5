/**
 * Validity windows of delivery and pickup codes (docs/codes.md, "Windows").
 *
 * A window is a run of whole box hours [start, start + hours). Windows are aligned to a fixed grid
 * in the box's local time so that only a few of them cover any one hour: an offline box must
 * accept every code the owner's tool could have made for the current hour, and that count is
 * what an attacker at the keypad is up against.
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
function modulo(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}

/** True when `zone` is a whole number of hours in ZONE_MIN..ZONE_MAX. */
export function isZone(zone: number): boolean {
  return zone >= ZONE_MIN && zone <= ZONE_MAX && Math.floor(zone) === zone;
}

/** The box hour of the local midnight at or before box hour `hour`. */
export function localMidnight(hour: BoxHour, zone: number): BoxHour {
  return hour - modulo(hour + zone, 24);
}

/** How many windows of a kind cover any one hour: 35 for deliveries, 49 for pickups. */
export function windowCount(kind: CodeKind): number {
  const days = kind === "delivery" ? DELIVERY_DAYS : PICKUP_DAYS;
  let count = HOUR_LENGTHS.length;
  for (let i = 0; i < days.length; i++) count += days[i];
  return count;
}

/**
 * The `index`-th window (0 .. windowCount(kind)-1) that covers box hour `hour`: first one per
 * hour length, then for each length of D days the windows starting 0 .. D-1 midnights back.
 * The order is part of the candidate table's layout (./candidates.ts), not of the code format.
 * (An index past the last is counted into the longest length: callers stay in range.)
 */
export function coveringWindowAt(kind: CodeKind, hour: BoxHour, zone: number, index: number): CodeWindow {
  if (index < HOUR_LENGTHS.length) {
    const length = HOUR_LENGTHS[index];
    return { start: hour - modulo(hour + zone, length), hours: length };
  }
  let rest = index - HOUR_LENGTHS.length;
  const days = kind === "delivery" ? DELIVERY_DAYS : PICKUP_DAYS;
  let i = 0;
  while (i < days.length - 1 && rest >= days[i]) {
    rest -= days[i];
    i++;
  }
  return { start: localMidnight(hour, zone) - 24 * rest, hours: 24 * days[i] };
}

/** Every window of a kind that covers box hour `hour`, in coveringWindowAt order. */
export function windowsCovering(kind: CodeKind, hour: BoxHour, zone: number): CodeWindow[] {
  const out: CodeWindow[] = [];
  const count = windowCount(kind);
  for (let i = 0; i < count; i++) out.push(coveringWindowAt(kind, hour, zone, i));
  return out;
}

/** True when `window` is on the menu of `kind` and on the grid of `zone` (checks input from USB). */
export function isAlignedWindow(kind: CodeKind, window: CodeWindow, zone: number): boolean {
  if (window.start < 0 || Math.floor(window.start) !== window.start) return false;
  for (let i = 0; i < HOUR_LENGTHS.length; i++) {
    if (window.hours === HOUR_LENGTHS[i]) return modulo(window.start + zone, window.hours) === 0;
  }
  const days = kind === "delivery" ? DELIVERY_DAYS : PICKUP_DAYS;
  for (let i = 0; i < days.length; i++) {
    if (window.hours === 24 * days[i]) return modulo(window.start + zone, 24) === 0;
  }
  return false;
}

/**
 * The owner's tool: the shortest aligned window of `kind` that covers the requested box seconds
 * [fromSeconds, untilSeconds), or undefined when none does (longer than the menu allows). The
 * window usually starts before and ends after the request; the tool shows the owner the
 * window itself, because that is when the code works.
 */
export function chooseWindow(kind: CodeKind, fromSeconds: number, untilSeconds: number, zone: number): CodeWindow | undefined {
  if (!isZone(zone) || fromSeconds < 0 || untilSeconds <= fromSeconds) return undefined;
  const first = idiv(fromSeconds, 3600);
  const end = idiv(untilSeconds - 1, 3600) + 1;
  for (let i = 0; i < HOUR_LENGTHS.length; i++) {
    const length = HOUR_LENGTHS[i];
    const start = first - modulo(first + zone, length);
    if (start >= 0 && start + length >= end) return { start: start, hours: length };
  }
  const midnight = localMidnight(first, zone);
  const days = kind === "delivery" ? DELIVERY_DAYS : PICKUP_DAYS;
  for (let i = 0; i < days.length; i++) {
    if (midnight >= 0 && midnight + 24 * days[i] >= end) return { start: midnight, hours: 24 * days[i] };
  }
  return undefined;
}
