/**
 * The candidate table: every delivery and pickup code the box accepts in one box hour (every
 * kind x covering window x slot, minus revoked and used-up codes), computed a few HMACs at a
 * time while the driver types, so that `#` only has to look the entry up.
 *
 * Layout (index -> code id): deliveries first, window-major (index = window * 6 + slot), then
 * pickups (210 + window * 2 + slot). Codes are kept as numbers, not objects, because the table
 * lives in the RAM of an Espruino Pico (308 numbers).
 */
import type { ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { codeUses, codeValue, entryValue, type CodeId } from "./code";
import { slotUses } from "./slots";
import { coveringWindowAt, windowCount, type CodeKind } from "./windows";

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

/** Marks a table entry that is excluded (revoked or used up) or not computed yet. */
const EXCLUDED = -1;

export interface CandidateTable {
  /** The box hour the table is for; it is useless in any other hour. */
  hour: number;
  zone: number;
  digits: number;
  /** One entry per index: the code's value, or -1 when excluded. */
  codes: number[];
}

// Each constant is computed from functions only: esbuild merges consecutive constants into one
// statement, and the build's Espruino check refuses a declarator that reads an earlier one.
const DELIVERY_ENTRIES = windowCount("delivery") * slotUses("delivery").length;

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

/** An empty table for the box hour containing `boxSeconds`; fill it with fillCandidates. */
export function newCandidateTable(boxSeconds: number, zone: number, digits: number): CandidateTable {
  return { hour: idiv(boxSeconds, 3600), zone: zone, digits: digits, codes: [] };
}

/** True when `table` serves an entry typed at `boxSeconds` with this zone setting. */
export function tableServes(table: CandidateTable, boxSeconds: number, zone: number): boolean {
  return table.hour === idiv(boxSeconds, 3600) && table.zone === zone;
}

function isLive(ledger: CodeLedger, id: CodeId): boolean {
  return !ledger.isRevoked(id) && ledger.usesSpent(id) < codeUses(id);
}

/**
 * Computes up to `budget` more entries (one HMAC each; excluded codes cost none). Returns true
 * when the table is complete. Call it from the keypad's key handler while the driver types.
 */
export function fillCandidates(table: CandidateTable, hasher: Hasher, codeKey: ByteString, ledger: CodeLedger, budget: number): boolean {
  let spent = 0;
  while (table.codes.length < CANDIDATES_PER_HOUR && spent < budget) {
    const id = candidateId(table.hour, table.zone, table.codes.length);
    if (isLive(ledger, id)) {
      table.codes.push(codeValue(hasher, codeKey, id, table.digits));
      spent++;
    } else {
      table.codes.push(EXCLUDED);
    }
  }
  return table.codes.length >= CANDIDATES_PER_HOUR;
}

/** A code the entry matched: which one and its uses (spent before this entry). */
export interface CandidateMatch {
  id: CodeId;
  uses: number;
  usesSpent: number;
}

/**
 * Looks `entry` up (exactly table.digits decimal digits), finishing the table first. The whole
 * table is scanned whatever matches, so the time does not tell which code it was. The ledger
 * is asked again for matches, in case a code was used or revoked since its entry was computed.
 * When two live codes share the digits (about 3 in a million), the one whose window ends first
 * is taken. The caller records the use (and persists it) before opening the lid.
 */
export function matchCandidate(table: CandidateTable, hasher: Hasher, codeKey: ByteString, ledger: CodeLedger, entry: string): CandidateMatch | undefined {
  fillCandidates(table, hasher, codeKey, ledger, CANDIDATES_PER_HOUR);
  const value = entryValue(entry, table.digits);
  if (value < 0) return undefined;
  let best: CodeId | undefined = undefined;
  for (let i = 0; i < table.codes.length; i++) {
    if (table.codes[i] !== value) continue;
    const id = candidateId(table.hour, table.zone, i);
    if (!isLive(ledger, id)) continue;
    if (best === undefined || id.start + id.hours < best.start + best.hours) best = id;
  }
  if (best === undefined) return undefined;
  return { id: best, uses: codeUses(best), usesSpent: ledger.usesSpent(best) };
}

/** The ids a complete table holds (not excluded), for the USB status command and tests. */
export function liveCandidateIds(table: CandidateTable): CodeId[] {
  const out: CodeId[] = [];
  for (let i = 0; i < table.codes.length; i++) {
    if (table.codes[i] !== EXCLUDED) out.push(candidateId(table.hour, table.zone, i));
  }
  return out;
}
