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
import { coveringWindowAt, type CodeKind } from "./windows";

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

/**
 * The table's shape, inlined by both builds (a constant the box would otherwise hold): 35
 * delivery windows of 6 slots, then 49 pickup windows of 2 (./windows.ts windowCount, ./slots.ts;
 * test/core/codes/candidates.test.ts holds these to them).
 */
const enum Shape {
  DeliveryWindows = 35,
  DeliverySlots = 6,
  PickupSlots = 2,
  DeliveryEntries = 210,
  Windows = 84,
  Entries = 308,
}

/** Windows of a full table: 35 for deliveries, then 49 for pickups. */
export const WINDOWS_PER_HOUR: number = Shape.Windows;
/** Entries of a full table: 35 x 6 deliveries + 49 x 2 pickups = 308, whatever is outstanding. */
export const CANDIDATES_PER_HOUR: number = Shape.Entries;

/** The code id at table index `index` for box hour `hour`. */
export function candidateId(hour: number, zone: number, index: number): CodeId {
  const delivery = index < Shape.DeliveryEntries;
  const slots = delivery ? Shape.DeliverySlots : Shape.PickupSlots;
  const rest = delivery ? index : index - Shape.DeliveryEntries;
  const kind: CodeKind = delivery ? "delivery" : "pickup";
  const window = coveringWindowAt(kind, hour, zone, idiv(rest, slots));
  return { kind: kind, start: window.start, hours: window.hours, slot: rest % slots };
}

/** An empty table; moveCandidateTable points it at an hour, fillCandidates computes it. */
export function newCandidateTable(digits: number): CandidateTable {
  return { hour: -1, zone: 0, digits: digits, starts: newIntArray(Shape.Windows, PENDING), pending: Shape.Windows, codes: newIntArray(Shape.Entries, 0) };
}

/**
 * Points the table at the box hour containing `boxSeconds` under `zone`, keeping the codes of
 * every window that still covers it. A new zone setting moves the grid: nothing is kept.
 *
 * Window index `index` keeps its codes while its start stays the same. Past a local midnight, a
 * D-day window that started r midnights back was at index - 1 (r - 1 back) before it, so it
 * takes that entry's codes; the windows are walked from the last down so that index - 1 still
 * holds what it held before this move when it is read.
 */
export function moveCandidateTable(table: CandidateTable, boxSeconds: number, zone: number): void {
  const hour = idiv(boxSeconds, 3600);
  if (hour === table.hour && zone === table.zone) return;
  const starts = table.starts;
  const codes = table.codes;
  if (zone !== table.zone || table.hour < 0) {
    for (let i = 0; i < Shape.Windows; i++) starts[i] = PENDING;
  }
  table.hour = hour;
  table.zone = zone;
  let pending = 0;
  for (let index = Shape.Windows - 1; index >= 0; index--) {
    const delivery = index < Shape.DeliveryWindows;
    const kind: CodeKind = delivery ? "delivery" : "pickup";
    const w = delivery ? index : index - Shape.DeliveryWindows;
    const window = coveringWindowAt(kind, hour, zone, w);
    if (starts[index] === window.start) continue;
    // The same D-day group (24 * D hours, longer than any hour-aligned window) one midnight earlier.
    const slots = delivery ? Shape.DeliverySlots : Shape.PickupSlots;
    const to = delivery ? index * slots : Shape.DeliveryEntries + w * slots;
    if (window.hours > 24 && w > 0 && starts[index - 1] === window.start && coveringWindowAt(kind, hour, zone, w - 1).hours === window.hours) {
      for (let s = 0; s < slots; s++) codes[to + s] = codes[to - slots + s];
      starts[index] = window.start;
    } else {
      starts[index] = PENDING;
      pending++;
    }
  }
  table.pending = pending;
}

/**
 * Computes up to `budget` more windows (one HMAC each). Returns true when the table is
 * complete. Call it from the keypad's key handler while the driver types.
 */
export function fillCandidates(table: CandidateTable, hasher: Hasher, codeKey: ByteString, budget: number): boolean {
  for (let index = 0; index < Shape.Windows && table.pending > 0 && budget > 0; index++) {
    if (table.starts[index] !== PENDING) continue;
    const delivery = index < Shape.DeliveryWindows;
    const kind: CodeKind = delivery ? "delivery" : "pickup";
    const w = delivery ? index : index - Shape.DeliveryWindows;
    const window = coveringWindowAt(kind, table.hour, table.zone, w);
    const mac = windowMac(hasher, codeKey, kind, window.start, window.hours);
    const slots = delivery ? Shape.DeliverySlots : Shape.PickupSlots;
    const to = delivery ? index * slots : Shape.DeliveryEntries + w * slots;
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
  fillCandidates(table, hasher, codeKey, Shape.Windows);
  const value = entryValue(entry, table.digits);
  if (value < 0) return undefined;
  let best: CodeId | undefined = undefined;
  for (let i = 0; i < Shape.Entries; i++) {
    if (table.codes[i] !== value) continue;
    const id = candidateId(table.hour, table.zone, i);
    if (ledger.isRevoked(id) || ledger.usesSpent(id) >= codeUses(id)) continue;
    if (best === undefined || id.start + id.hours < best.start + best.hours) best = id;
  }
  if (best === undefined) return undefined;
  return { id: best, uses: codeUses(best), usesSpent: ledger.usesSpent(best) };
}
