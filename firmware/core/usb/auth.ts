/**
 * Challenge-response for the USB port (docs/protocol.md, "Authentication"). The box hands out
 * random single-use nonces; a request carries one and an HMAC-SHA1 over its own text made with
 * the USB key, a key derived from the master secret (../codes/keys.ts, deriveUsbKey) so the
 * secret itself never needs to cross the wire again. A recorded session is useless: every nonce in it has been used.
 */
import { constantTimeEqual, fromHex, toHex, type ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { AUTH_KEY, NONCE_BYTES, signedRequest, type UsbField } from "./protocol";

/** How long a nonce may be used after CHALLENGE handed it out. */
export const NONCE_TTL_MS = 60000;
/** Nonces kept at once; asking for more forgets the oldest. */
export const MAX_OPEN_NONCES = 4;

/** Lower-case hex of HMAC-SHA1(usbKey, signed), where `signed` is the request up to " auth=". */
export function requestMac(hasher: Hasher, usbKey: ByteString, signed: string): string {
  return toHex(hasher.hmac("sha1", usbKey, signed));
}

/** The owner's side: the complete authenticated request line for a nonce from CHALLENGE. */
export function signRequest(hasher: Hasher, usbKey: ByteString, id: string, command: string, fields: UsbField[], nonceHex: string): string {
  const signed = signedRequest(id, command, fields, nonceHex);
  return signed + " " + AUTH_KEY + "=" + requestMac(hasher, usbKey, signed);
}

export type NonceVerdict = "ok" | "unknown" | "expired" | "bad-mac";

interface OpenNonce {
  hex: string;
  issuedMs: number;
}

/** The nonces the box has handed out and not yet seen used. Lives in RAM: a reboot forgets all. */
export class NonceBook {
  private open: OpenNonce[] = [];

  constructor(
    private readonly randomBytes: (count: number) => ByteString,
    private readonly ttlMs: number,
  ) {}

  /** A fresh nonce, as lower-case hex. */
  issue(nowMs: number): string {
    const hex = toHex(this.randomBytes(NONCE_BYTES));
    if (this.open.length >= MAX_OPEN_NONCES) this.open.shift();
    this.open.push({ hex: hex, issuedMs: nowMs });
    return hex;
  }

  /**
   * Checks a request's MAC against one of our nonces and uses the nonce up whatever the outcome,
   * so each nonce gets exactly one try.
   */
  verify(nonceHex: string, macHex: string, signed: string, usbKey: ByteString, hasher: Hasher, nowMs: number): NonceVerdict {
    const index = this.open.findIndex((n) => n.hex === nonceHex);
    if (index < 0) return "unknown";
    const entry = this.open[index];
    this.open.splice(index, 1);
    // By difference: NodeMCU's 32-bit uptime wraps every 24.8 days and the difference still holds.
    const age = nowMs - entry.issuedMs;
    if (age > this.ttlMs || age < 0) return "expired";
    const expected = hasher.hmac("sha1", usbKey, signed);
    const given = fromHex(macHex);
    if (given === undefined || !constantTimeEqual(expected, given)) return "bad-mac";
    return "ok";
  }

  /** Forgets every nonce (after a factory reset or a new secret). */
  clear(): void {
    this.open = [];
  }
}
