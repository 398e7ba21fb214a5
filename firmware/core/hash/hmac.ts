/**
 * HMAC (RFC 2104) from a plain digest function: what runtimes that have a native hash but no
 * native HMAC (Espruino's require("crypto")) need, and what the portable hasher uses.
 */
import { bytesOf, stringOf, type ByteString } from "../bytes";
import { HASH_BLOCK_BYTES } from "./hasher";

export function hmacFromDigest(digest: (data: ByteString) => ByteString, key: ByteString, data: ByteString): ByteString {
  const keyBytes = bytesOf(key.length > HASH_BLOCK_BYTES ? digest(key) : key);
  const inner: number[] = [];
  const outer: number[] = [];
  for (let i = 0; i < HASH_BLOCK_BYTES; i++) {
    const k = i < keyBytes.length ? keyBytes[i] : 0;
    inner.push(k ^ 0x36);
    outer.push(k ^ 0x5c);
  }
  return digest(stringOf(outer) + digest(stringOf(inner) + data));
}
