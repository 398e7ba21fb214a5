/** Base32 (RFC 4648 section 6), the alphabet of otpauth:// secrets. */
import type { ByteString } from "../bytes";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Encodes without "=" padding, as authenticator apps expect in otpauth:// URIs. */
export function base32Encode(data: ByteString): string {
  const out: string[] = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < data.length; i++) {
    buffer = ((buffer << 8) | data.charCodeAt(i)) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push(ALPHABET.charAt(ushr(buffer, bits) & 31));
    }
  }
  if (bits > 0) out.push(ALPHABET.charAt((buffer << (5 - bits)) & 31));
  return out.join("");
}

/**
 * Decodes, ignoring case, spaces, dashes and trailing "=" padding as people type them.
 * Returns undefined for any other character or for trailing bits that are not zero padding.
 */
export function base32Decode(text: string): ByteString | undefined {
  const bytes: string[] = [];
  let buffer = 0;
  let bits = 0;
  let padded = false;
  const upper = text.toUpperCase();
  for (let i = 0; i < upper.length; i++) {
    const ch = upper.charAt(i);
    if (ch === " " || ch === "-") continue;
    if (ch === "=") {
      padded = true;
      continue;
    }
    const value = ALPHABET.indexOf(ch);
    if (value < 0 || padded) return undefined;
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push(String.fromCharCode(ushr(buffer, bits) & 255));
    }
  }
  if (bits >= 5 || (buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes.join("");
}
