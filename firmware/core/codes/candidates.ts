/**
 * The candidate table: every delivery and pickup code the box accepts in one box hour (every
 * kind x covering window x slot), so that `#` only has to look the entry up.
 *
 * One HMAC per window gives all of its slots (./code.ts), and a window's codes are kept for as
 * long as it covers the box's hour: moving the table to the next hour computes only the windows
 * that start then (the 1-hour window every hour, at local midnight 29 of the 84). The box
 * computes a few windows per key press while the driver types (fillCandidates), and `#`
 * finishes the rest.
 *
 * Layout (index -> code id): deliveries first, window-major (index = window * 6 + slot), then
 * pickups (210 + window * 2 + slot); windows in coveringWindowAt order. Codes and window starts
 * are kept in integer arrays (./int-array.ts), because the table lives in the RAM of an Espruino
 * Pico. Used-up and revoked codes stay in the table: the ledger is asked about a matching entry
 * only, so a use or a revocation costs no recomputation.
 */
import type { ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { newIntArray } from "../int-array";
import { codeUses, entryValue, slotValue, windowMac, type CodeId } from "./code";
import { slotUses } from "./slots";
import { coveringWindowAt, DELIVERY_DAYS, HOUR_LENGTHS, localMidnight, PICKUP_DAYS, windowCount, type CodeKind } from "./windows";

/**
 * What the box remembers about issued codes, by code id (persisted by the caller).
 * @noSelf
 */
export interface CodeLedger {
  /** Uses already spent on this code; 0 when it never opened the box. */
  usesSpent(id: CodeId): number;
  /** True when the owner revoked the code over USB. */
  isRevoked(id: CodeId): boolean;
}

/** A window start no box hour reaches: the window at this index is not computed yet. */
const PENDING = -2147483647;

export interface CandidateTable {
  /** The box hour the table is for (-1 before the first move). */
  hour: number;
  zone: number;
  digits: number;
  /** Per window index: the start of the window whose codes the table holds, or PENDING. */
  starts: number[];
  /** Windows still PENDING. */
  pending: number;
  /** One entry per code index: the code's value. */
  codes: number[];
}

// Each constant is computed from functions only: esbuild merges consecutive constants into one
// statement, and the build's Espruino check refuses a declarator that reads an earlier one.
const DELIVERY_WINDOWS = windowCount("delivery");
const DELIVERY_SLOTS = slotUses("delivery").length;
const PICKUP_SLOTS = slotUses("pickup").length;
const DELIVERY_ENTRIES = windowCount("delivery") * slotUses("delivery").length;
/** Windows of a full table: 35 for deliveries, then 49 for pickups. */
export const WINDOWS_PER_HOUR = windowCount("delivery") + windowCount("pickup");
/** Entries of a full table: 35 x 6 deliveries + 49 x 2 pickups = 308, whatever is outstanding. */
export const CANDIDATES_PER_HOUR = windowCount("delivery") * slotUses("delivery").length + windowCount("pickup") * slotUses("pickup").length;

/** The code id at table index `index` for box hour `hour`. */
export function candidateId(hour: number, zone: number, index: number): CodeId {
  let kind: CodeKind = "delivery";
  let rest = index;
  if (rest >= DELIVERY_ENTRIES) {
    kind = "pickup";
    rest -= DELIVERY_ENTRIES;
  }
  const slots = slotUses(kind).length;
  const window = coveringWindowAt(kind, hour, zone, idiv(rest, slots));
  return { kind: kind, start: window.start, hours: window.hours, slot: rest % slots };
}

/** An empty table; moveCandidateTable points it at an hour, fillCandidates computes it. */
export function newCandidateTable(digits: number): CandidateTable {
  return { hour: -1, zone: 0, digits: digits, starts: newIntArray(WINDOWS_PER_HOUR, PENDING), pending: WINDOWS_PER_HOUR, codes: newIntArray(CANDIDATES_PER_HOUR, 0) };
}

/** The code index of window `index`'s slot 0. */
function firstEntry(index: number): number {
  return index <= DELIVERY_WINDOWS ? index * DELIVERY_SLOTS : DELIVERY_ENTRIES + (index - DELIVERY_WINDOWS) * PICKUP_SLOTS;
}

/** Keeps window `index`'s codes if its start is still `start`, or takes `from`'s when that had it. */
function keepWindow(table: CandidateTable, index: number, start: number, from: number): void {
  if (table.starts[index] === start) return;
  if (table.starts[index] === PENDING) table.pending--;
  if (from < 0 || table.starts[from] !== start) {
    table.starts[index] = PENDING;
    table.pending++;
    return;
  }
  // A D-day window that started r midnights back was at r - 1 before this local midnight.
  table.starts[index] = start;
  const to = firstEntry(index);
  const slots = firstEntry(index + 1) - to;
  for (let s = 0; s < slots; s++) table.codes[to + s] = table.codes[to - slots + s];
}

function moveKind(table: CandidateTable, kind: CodeKind, first: number, hour: number, zone: number): void {
  let index = first;
  for (let i = 0; i < HOUR_LENGTHS.length; i++) {
    keepWindow(table, index, coveringWindowAt(kind, hour, zone, index - first).start, -1);
    index++;
  }
  const midnight = localMidnight(hour, zone);
  const days = kind === "delivery" ? DELIVERY_DAYS : PICKUP_DAYS;
  for (let d = 0; d < days.length; d++) {
    // Latest first: window r takes over what r - 1 held before r - 1 is itself moved.
    for (let r = days[d] - 1; r >= 0; r--) keepWindow(table, index + r, midnight - 24 * r, r > 0 ? index + r - 1 : -1);
    index += days[d];
  }
}

/**
 * Points the table at the box hour containing `boxSeconds` under `zone`, keeping the codes of
 * every window that still covers it. A new zone setting moves the grid: nothing is kept.
 */
export function moveCandidateTable(table: CandidateTable, boxSeconds: number, zone: number): void {
  const hour = idiv(boxSeconds, 3600);
  if (hour === table.hour && zone === table.zone) return;
  if (zone !== table.zone || table.hour < 0) {
    for (let i = 0; i < WINDOWS_PER_HOUR; i++) table.starts[i] = PENDING;
    table.pending = WINDOWS_PER_HOUR;
  }
  table.hour = hour;
  table.zone = zone;
  moveKind(table, "delivery", 0, hour, zone);
  moveKind(table, "pickup", DELIVERY_WINDOWS, hour, zone);
}

/**
 * Computes up to `budget` more windows (one HMAC each). Returns true when the table is
 * complete. Call it from the keypad's key handler while the driver types.
 */
export function fillCandidates(table: CandidateTable, hasher: Hasher, codeKey: ByteString, budget: number): boolean {
  for (let index = 0; index < WINDOWS_PER_HOUR && table.pending > 0 && budget > 0; index++) {
    if (table.starts[index] !== PENDING) continue;
    const delivery = index < DELIVERY_WINDOWS;
    const kind: CodeKind = delivery ? "delivery" : "pickup";
    const window = coveringWindowAt(kind, table.hour, table.zone, delivery ? index : index - DELIVERY_WINDOWS);
    const mac = windowMac(hasher, codeKey, kind, window.start, window.hours);
    const to = firstEntry(index);
    const slots = firstEntry(index + 1) - to;
    for (let s = 0; s < slots; s++) table.codes[to + s] = slotValue(mac, s, table.digits);
    table.starts[index] = window.start;
    table.pending--;
    budget--;
  }
  return table.pending === 0;
}

/** A code the entry matched: which one and its uses (spent before this entry). */
export interface CandidateMatch {
  id: CodeId;
  uses: number;
  usesSpent: number;
}

/**
 * Looks `entry` up (exactly table.digits decimal digits), finishing the table first. The whole
 * table is scanned whatever matches; the ledger is asked about matching entries only (a code
 * used up or revoked stays in the table). When two live codes share the digits (about 3 in a
 * million), the one whose window ends first is taken. The caller records the use (and persists
 * it) before opening the lid.
 */
export function matchCandidate(table: CandidateTable, hasher: Hasher, codeKey: ByteString, ledger: CodeLedger, entry: string): CandidateMatch | undefined {
  fillCandidates(table, hasher, codeKey, WINDOWS_PER_HOUR);
  const value = entryValue(entry, table.digits);
  if (value < 0) return undefined;
  let best: CodeId | undefined = undefined;
  for (let i = 0; i < CANDIDATES_PER_HOUR; i++) {
    if (table.codes[i] !== value) continue;
    const id = candidateId(table.hour, table.zone, i);
    if (ledger.isRevoked(id) || ledger.usesSpent(id) >= codeUses(id)) continue;
    if (best === undefined || id.start + id.hours < best.start + best.hours) best = id;
  }
  if (best === undefined) return undefined;
  return { id: best, uses: codeUses(best), usesSpent: ledger.usesSpent(best) };
}
