/**
 * HMAC (RFC 2104) from a plain digest function: what runtimes that have a native hash but no
 * native HMAC (Espruino's require("crypto")) need, and what the portable hasher uses.
 */
import type { ByteString } from "../bytes";
import { HASH_BLOCK_BYTES } from "./hasher";

/** The key's inner and outer pads (K xor ipad, K xor opad), one 64-byte block each. */
export interface HmacPads {
  inner: ByteString;
  outer: ByteString;
}

export function hmacPads(digest: (data: ByteString) => ByteString, key: ByteString): HmacPads {
  const k = key.length > HASH_BLOCK_BYTES ? digest(key) : key;
  const inner: string[] = [];
  const outer: string[] = [];
  for (let i = 0; i < HASH_BLOCK_BYTES; i++) {
    const b = i < k.length ? k.charCodeAt(i) : 0;
    inner.push(String.fromCharCode(b ^ 0x36));
    outer.push(String.fromCharCode(b ^ 0x5c));
  }
  return { inner: inner.join(""), outer: outer.join("") };
}

/** HMAC with pads made earlier (hmacPads): two digests and two concatenations. */
export function hmacWithPads(digest: (data: ByteString) => ByteString, pads: HmacPads, data: ByteString): ByteString {
  return digest(pads.outer + digest(pads.inner + data));
}

export function hmacFromDigest(digest: (data: ByteString) => ByteString, key: ByteString, data: ByteString): ByteString {
  return hmacWithPads(digest, hmacPads(digest, key), data);
}
