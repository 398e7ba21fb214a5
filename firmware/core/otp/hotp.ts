/** HOTP (RFC 4226) on the Hasher interface, with integer arithmetic only. */
import type { ByteString } from "../bytes";
import type { HashAlgorithm, Hasher } from "../hash/hasher";

/** 10^digits for the code lengths we support: 10^9 is the largest power of ten below 2^31. */
export const POWERS_OF_TEN = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 9;
/** Counters are 0 .. 2^31-1 (the 8-byte counter's high word is 0): TOTP steps reach year 4000. */
export const MAX_COUNTER = 2147483647;

/**
 * HOTP before its decimal step: the HMAC of the 8-byte big-endian counter, then RFC 4226
 * section 5.3's dynamic truncation to a 31-bit integer. The counter is not checked here: the
 * box's owner code (../codes/owner.ts) calls this with steps it computed itself, and must not
 * throw (typescript-to-lua's Error is not on NodeMCU); hotp() checks for everyone else.
 */
export function hotpValue(hasher: Hasher, algorithm: HashAlgorithm, key: ByteString, counter: number): number {
  const mac = hasher.hmac(algorithm, key, String.fromCharCode(0, 0, 0, 0, ushr(counter, 24) & 255, ushr(counter, 16) & 255, ushr(counter, 8) & 255, counter & 255));
  const offset = mac.charCodeAt(mac.length - 1) & 15;
  return ((mac.charCodeAt(offset) & 0x7f) << 24) | (mac.charCodeAt(offset + 1) << 16) | (mac.charCodeAt(offset + 2) << 8) | mac.charCodeAt(offset + 3);
}

export function hotp(hasher: Hasher, algorithm: HashAlgorithm, key: ByteString, counter: number, digits: number): string {
  if (digits < MIN_DIGITS || digits > MAX_DIGITS || Math.floor(digits) !== digits) throw "HOTP digits must be 6..9";
  if (counter < 0 || counter > MAX_COUNTER || Math.floor(counter) !== counter) throw "HOTP counter out of range";
  let text = (hotpValue(hasher, algorithm, key, counter) % POWERS_OF_TEN[digits]).toString();
  while (text.length < digits) text = "0" + text;
  return text;
}
