/**
 * HMAC (RFC 2104) from a plain digest function: what runtimes that have a native hash but no
 * native HMAC (Espruino's require("crypto")) need, and what the portable hasher uses.
 */
import { bytesOf, stringOf, type ByteString } from "../bytes";
import { HASH_BLOCK_BYTES } from "./hasher";

/** The key's inner and outer pads (K xor ipad, K xor opad), one 64-byte block each. */
export interface HmacPads {
  inner: ByteString;
  outer: ByteString;
}

export function hmacPads(digest: (data: ByteString) => ByteString, key: ByteString): HmacPads {
  const keyBytes = bytesOf(key.length > HASH_BLOCK_BYTES ? digest(key) : key);
  const inner: number[] = [];
  const outer: number[] = [];
  for (let i = 0; i < HASH_BLOCK_BYTES; i++) {
    const k = i < keyBytes.length ? keyBytes[i] : 0;
    inner.push(k ^ 0x36);
    outer.push(k ^ 0x5c);
  }
  return { inner: stringOf(inner), outer: stringOf(outer) };
}

/** HMAC with pads made earlier (hmacPads): two digests and two concatenations. */
export function hmacWithPads(digest: (data: ByteString) => ByteString, pads: HmacPads, data: ByteString): ByteString {
  return digest(pads.outer + digest(pads.inner + data));
}

export function hmacFromDigest(digest: (data: ByteString) => ByteString, key: ByteString, data: ByteString): ByteString {
  return hmacWithPads(digest, hmacPads(digest, key), data);
}
