/**
 * NodeMCU's native hash: crypto.new_hash / crypto.new_hmac (the only forms ESP32 has; ESP8266 has
 * them too). The `crypto` module must be enabled in the NodeMCU firmware build.
 */
import type { ByteString } from "../core/bytes";
import type { HashAlgorithm, Hasher } from "../core/hash/hasher";

function nodeMcuName(algorithm: HashAlgorithm): string {
  return algorithm === "sha1" ? "SHA1" : "SHA256";
}

export function nodeMcuHasher(): Hasher {
  return {
    name: "nodemcu-native",
    digest: (algorithm: HashAlgorithm, data: ByteString): ByteString => {
      const hash = crypto.new_hash(nodeMcuName(algorithm));
      hash.update(data);
      return hash.finalize();
    },
    hmac: (algorithm: HashAlgorithm, key: ByteString, data: ByteString): ByteString => {
      const mac = crypto.new_hmac(nodeMcuName(algorithm), key);
      mac.update(data);
      return mac.finalize();
    },
  };
}
