/**
 * Byte strings: the one binary type every runtime shares. Espruino strings are 8-bit, Lua strings
 * are byte strings, and Node handles them as latin1. Native hash APIs on both devices take and
 * return strings, so keys, messages and digests are byte strings throughout the core.
 */

export type ByteString = string;

const HEX = "0123456789abcdef";

export function toHex(text: ByteString): string {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const b = text.charCodeAt(i);
    parts.push(HEX.charAt(ushr(b, 4)) + HEX.charAt(b & 15));
  }
  return parts.join("");
}

/**
 * Parses lower- or upper-case hex into a byte string; undefined if it is not whole bytes of hex.
 * The bytes are joined once at the end, so Lua does not copy the string per byte.
 */
export function fromHex(hex: string): ByteString | undefined {
  if (hex.length % 2 !== 0) return undefined;
  const lower = hex.toLowerCase();
  const out: string[] = [];
  for (let i = 0; i < lower.length; i += 2) {
    const hi = HEX.indexOf(lower.charAt(i));
    const lo = HEX.indexOf(lower.charAt(i + 1));
    if (hi < 0 || lo < 0) return undefined;
    out.push(String.fromCharCode(hi * 16 + lo));
  }
  return out.join("");
}

/**
 * `text` cut at every `separator`, as String.prototype.split gives (empty pieces kept), written
 * out so that the Lua build does not carry typescript-to-lua's split.
 */
export function splitText(text: string, separator: string): string[] {
  const out: string[] = [];
  let start = 0;
  let at = text.indexOf(separator);
  while (at >= 0) {
    out.push(text.substring(start, at));
    start = at + separator.length;
    at = text.indexOf(separator, start);
  }
  out.push(text.substring(start));
  return out;
}

/** Compares two byte strings in time that depends only on their lengths. */
export function constantTimeEqual(a: ByteString, b: ByteString): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff = diff | (a.charCodeAt(i) ^ b.charCodeAt(i));
  return diff === 0;
}
