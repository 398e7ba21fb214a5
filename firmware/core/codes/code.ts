/**
 * Delivery and pickup codes: 8 decimal digits, all of them MAC (docs/codes.md, "Code").
 * A code is HOTP's dynamic truncation of HMAC-SHA1(codeKey, message) mod 10^8, where the
 * message names the code: kind, window and slot. Nothing about the code is in clear, so the box
 * finds a code by computing the candidates for the current hour (./candidates.ts).
 */
import { stringOf, type ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { dynamicTruncate } from "../otp/hotp";
import { wordByte } from "../word";
import { slotUses } from "./slots";
import type { BoxHour, CodeKind } from "./windows";

/** Digits of a delivery or pickup code as typed on the keypad. */
export const CODE_DIGITS = 8;

/** 10^d for d = 0..9 (the largest power of ten below 2^31). */
const POWERS_OF_TEN = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];

/** Names one code: revocation and uses are recorded against this, never against the digits. */
export interface CodeId {
  kind: CodeKind;
  /** First box hour of the window. */
  start: BoxHour;
  /** Length of the window in hours. */
  hours: number;
  slot: number;
}

/** The message's kind byte: "D" or "P". */
export function kindByte(kind: CodeKind): number {
  return kind === "delivery" ? 0x44 : 0x50;
}

/** The 11-byte message: "PB1", kind, start (4 bytes big-endian), hours (2 bytes), slot. */
export function codeMessage(id: CodeId): ByteString {
  return (
    "PB1" +
    stringOf([
      kindByte(id.kind),
      wordByte(id.start, 0),
      wordByte(id.start, 1),
      wordByte(id.start, 2),
      wordByte(id.start, 3),
      ushr(id.hours, 8) & 255,
      id.hours & 255,
      id.slot,
    ])
  );
}

/**
 * The code's value, 0 .. 10^digits - 1. The box and the owner's tool always use CODE_DIGITS;
 * `digits` is a parameter only so a test can shrink the code space (scaled Monte Carlo).
 */
export function codeValue(hasher: Hasher, codeKey: ByteString, id: CodeId, digits: number): number {
  return dynamicTruncate(hasher.hmac("sha1", codeKey, codeMessage(id))) % POWERS_OF_TEN[digits];
}

/** The code as the owner pastes it and the driver types it: CODE_DIGITS digits, leading zeros kept. */
export function codeText(hasher: Hasher, codeKey: ByteString, id: CodeId): string {
  return codeValue(hasher, codeKey, id, CODE_DIGITS).toString().padStart(CODE_DIGITS, "0");
}

/** The number of uses the code's slot gives, or 0 for a slot that does not exist. */
export function codeUses(id: CodeId): number {
  const table = slotUses(id.kind);
  return id.slot >= 0 && id.slot < table.length ? table[id.slot] : 0;
}

/** "D-<start>-<hours>-<slot>": the code id as the log, the ledger and the USB protocol write it. */
export function codeIdText(id: CodeId): string {
  return (id.kind === "delivery" ? "D" : "P") + "-" + id.start.toString() + "-" + id.hours.toString() + "-" + id.slot.toString();
}

function decimal(text: string): number {
  if (text.length === 0 || text.length > 9) return -1;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Parses codeIdText's form; undefined for anything else (slot and kind checked, window not). */
export function parseCodeId(text: string): CodeId | undefined {
  const parts = text.split("-");
  if (parts.length !== 4 || (parts[0] !== "D" && parts[0] !== "P")) return undefined;
  const start = decimal(parts[1]);
  const hours = decimal(parts[2]);
  const slot = decimal(parts[3]);
  if (start < 0 || hours <= 0 || hours > 65535 || slot < 0) return undefined;
  const id: CodeId = { kind: parts[0] === "D" ? "delivery" : "pickup", start: start, hours: hours, slot: slot };
  return codeUses(id) > 0 ? id : undefined;
}

/** The value of a typed entry of exactly `digits` decimal digits, or -1. */
export function entryValue(entry: string, digits: number): number {
  return entry.length === digits ? decimal(entry) : -1;
}
