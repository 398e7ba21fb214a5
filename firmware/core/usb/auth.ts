/**
 * Challenge-response for the USB port (docs/protocol.md, "Authentication"). The box hands out
 * random single-use nonces; a request carries one and an HMAC-SHA1 over its own text made with
 * the USB key, a key derived from the master secret (../codes/keys.ts, deriveUsbKey) so the
 * secret itself never needs to cross the wire again. A recorded session is useless: every nonce
 * in it has been used. The box's side (handing out, checking and forgetting nonces) is in
 * ./server.ts; this is what both sides share, and the owner's signing.
 */
import { toHex, type ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { AUTH_KEY, signedRequest, type UsbField } from "./protocol";

/** How long a nonce may be used after CHALLENGE handed it out. */
export const NONCE_TTL_MS = 60000;
/** Nonces kept at once; asking for more forgets the oldest. */
export const MAX_OPEN_NONCES = 4;

/**
 * The owner's side: the complete authenticated request line for a nonce from CHALLENGE, its
 * auth= the lower-case hex of HMAC-SHA1(usbKey, the request up to " auth=").
 */
export function signRequest(hasher: Hasher, usbKey: ByteString, id: string, command: string, fields: UsbField[], nonceHex: string): string {
  const signed = signedRequest(id, command, fields, nonceHex);
  return signed + " " + AUTH_KEY + "=" + toHex(hasher.hmac("sha1", usbKey, signed));
}
