/**
 * NodeMCU's native hash: crypto.new_hash / crypto.new_hmac (the only forms ESP32 has; ESP8266 has
 * them too). The `crypto` module must be enabled in the NodeMCU firmware build. The HMAC is
 * NodeMCU's own, in C: nothing of it is interpreted. crypto.new_hmac is looked up at every call,
 * so a probe that wraps it (sim/energy/probes.ts) counts every HMAC.
 */
import type { ByteString } from "../core/bytes";
import type { HashAlgorithm, Hasher } from "../core/hash/hasher";

export function nodeMcuHasher(): Hasher {
  return {
    name: "nodemcu-native",
    digest: (algorithm: HashAlgorithm, data: ByteString): ByteString => {
      const hash = crypto.new_hash(algorithm === "sha1" ? "SHA1" : "SHA256");
      hash.update(data);
      return hash.finalize();
    },
    hmac: (algorithm: HashAlgorithm, key: ByteString, data: ByteString): ByteString => {
      const mac = crypto.new_hmac(algorithm === "sha1" ? "SHA1" : "SHA256", key);
      mac.update(data);
      return mac.finalize();
    },
  };
}
