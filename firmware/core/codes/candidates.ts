/**
 * The candidate table: every delivery and pickup code the box accepts in one box hour (every
 * kind x covering window x slot), so that `#` only has to look the entry up.
 *
 * One HMAC per window gives all of its slots (./code.ts), and a window's codes are kept for as
 * long as it covers the box's hour: moving the table to the next hour marks only the windows
 * that start then (the 1-hour window every hour, at local midnight 29 of the 84), found from the
 * hours and days the grid moved, without walking the windows. The box computes a few windows
 * per key press while the driver types (fillCandidates), and `#` finishes the rest.
 *
 * Layout (index -> code id): deliveries first, window-major (index = window * 6 + slot), then
 * pickups (210 + window * 2 + slot); windows in coveringWindowAt order, where a D-day window
 * keeps its position for its whole life. The codes are one integer array (./int-array.ts: an
 * Int32Array on an Espruino Pico, whose native indexOf finds the windows still to compute and
 * the entries that match), PENDING where a window is not computed yet, and one more entry after
 * the last code, the sentinel: every search ends at a hit (Espruino's indexOf takes about ten
 * times longer to find nothing than to find the last entry). Used-up and revoked
 * codes stay in the table: the ledger is asked about a matching entry only, so a use or a
 * revocation costs no recomputation.
 */
