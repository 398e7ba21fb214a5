/**
 * The owner's tool's side of docs/codes.md, which the box never runs: choosing a window and a
 * slot, a code's digits, parsing a code id, listing windows, the authenticator URI. Only Node
 * code (tools/, sim/, test/) imports this file, so neither board's build carries it; it builds
 * on the same definitions the box uses (./windows.ts, ./code.ts, ./keys.ts).
 */
import { splitText, type ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { base32Encode } from "../otp/base32";
import { POWERS_OF_TEN } from "../otp/hotp";
import { codeUses, entryValue, CODE_DIGITS, DELIVERY_SLOT_USES, PICKUP_SLOT_USES, type CodeId } from "./code";
import { coveringWindowAt, localMidnight, modulo, DELIVERY_DAYS, HOUR_LENGTHS, PICKUP_DAYS, ZONE_MAX, ZONE_MIN, type BoxHour, type CodeKind, type CodeWindow } from "./windows";

export * from "./index";

/** The uses of each slot of a kind, indexed by slot (the box reads the tables in ./code.ts codeUses). */
export function slotUses(kind: CodeKind): number[] {
  return kind === "delivery" ? DELIVERY_SLOT_USES : PICKUP_SLOT_USES;
}

/**
 * The 10-byte message of a window: "PB2", kind ("D" or "P"), start (4 bytes big-endian), hours
 * (2 bytes). The box writes it out in ./candidates.ts fillCandidates; the candidate tests hold
 * every code it computes to the codes made from this one.
 */
export function windowMessage(kind: CodeKind, start: BoxHour, hours: number): ByteString {
  return (kind === "delivery" ? "PB2D" : "PB2P") + String.fromCharCode(ushr(start, 24), ushr(start, 16) & 255, ushr(start, 8) & 255, start & 255, ushr(hours, 8) & 255, hours & 255);
}

/** True when `zone` is a whole number of hours in ZONE_MIN..ZONE_MAX. */
export function isZone(zone: number): boolean {
  return zone >= ZONE_MIN && zone <= ZONE_MAX && Math.floor(zone) === zone;
}

/** How many windows of a kind cover any one hour: 35 for deliveries, 49 for pickups. */
export function windowCount(kind: CodeKind): number {
  const days = kind === "delivery" ? DELIVERY_DAYS : PICKUP_DAYS;
  let count = HOUR_LENGTHS.length;
  for (let i = 0; i < days.length; i++) count += days[i];
  return count;
}

/** Every window of a kind that covers box hour `hour`, in coveringWindowAt order. */
export function windowsCovering(kind: CodeKind, hour: number, zone: number): CodeWindow[] {
  const out: CodeWindow[] = [];
  const count = windowCount(kind);
  for (let i = 0; i < count; i++) out.push(coveringWindowAt(kind, hour, zone, i));
  return out;
}

/**
 * The shortest aligned window of `kind` that covers the requested box seconds
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

/**
 * The slot to issue for `uses` uses, given the slots already issued for the same window
 * (`taken`). Picks the fewest uses that are at least `uses` (lowest slot on a tie); undefined
 * when every such slot is taken. The tool tells the owner the slot's real uses.
 */
export function chooseSlot(kind: CodeKind, uses: number, taken: number[]): number | undefined {
  const table = slotUses(kind);
  let best = -1;
  for (let slot = 0; slot < table.length; slot++) {
    let free = table[slot] >= uses;
    for (let i = 0; i < taken.length; i++) if (taken[i] === slot) free = false;
    if (!free) continue;
    if (best < 0 || table[slot] < table[best]) best = slot;
  }
  return best < 0 ? undefined : best;
}

/**
 * Slot `slot`'s value from its window's MAC (HMAC-SHA256(codeKey, windowMessage)): the
 * big-endian word at byte 4 x slot with its top bit cleared (31 bits, as HOTP's truncation
 * gives), mod 10^digits. The box and the owner's tool always use CODE_DIGITS; `digits` is a
 * parameter only so a test can shrink the code space.
 */
export function slotValue(mac: ByteString, slot: number, digits: number): number {
  const at = 4 * slot;
  return (((mac.charCodeAt(at) & 0x7f) << 24) | (mac.charCodeAt(at + 1) << 16) | (mac.charCodeAt(at + 2) << 8) | mac.charCodeAt(at + 3)) % POWERS_OF_TEN[digits];
}

/** The window's MAC: HMAC-SHA256(codeKey, windowMessage), 32 bytes, one 32-bit word per slot. */
export function windowMac(hasher: Hasher, codeKey: ByteString, kind: CodeKind, start: number, hours: number): ByteString {
  return hasher.hmac("sha256", codeKey, windowMessage(kind, start, hours));
}

/** The code's value, 0 .. 10^digits - 1 (one HMAC). */
export function codeValue(hasher: Hasher, codeKey: ByteString, id: CodeId, digits: number): number {
  return slotValue(windowMac(hasher, codeKey, id.kind, id.start, id.hours), id.slot, digits);
}

/** The code as the owner pastes it and the driver types it: CODE_DIGITS digits, leading zeros kept. */
export function codeText(hasher: Hasher, codeKey: ByteString, id: CodeId): string {
  let text = codeValue(hasher, codeKey, id, CODE_DIGITS).toString();
  while (text.length < CODE_DIGITS) text = "0" + text;
  return text;
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

const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
const HEX_UPPER = "0123456789ABCDEF";

/** RFC 3986 percent-encoding of a byte string (the label may hold spaces and ':' only encoded). */
function percentEncode(text: string): string {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (UNRESERVED.indexOf(ch) >= 0) {
      out.push(ch);
    } else {
      const b = text.charCodeAt(i) & 255;
      out.push("%" + HEX_UPPER.charAt(ushr(b, 4)) + HEX_UPPER.charAt(b & 15));
    }
  }
  return out.join("");
}

/**
 * The otpauth:// URI the owner's tool shows as a QR code at provisioning: SHA1, 6 digits,
 * 30 s, written out even though they are the defaults, so no app guesses otherwise.
 */
export function ownerOtpauthUri(ownerKey: ByteString, account: string): string {
  const label = percentEncode("parcelbox") + ":" + percentEncode(account);
  return "otpauth://totp/" + label + "?secret=" + base32Encode(ownerKey) + "&issuer=parcelbox&algorithm=SHA1&digits=6&period=30";
}
