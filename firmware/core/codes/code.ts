/**
 * Delivery and pickup codes: 8 decimal digits, all of them MAC (docs/codes.md, "Message and
 * code"). One HMAC-SHA256(codeKey, message) per window, where the message names the kind and the
 * window; slot s's code is 31 bits of the MAC's word s, mod 10^8. Nothing about the code is in
 * clear, so the box finds a code by computing the candidates for the current hour
 * (./candidates.ts), one HMAC for all the slots of a window.
 */
import { splitText, type ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { POWERS_OF_TEN } from "../otp/hotp";
import { wordByte } from "../word";
import { slotUses } from "./slots";
import type { BoxHour, CodeKind } from "./windows";

/** Digits of a delivery or pickup code as typed on the keypad. */
export const CODE_DIGITS = 8;

/** Names one code: revocation and uses are recorded against this, never against the digits. */
export interface CodeId {
  kind: CodeKind;
  /** First box hour of the window. */
  start: BoxHour;
  /** Length of the window in hours. */
  hours: number;
  slot: number;
}

/** The 10-byte message of a window: "PB2", kind ("D" or "P"), start (4 bytes big-endian), hours (2 bytes). */
export function windowMessage(kind: CodeKind, start: BoxHour, hours: number): ByteString {
  return (kind === "delivery" ? "PB2D" : "PB2P") + String.fromCharCode(wordByte(start, 0), wordByte(start, 1), wordByte(start, 2), wordByte(start, 3), ushr(hours, 8) & 255, hours & 255);
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
  let text = codeValue(hasher, codeKey, id, CODE_DIGITS).toString();
  while (text.length < CODE_DIGITS) text = "0" + text;
  return text;
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

/** Parses codeIdText's form; undefined for anything else (slot and kind checked, window not). */
export function parseCodeId(text: string): CodeId | undefined {
  const parts = splitText(text, "-");
  if (parts.length !== 4 || (parts[0] !== "D" && parts[0] !== "P")) return undefined;
  const start = entryValue(parts[1], parts[1].length);
  const hours = entryValue(parts[2], parts[2].length);
  const slot = entryValue(parts[3], parts[3].length);
  if (start < 0 || hours <= 0 || hours > 65535 || slot < 0) return undefined;
  const id: CodeId = { kind: parts[0] === "D" ? "delivery" : "pickup", start: start, hours: hours, slot: slot };
  return codeUses(id) > 0 ? id : undefined;
}

/** The value of a typed entry of exactly `digits` (1..9) decimal digits, or -1. */
export function entryValue(entry: string, digits: number): number {
  if (entry.length !== digits || digits === 0 || digits > 9) return -1;
  let value = 0;
  for (let i = 0; i < digits; i++) {
    const digit = entry.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
