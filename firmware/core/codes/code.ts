/**
 * Delivery and pickup codes: 8 decimal digits, all of them MAC (docs/codes.md, "Message and
 * code"). One HMAC-SHA256(codeKey, message) per window, where the message names the kind and the
 * window; slot s's code is 31 bits of the MAC's word s, mod 10^8. Nothing about the code is in
 * clear, so the box finds a code by computing the candidates for the current hour
 * (./candidates.ts), one HMAC for all the slots of a window.
 */
import { stringOf, type ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
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

/** The 10-byte message of a window: "PB2", kind, start (4 bytes big-endian), hours (2 bytes). */
export function windowMessage(kind: CodeKind, start: BoxHour, hours: number): ByteString {
  return "PB2" + stringOf([kindByte(kind), wordByte(start, 0), wordByte(start, 1), wordByte(start, 2), wordByte(start, 3), ushr(hours, 8) & 255, hours & 255]);
}

/** The window's MAC: HMAC-SHA256(codeKey, windowMessage), 32 bytes, one 32-bit word per slot. */
export function windowMac(hasher: Hasher, codeKey: ByteString, kind: CodeKind, start: BoxHour, hours: number): ByteString {
  return hasher.hmac("sha256", codeKey, windowMessage(kind, start, hours));
}

/**
 * Slot `slot`'s value from its window's MAC: the big-endian word at byte 4 x slot with its top
 * bit cleared (31 bits, as HOTP's truncation gives), mod 10^digits. The box and the owner's tool
 * always use CODE_DIGITS; `digits` is a parameter only so a test can shrink the code space.
 */
export function slotValue(mac: ByteString, slot: number, digits: number): number {
  const at = 4 * slot;
  const word = ((mac.charCodeAt(at) & 0x7f) << 24) | (mac.charCodeAt(at + 1) << 16) | (mac.charCodeAt(at + 2) << 8) | mac.charCodeAt(at + 3);
  return word % POWERS_OF_TEN[digits];
}

/** The code's value, 0 .. 10^digits - 1 (one HMAC: use slotValue to get a window's slots at once). */
export function codeValue(hasher: Hasher, codeKey: ByteString, id: CodeId, digits: number): number {
  return slotValue(windowMac(hasher, codeKey, id.kind, id.start, id.hours), id.slot, digits);
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
