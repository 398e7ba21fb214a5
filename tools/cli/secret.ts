/**
 * `--secret`: the box's master secret as its profile holds it (`secretHex`, 40 hex digits).
 * The authenticator app's secret (base32, in the otpauth:// URI) is a different key derived from
 * it (docs/codes.md, "Keys"); codes made from that one are wrong, so it is refused by name.
 */
import { base32Decode } from "../../firmware/core/otp/base32.ts";
import { SECRET_BYTES } from "../../firmware/core/codes/keys.ts";
import { CliError, EXIT_USAGE } from "./exit-codes.ts";

const WHERE = "--secret takes the box's master secret as its profile holds it: secretHex, 40 hex digits (~/.config/parcelbox/boxes/<box>.json)";

/** The 20 secret bytes as a byte string; a CliError (exit 2) for anything else. */
export function masterSecret(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === SECRET_BYTES * 2 && /^[0-9a-fA-F]+$/.test(trimmed)) return Buffer.from(trimmed, "hex").toString("latin1");
  if (/^otpauth:/i.test(trimmed)) {
    throw new CliError(EXIT_USAGE, `that is the authenticator app's otpauth:// URI, whose secret is the owner-code key, not the master secret. ${WHERE}`);
  }
  const base32 = base32Decode(trimmed.toUpperCase().replace(/=+$/, ""));
  if (base32 !== undefined && base32.length === SECRET_BYTES) {
    throw new CliError(EXIT_USAGE, `that looks like the authenticator app's secret (base32, from the otpauth:// URI): it is the owner-code key, and codes made from it would be wrong. ${WHERE}`);
  }
  throw new CliError(EXIT_USAGE, `not a master secret (${trimmed.length} characters). ${WHERE}`);
}
