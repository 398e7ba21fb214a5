/**
 * Espruino's native hash: require("crypto").SHA1 / SHA256 (SHA256 on Pico, WiFi, ESP32, nRF52),
 * with HMAC as two native digests around the padded key, since Espruino has no HMAC function.
 * A native digest is about 800 times faster than the portable one on the same interpreter.
 *
 * The pads of the last key are kept: building them is 128 interpreted steps, many times the two
 * native digests, and the box computes its candidate table with one key (docs/codes.md).
 */
import type { ByteString } from "../core/bytes";
import type { HashAlgorithm, Hasher } from "../core/hash/hasher";
import { hmacPads, hmacWithPads, type HmacPads } from "../core/hash/hmac";

export function espruinoHasher(): Hasher {
  const crypto = global.require("crypto");
  const digest = (algorithm: HashAlgorithm, data: ByteString): ByteString =>
    E.toString(algorithm === "sha1" ? crypto.SHA1(data) : crypto.SHA256(data));
  let padsKey = "";
  let pads: HmacPads | undefined = undefined;
  return {
    name: "espruino-native",
    digest: digest,
    hmac: (algorithm, key, data) => {
      const hash = (d: ByteString): ByteString => digest(algorithm, d);
      // Keys longer than a block are hashed first, with the algorithm: keep those per algorithm.
      const cacheKey = key.length > 64 ? algorithm + key : key;
      if (pads === undefined || padsKey !== cacheKey) {
        pads = hmacPads(hash, key);
        padsKey = cacheKey;
      }
      return hmacWithPads(hash, pads, data);
    },
  };
}
