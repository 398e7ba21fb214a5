/**
 * Espruino's native hash: require("crypto").SHA1 / SHA256 (SHA256 on Pico, WiFi, ESP32, nRF52),
 * with HMAC as two native digests around the padded key, since Espruino has no HMAC function.
 * A native digest is about 800 times faster than the portable one on the same interpreter.
 */
import type { ByteString } from "../core/bytes";
import type { HashAlgorithm, Hasher } from "../core/hash/hasher";
import { hmacFromDigest } from "../core/hash/hmac";

export function espruinoHasher(): Hasher {
  const crypto = global.require("crypto");
  const digest = (algorithm: HashAlgorithm, data: ByteString): ByteString =>
    E.toString(algorithm === "sha1" ? crypto.SHA1(data) : crypto.SHA256(data));
  return {
    name: "espruino-native",
    digest: digest,
    hmac: (algorithm, key, data) => hmacFromDigest((d) => digest(algorithm, d), key, data),
  };
}
