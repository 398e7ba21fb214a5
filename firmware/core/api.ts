/**
 * What each firmware build exposes as the global `parcelbox`: the version and the core's
 * primitives in a form every bridge carries unchanged (numbers and ASCII text, bytes as hex), so
 * the conformance suite and the bench drive the very file that ships. Nothing here touches the
 * box secret.
 */
import { fromHex, toHex } from "./bytes";
import type { HashAlgorithm, Hasher } from "./hash/hasher";
import { portableHasher } from "./hash/portable";
import { base32Decode, base32Encode } from "./otp/base32";
import { hotp } from "./otp/hotp";
import { totp, totpAtStep } from "./otp/totp";
import { unixStep } from "./time";
import { FIRMWARE_VERSION } from "./version";

export { FIRMWARE_VERSION };

/** @noSelf */
export interface CoreApi {
  version: string;
  runtime: string;
  hasherCount(): number;
  hasherName(hasher: number): string;
  digestHex(hasher: number, algorithm: HashAlgorithm, dataHex: string): string;
  hmacHex(hasher: number, algorithm: HashAlgorithm, keyHex: string, dataHex: string): string;
  /** The same HMAC `times` times over, inside the runtime: what `make bench` times. */
  hmacRepeat(hasher: number, algorithm: HashAlgorithm, keyHex: string, dataHex: string, times: number): string;
  hotpHex(hasher: number, algorithm: HashAlgorithm, keyHex: string, counter: number, digits: number): string;
  totpHex(hasher: number, algorithm: HashAlgorithm, keyHex: string, boxSeconds: number, digits: number, period: number): string;
  totpStepHex(hasher: number, algorithm: HashAlgorithm, keyHex: string, step: number, digits: number, period: number): string;
  unixStep(boxSeconds: number, period: number): number;
  base32EncodeHex(dataHex: string): string;
  /** Hex of the decoded bytes, or "invalid". */
  base32DecodeHex(text: string): string;
}

function bytes(hex: string): string {
  const decoded = fromHex(hex);
  if (decoded === undefined) throw "not hex: " + hex;
  return decoded;
}

/** The API over a runtime's hashers: index 0 is the runtime's native hasher when it has one. */
export function coreApi(runtime: string, nativeHasher: Hasher | undefined): CoreApi {
  const hashers = nativeHasher ? [nativeHasher, portableHasher] : [portableHasher];
  return {
    version: FIRMWARE_VERSION,
    runtime: runtime,
    hasherCount: () => hashers.length,
    hasherName: (i) => hashers[i].name,
    digestHex: (i, algorithm, dataHex) => toHex(hashers[i].digest(algorithm, bytes(dataHex))),
    hmacHex: (i, algorithm, keyHex, dataHex) => toHex(hashers[i].hmac(algorithm, bytes(keyHex), bytes(dataHex))),
    hmacRepeat: (i, algorithm, keyHex, dataHex, times) => {
      const key = bytes(keyHex);
      const data = bytes(dataHex);
      let mac = "";
      for (let n = 0; n < times; n++) mac = hashers[i].hmac(algorithm, key, data);
      return toHex(mac);
    },
    hotpHex: (i, algorithm, keyHex, counter, digits) => hotp(hashers[i], algorithm, bytes(keyHex), counter, digits),
    totpHex: (i, algorithm, keyHex, boxSeconds, digits, period) =>
      totp(hashers[i], bytes(keyHex), boxSeconds, { algorithm: algorithm, digits: digits, period: period }),
    totpStepHex: (i, algorithm, keyHex, step, digits, period) =>
      totpAtStep(hashers[i], bytes(keyHex), step, { algorithm: algorithm, digits: digits, period: period }),
    unixStep: unixStep,
    base32EncodeHex: (dataHex) => base32Encode(bytes(dataHex)),
    base32DecodeHex: (text) => {
      const decoded = base32Decode(text);
      return decoded === undefined ? "invalid" : toHex(decoded);
    },
  };
}