import type { ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { intIndexOf, newIntArray } from "../int-array";
import { codeIdText, codeUses, entryValue, type CodeId } from "./code";
import { coveringWindowAt, modulo, DELIVERY_DAYS, HOUR_LENGTHS, PICKUP_DAYS } from "./windows";

/**
 * What the box remembers about issued codes, by the code id's text (./code.ts codeIdText, the
 * key the box's memory keeps them under, so the memory itself is the ledger).
 * @noSelf
 */
export interface CodeLedger {
  /** Uses already spent on this code; 0 when it never opened the box. */
  usesSpent(id: string): number;
  /** True when the owner revoked the code over USB. */
  isRevoked(id: string): boolean;
}

export interface CandidateTable {
  /** The box hour the table is for (-1 before the first move). */
  hour: number;
  zone: number;
  digits: number;
  /** 10^digits, what a slot's 31 bits are taken modulo (multiplied out once, for the table). */
  modulus: number;
  /** One entry per code index: the code's value, or PENDING (no code is negative); then the sentinel. */
  codes: number[];
}

/**
 * The table's shape, inlined by both builds (a constant the box would otherwise hold): 35
 * delivery windows of 6 slots, then 49 pickup windows of 2 (./windows.ts, ./code.ts slot uses;
 * test/core/codes/candidates.test.ts holds these to them). PENDING marks an entry to compute.
 */
const enum Shape {
  DeliverySlots = 6,
  PickupSlots = 2,
  DeliveryEntries = 210,
  Windows = 84,
  Entries = 308,
  Pending = -1,
}

/** Windows of a full table: 35 for deliveries, then 49 for pickups. */
export const WINDOWS_PER_HOUR: number = Shape.Windows;
/** Entries of a full table: 35 x 6 deliveries + 49 x 2 pickups = 308, whatever is outstanding. */
export const CANDIDATES_PER_HOUR: number = Shape.Entries;

/** The code id at table index `index` for box hour `hour`. */
export function candidateId(hour: number, zone: number, index: number): CodeId {
  const pickup = index >= Shape.DeliveryEntries;
  const kind = pickup ? "pickup" : "delivery";
  const slots = pickup ? Shape.PickupSlots : Shape.DeliverySlots;
  const rest = pickup ? index - Shape.DeliveryEntries : index;
  const window = coveringWindowAt(kind, hour, zone, idiv(rest, slots));
  return { kind: kind, start: window.start, hours: window.hours, slot: rest % slots };
}

/** An empty table; moveCandidateTable points it at an hour, fillCandidates computes it. */
export function newCandidateTable(digits: number): CandidateTable {
  // A table of powers of ten would be 20 JsVars of the box's.
  let modulus = 1;
  for (let d = 0; d < digits; d++) modulus *= 10;
  return { hour: -1, zone: 0, digits: digits, modulus: modulus, codes: newIntArray(Shape.Entries + 1, Shape.Pending) };
}

/**
 * Points the table at the box hour containing `boxSeconds` under `zone`, keeping the codes of
 * every window that still covers it. Marked to compute: each hour length whose aligned block is
 * another than before, and of each D-day length the positions of the windows that started at
 * the local midnights passed (at most D). A new zone setting moves the grid, and a clock set
 * back is rare: then nothing is kept.
 */
export function moveCandidateTable(table: CandidateTable, boxSeconds: number, zone: number): void {
  const hour = idiv(boxSeconds, 3600);
  const old = table.hour;
  if (hour === old && zone === table.zone) return;
  const codes = table.codes;
  const today = idiv(hour + zone, 24);
  // Hours and local midnights passed; nothing kept (more than any window's length: every entry
  // is marked below) on the first move, a new zone or a clock set back.
  const kept = zone === table.zone && old >= 0 && hour > old;
  const hours = kept ? hour - old : 99;
  const days = kept ? today - idiv(old + zone, 24) : 99;
  table.hour = hour;
  table.zone = zone;
  for (let pickup = 0; pickup < 2; pickup++) {
    const slots = pickup > 0 ? Shape.PickupSlots : Shape.DeliverySlots;
    const base = pickup > 0 ? Shape.DeliveryEntries : 0;
    const menu = pickup > 0 ? PICKUP_DAYS : DELIVERY_DAYS;
    // Hour length i (window i): its block moved when the new hour is fewer hours into its block
    // than the hours moved.
    for (let i = 0; i < 8; i++) {
      if (modulo(hour + zone, HOUR_LENGTHS[i]) < hours) for (let s = 0; s < slots; s++) codes[base + i * slots + s] = Shape.Pending;
    }
    // Past local midnights: of each D-day length, the positions of the windows that started at
    // the midnights passed (today, today - 1, ...; at most D, which is every position).
    let first = 8;
    for (let i = 0; i < menu.length; i++) {
      for (let r = 0; r < days && r < menu[i]; r++) {
        const at = base + (first + modulo(today - r, menu[i])) * slots;
        for (let s = 0; s < slots; s++) codes[at + s] = Shape.Pending;
      }
      first += menu[i];
    }
  }
}

/**
 * Computes up to `budget` more windows (one HMAC each). Returns true when the table is
 * complete. Call it from the keypad's key handler while the driver types.
 */
export function fillCandidates(table: CandidateTable, hasher: Hasher, codeKey: ByteString, budget: number): boolean {
  const codes = table.codes;
  const modulus = table.modulus;
  // The sentinel is PENDING: at === Entries means every window is computed.
  let at = intIndexOf(codes, Shape.Pending, 0);
  for (; at < Shape.Entries && budget > 0; budget--) {
    const id = candidateId(table.hour, table.zone, at);
    const start = id.start;
    const hours = id.hours;
    // ./code.ts windowMessage, written out (a function the box then does without).
    const mac = hasher.hmac("sha256", codeKey, (id.kind === "delivery" ? "PB2D" : "PB2P") + String.fromCharCode(ushr(start, 24), ushr(start, 16) & 255, ushr(start, 8) & 255, start & 255, ushr(hours, 8) & 255, hours & 255));
    // `at` is the window's first entry: a window is marked as a whole. Slot s is word s of the
    // MAC, top bit cleared, mod 10^digits: ./host.ts slotValue's formula, written out here since
    // a call per slot is a good part of a window's time on Espruino (the candidate tests hold
    // every entry to the owner's tool's codes).
    const slots = id.kind === "delivery" ? Shape.DeliverySlots : Shape.PickupSlots;
    for (let s = 0; s < slots; s++) {
      const b = 4 * s;
      codes[at + s] = (((mac.charCodeAt(b) & 0x7f) << 24) | (mac.charCodeAt(b + 1) << 16) | (mac.charCodeAt(b + 2) << 8) | mac.charCodeAt(b + 3)) % modulus;
    }
    at = intIndexOf(codes, Shape.Pending, at + slots);
  }
  return at === Shape.Entries;
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
  // An entry that is not table.digits digits is -1, PENDING: the table just filled holds none, so
  // the search below stops at once at the sentinel and nothing matches.
  const value = entryValue(entry, table.digits);
  const codes = table.codes;
  let best: CodeId | undefined = undefined;
  let bestSpent = 0;
  codes[Shape.Entries] = value;
  for (let i = intIndexOf(codes, value, 0); i < Shape.Entries; i = intIndexOf(codes, value, i + 1)) {
    const id = candidateId(table.hour, table.zone, i);
    const text = codeIdText(id);
    const spent = ledger.usesSpent(text);
    if (ledger.isRevoked(text) || spent >= codeUses(id)) continue;
    if (best === undefined || id.start + id.hours < best.start + best.hours) {
      best = id;
      bestSpent = spent;
    }
  }
  codes[Shape.Entries] = Shape.Pending;
  if (best === undefined) return undefined;
  return { id: best, uses: codeUses(best), usesSpent: bestSpent };
}
