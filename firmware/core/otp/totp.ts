/**
 * TOTP (RFC 6238): HOTP over the number of `period`-second steps since the Unix epoch.
 * Time is a parameter (box seconds, see ../time.ts), never read from a clock in here.
 */
import type { ByteString } from "../bytes";
import type { HashAlgorithm, Hasher } from "../hash/hasher";
import { unixStep } from "../time";
import { hotp } from "./hotp";

export interface TotpOptions {
  algorithm: HashAlgorithm;
  digits: number;
  /** Step length in seconds (RFC 6238's X); 30 for authenticator apps. */
  period: number;
}

/** What every authenticator app assumes for an otpauth:// URI without parameters. */
export const AUTHENTICATOR_TOTP: TotpOptions = { algorithm: "sha1", digits: 6, period: 30 };

export function totpAtStep(hasher: Hasher, key: ByteString, step: number, options: TotpOptions): string {
  return hotp(hasher, options.algorithm, key, step, options.digits);
}

export function totp(hasher: Hasher, key: ByteString, boxSeconds: number, options: TotpOptions): string {
  return totpAtStep(hasher, key, unixStep(boxSeconds, options.period), options);
}
