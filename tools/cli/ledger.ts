/**
 * The ledger of issued codes in a box's profile: which slots of a window are taken (so a second
 * code for the same day gets a different slot), what each code's state is as far as this laptop
 * knows, and finding a code by id, digits or label for `revoke`.
 */
import "../lib/intrinsics-global.ts";
import { CODE_DIGITS, codeText, parseCodeId } from "../../firmware/core/codes/host.ts";
import { nodeHasher } from "../lib/node-hasher.ts";
import type { LogEntry } from "./log-read.ts";
import type { BoxProfile, IssuedCode } from "./profile.ts";

export type CodeState = "valid" | "not yet valid" | "expired" | "used" | "revoked";

/** What a code's state is at `now`: revoked by us, used up (after --sync), over, not begun, or valid. */
export function codeState(code: IssuedCode, now: Date): CodeState {
  if (code.revokedAt !== undefined) return "revoked";
  if ((code.usedCount ?? 0) >= code.uses) return "used";
  if (now.getTime() >= Date.parse(code.until)) return "expired";
  if (now.getTime() < Date.parse(code.from)) return "not yet valid";
  return "valid";
}

/** Slots already issued for the window of kind/start/hours (revoked ones too: the box refuses them). */
export function takenSlots(profile: BoxProfile | undefined, kind: string, start: number, hours: number): number[] {
  const taken: number[] = [];
  for (const c of profile?.codes ?? []) {
    const id = parseCodeId(c.id);
    if (id && id.kind === kind && id.start === start && id.hours === hours) taken.push(id.slot);
  }
  return taken;
}

/** The digits of an issued code, remade from the secret (the ledger does not keep them). */
export function digitsOf(codeKey: string, code: IssuedCode): string {
  const id = parseCodeId(code.id);
  if (!id) throw new Error(`the ledger holds a broken code id: ${code.id}`);
  return codeText(nodeHasher, codeKey, id);
}

/**
 * The ledger entries that `text` names: its code id, its 8 digits, or its label (exact, then
 * case-insensitive). Empty when none does.
 */
export function findIssued(profile: BoxProfile, codeKey: string, text: string): IssuedCode[] {
  const codes = profile.codes ?? [];
  const byId = codes.filter((c) => c.id === text);
  if (byId.length > 0) return byId;
  if (text.length === CODE_DIGITS && /^\d+$/.test(text)) return codes.filter((c) => digitsOf(codeKey, c) === text);
  const exact = codes.filter((c) => c.label === text);
  if (exact.length > 0) return exact;
  return codes.filter((c) => c.label.toLowerCase() === text.toLowerCase());
}

/** Counts the opens per code id in the box's log (an `open` entry's `code=<id>`) into the ledger. */
export function applyLog(profile: BoxProfile, log: LogEntry[], now: Date): number {
  const opens = new Map<string, number>();
  for (const e of log) if (e.ev === "open" && e.code) opens.set(e.code, (opens.get(e.code) ?? 0) + 1);
  let changed = 0;
  for (const c of profile.codes ?? []) {
    // The box keeps the last 1000 events: an open that rolled off still counts.
    const seen = Math.max(opens.get(c.id) ?? 0, c.usedCount ?? 0);
    if (seen !== (c.usedCount ?? 0)) changed++;
    c.usedCount = seen;
    c.syncedAt = now.toISOString();
  }
  return changed;
}
