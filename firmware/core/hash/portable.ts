/**
 * The portable hasher: pure TypeScript SHA-1/SHA-256/HMAC. The reference every native provider
 * is tested against, and the fallback on a board whose firmware has no native hash.
 */
import type { ByteString } from "../bytes";
import type { HashAlgorithm, Hasher } from "./hasher";
import { hmacFromDigest } from "./hmac";
import { sha1 } from "./sha1";
import { sha256 } from "./sha256";

function digest(algorithm: HashAlgorithm, data: ByteString): ByteString {
  return algorithm === "sha1" ? sha1(data) : sha256(data);
}

export const portableHasher: Hasher = {
  name: "portable",
  digest: digest,
  hmac: (algorithm, key, data) => hmacFromDigest((d) => digest(algorithm, d), key, data),
};
