/**
 * The core's view of hashing: SHA-1, SHA-256 and HMAC over them, on byte strings.
 * Implementations: ./portable.ts (pure TypeScript, the reference and the fallback), and one
 * native provider per runtime (firmware/espruino, firmware/nodemcu, tools for Node).
 */
import type { ByteString } from "../bytes";

export type HashAlgorithm = "sha1" | "sha256";

/**
 * A table of plain functions. `@noSelf`: typescript-to-lua calls its members without a `self`
 * argument, so a table built by any runtime's adapter satisfies it.
 * @noSelf
 */
export interface Hasher {
  /** Says which implementation this is, for the log, the bench and `identify`. */
  readonly name: string;
  digest(algorithm: HashAlgorithm, data: ByteString): ByteString;
  hmac(algorithm: HashAlgorithm, key: ByteString, data: ByteString): ByteString;
}

/** Both SHA-1 and SHA-256 work on 64-byte blocks; HMAC pads its key to one block. */
export const HASH_BLOCK_BYTES = 64;
