/**
 * Fixtures of the code tests, in one place: the worked example of docs/codes.md (which this
 * file's values must match), an in-memory code ledger, box-time helpers and a reference TOTP
 * computed with node:crypto, independent of the core.
 */
import { createHmac } from "node:crypto";
import type { CodeLedger } from "../../../firmware/core/codes/candidates.ts";
import { codeIdText, type CodeId } from "../../../firmware/core/codes/code.ts";
import { fromHex } from "../../../firmware/core/bytes.ts";
import { BOX_EPOCH_UNIX } from "../../../firmware/core/time.ts";

function bytes(hex: string): string {
  const b = fromHex(hex);
  if (b === undefined) throw new Error("bad hex in fixture");
  return b;
}

/** docs/codes.md, "Worked example". */
export const EXAMPLE = {
  secretHex: "3132333435363738393031323334353637383930",
  ownerKeyHex: "14d93848bcb76d05bd926ccbe1e5f4527519efd0",
  codeKeyHex: "7d5f03c3b3a910053ba941161dd64d3a9f0b7ee5",
  usbKeyHex: "67bcc55a8a78fea70801705967812a987ecf4654",
  zone: 1,
  /** 2026-11-28T00:00 at UTC+1 = 2026-11-27T23:00Z, in box hours. */
  dayStart: 60551,
  codes: [
    { id: { kind: "delivery", start: 60551, hours: 24, slot: 0 }, messageHex: "504232440000ec870018", code: "16581294" },
    { id: { kind: "delivery", start: 60551, hours: 24, slot: 1 }, messageHex: "504232440000ec870018", code: "48714238" },
    { id: { kind: "delivery", start: 60551, hours: 1, slot: 0 }, messageHex: "504232440000ec870001", code: "38913817" },
    { id: { kind: "pickup", start: 60551, hours: 336, slot: 1 }, messageHex: "504232500000ec870150", code: "07568185" },
  ] as { id: CodeId; messageHex: string; code: string }[],
};

export const secret = bytes(EXAMPLE.secretHex);
export const ownerKey = bytes(EXAMPLE.ownerKeyHex);
export const codeKey = bytes(EXAMPLE.codeKeyHex);

/** Box seconds of a UTC date and time. */
export function boxTime(iso: string): number {
  return Date.parse(iso) / 1000 - BOX_EPOCH_UNIX;
}

/** RFC 6238 TOTP (SHA-1, 6 digits) of a Unix step, with node:crypto. */
export function referenceTotp(key: string, step: number): string {
  const message = Buffer.alloc(8);
  message.writeUInt32BE(step, 4);
  const mac = createHmac("sha1", Buffer.from(key, "latin1")).update(message).digest();
  const offset = mac[19] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, "0");
}

/** The Unix TOTP step containing box time `boxSeconds`. */
export function stepAt(boxSeconds: number): number {
  return Math.floor((boxSeconds + BOX_EPOCH_UNIX) / 30);
}

/** A code ledger kept in memory, as the box keeps one in flash. */
export interface MemoryLedger extends CodeLedger {
  use(id: CodeId): void;
  revoke(id: CodeId): void;
}

export function memoryLedger(): MemoryLedger {
  const spent: Record<string, number> = {};
  const revoked: Record<string, boolean> = {};
  return {
    usesSpent: (id) => spent[id] ?? 0,
    isRevoked: (id) => revoked[id] === true,
    use: (id) => {
      spent[codeIdText(id)] = (spent[codeIdText(id)] ?? 0) + 1;
    },
    revoke: (id) => {
      revoked[codeIdText(id)] = true;
    },
  };
}
