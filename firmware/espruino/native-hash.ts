/**
 * Espruino's native hash: require("crypto").SHA1 / SHA256 (SHA256 on Pico, WiFi, ESP32, nRF52),
 * with HMAC as two native digests around the padded key, since Espruino has no HMAC function.
 * A native digest is about 800 times faster than the portable one on the same interpreter.
 *
 * An HMAC is one interpreted call around two native digests and two native concatenations:
 * the key's inner and outer pads (RFC 2104's K xor ipad, K xor opad) are built once per key
 * (128 interpreted steps, many times the two digests) and kept for the last PAD_KEYS keys. The
 * box uses three (the code key, the owner key, the USB key; docs/codes.md), so none of them is
 * rebuilt once the box runs. crypto.SHA1/SHA256 are looked up at each call, so a probe that
 * wraps them (sim/energy/probes.ts) sees every digest.
 */
import type { ByteString } from "../core/bytes";
import type { Hasher } from "../core/hash/hasher";

/** Keys whose pads are kept, oldest dropped first. */
const PAD_KEYS = 3;

export function espruinoHasher(): Hasher {
  const crypto = global.require("crypto");
  /**
   * Makes sure a digest's result can be allocated. crypto.SHA1/SHA256 return a flat string (a run
   * of contiguous JsVars), and Espruino 2v29 finds one by walking the free list for blocks that
   * follow each other in the list's own order; when none do, it collects garbage (which rebuilds
   * the list in address order) but tries again only if that freed something. So on a heap whose
   * free list is out of order and holds no garbage, or is truly fragmented, the digest prints
   * "ERROR: Not enough memory for result" and returns undefined with hundreds of JsVars free, and
   * E.toString(undefined) throws "Expecting Number or iterable, got undefined"
   * (docs/portability.md). E.toFlatString asks for a flat string the same way but falls back to a
   * plain one without a word (E.getAddressOf(x, true) is then 0). So it is the probe, as long as
   * the longer digest (SHA-256's 32 bytes): a flat copy, freed at once, leaves its run at the head
   * of the free list, where the digest finds it (and an HMAC's outer digest the inner one's
   * result, freed the same way); a failed one has left the list in address order, and a second
   * failure means memory is fragmented, which only E.defrag() mends (slow, and never met in a
   * box's session).
   */
  let probe = "";
  for (let i = 0; i < 32; i++) probe += "\x00";
  // names[i]: the key (algorithm + key when longer than a block); pads[2i], pads[2i + 1]: its pads.
  const names: string[] = [];
  const pads: ByteString[] = [];
  const hasher: Hasher = {
    name: "espruino-native",
    // Only long keys and the conformance API hash without HMAC: their speed does not matter.
    digest: (algorithm, data) => {
      if (!E.getAddressOf(E.toFlatString(probe), true) && !E.getAddressOf(E.toFlatString(probe), true)) E.defrag();
      return E.toString(algorithm === "sha1" ? crypto.SHA1(data) : crypto.SHA256(data));
    },
    hmac: (algorithm, key, data) => {
      // A key longer than a block is hashed first, with the algorithm: its pads are per algorithm.
      const name = key.length > 64 ? algorithm + key : key;
      let at = names.indexOf(name);
      if (at < 0) {
        const k = key.length > 64 ? hasher.digest(algorithm, key) : key;
        let inner = "";
        let outer = "";
        for (let i = 0; i < 64; i++) {
          const b = i < k.length ? k.charCodeAt(i) : 0;
          inner += String.fromCharCode(b ^ 0x36);
          outer += String.fromCharCode(b ^ 0x5c);
        }
        if (names.length === PAD_KEYS) {
          names.shift();
          pads.splice(0, 2);
        }
        at = names.push(name) - 1;
        pads.push(inner, outer);
      }
      // All inline, the probe included: each interpreted call (a helper per digest, a room()
      // function) costs about a quarter of a native digest on espruino-debug (docs/portability.md).
      // The probe runs once the inner message is built, so that building it cannot take the run
      // the probe leaves.
      const hash = algorithm === "sha1" ? crypto.SHA1 : crypto.SHA256;
      const message = pads[2 * at] + data;
      if (!E.getAddressOf(E.toFlatString(probe), true) && !E.getAddressOf(E.toFlatString(probe), true)) E.defrag();
      return E.toString(hash(pads[2 * at + 1] + E.toString(hash(message))));
    },
  };
  return hasher;
}
