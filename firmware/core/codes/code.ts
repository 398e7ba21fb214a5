/**
 * Delivery and pickup codes: 8 decimal digits, all of them MAC (docs/codes.md, "Message and
 * code"). One HMAC-SHA256(codeKey, message) per window, where the message names the kind and the
 * window; slot s's code is 31 bits of the MAC's word s, mod 10^8. Nothing about the code is in
 * clear, so the box finds a code by computing the candidates for the current hour
 * (./candidates.ts), one HMAC for all the slots of a window (slot s: word s of the MAC, ./host.ts
 * slotValue). Slots give several codes per
 * window, each with a fixed number of uses, so two shops delivering the same day get different
 * codes and the code itself says how often it opens. Issuing (choosing a window and a slot, the
 * code's text) is in ./host.ts.
 */
import type { BoxHour, CodeKind } from "./windows";

/** Digits of a delivery or pickup code as typed on the keypad. */
export const CODE_DIGITS = 8;

/** Uses of delivery slots 0..5. */
export const DELIVERY_SLOT_USES = [1, 1, 1, 1, 2, 3];
/** Uses of pickup slots 0..1. */
export const PICKUP_SLOT_USES = [5, 10];

/** Names one code: revocation and uses are recorded against this, never against the digits. */
export interface CodeId {
  kind: CodeKind;
  /** First box hour of the window. */
  start: BoxHour;
  /** Length of the window in hours. */
  hours: number;
  slot: number;
}

/**
 * The number of uses the code's slot gives, or 0 for a slot that does not exist (slotUses written
 * out: the box needs no function for it). `|| 0`: a slot outside the table reads undefined in
 * JavaScript and nil in Lua, negative and fractional slots included, and no slot gives 0 uses.
 */
export function codeUses(id: CodeId): number {
  return (id.kind === "delivery" ? DELIVERY_SLOT_USES : PICKUP_SLOT_USES)[id.slot] || 0;
}

/** "D-<start>-<hours>-<slot>": the code id as the log, the ledger and the USB protocol write it. */
export function codeIdText(id: CodeId): string {
  return (id.kind === "delivery" ? "D-" : "P-") + id.start + "-" + id.hours + "-" + id.slot;
}

/**
 * The value of a typed entry of exactly `digits` decimal digits, or -1. Callers pass 1..9 (a code
 * length: CODE_DIGITS, OWNER_DIGITS), so the value stays below 2^31 on every runtime.
 */
export function entryValue(entry: string, digits: number): number {
  if (entry.length !== digits) return -1;
  let value = 0;
  for (let i = 0; i < digits; i++) {
    const digit = entry.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
