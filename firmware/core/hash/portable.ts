/**
 * The portable hasher: pure TypeScript SHA-1/SHA-256/HMAC. The reference every native provider
 * is tested against, and the fallback on a board whose firmware has no native hash.
 */
import type { ByteString } from "../bytes";
import { HASH_BLOCK_BYTES, type HashAlgorithm, type Hasher } from "./hasher";
import { sha1 } from "./sha1";
import { sha256 } from "./sha256";

function digest(algorithm: HashAlgorithm, data: ByteString): ByteString {
  return algorithm === "sha1" ? sha1(data) : sha256(data);
}

/** HMAC (RFC 2104): the key (hashed first when longer than a block) xor the pads, two digests. */
function hmac(algorithm: HashAlgorithm, key: ByteString, data: ByteString): ByteString {
  const k = key.length > HASH_BLOCK_BYTES ? digest(algorithm, key) : key;
  const inner: string[] = [];
  const outer: string[] = [];
  for (let i = 0; i < HASH_BLOCK_BYTES; i++) {
    const b = i < k.length ? k.charCodeAt(i) : 0;
    inner.push(String.fromCharCode(b ^ 0x36));
    outer.push(String.fromCharCode(b ^ 0x5c));
  }
  return digest(algorithm, outer.join("") + digest(algorithm, inner.join("") + data));
}

export const portableHasher: Hasher = { name: "portable", digest: digest, hmac: hmac };
