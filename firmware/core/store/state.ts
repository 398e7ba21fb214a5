/**
 * What the box keeps across power cuts, as the store hands it out, and the changes that move it.
 * Every change is a "set": applying a change twice gives the same state as once, and a snapshot
 * is just the list of changes that rebuilds the state from empty (see docs/storage.md).
 */
import type { ByteString } from "../bytes";

/** A delivery or pickup code that has opened the box at least once. */
export interface CodeUse {
  /** The code's identity as the code module names it (at most MAX_ID_LENGTH bytes). */
  id: string;
  /** Uses so far; never decreases while the code is live. */
  uses: number;
  /** Box second from which the code no longer opens; the entry is dropped after it. */
  expires: number;
}

export interface Revocation {
  id: string;
  /** Box second after which the revoked code would have expired anyway; dropped after it. */
  expires: number;
}

export interface Setting {
  name: string;
  value: number;
}

export interface StoreState {
  provisioned: boolean;
  /** The 20-byte master secret, "" while unprovisioned. */
  secret: ByteString;
  boxId: string;
  /** Box seconds at provisioning, 0 while unprovisioned. */
  provisionedAt: number;
  settings: Setting[];
  /** The attempt limiter's integers, in the limiter's own order (at most MAX_LIMITER_VALUES). */
  limiter: number[];
  /** The owner-code state's integers, in the code module's own order (at most MAX_LIMITER_VALUES). */
  owner: number[];
  /** The clock never starts below this after a power cut (box seconds, 0: none yet). */
  clockCheckpoint: number;
  /** When the owner last set the clock (PROVISION or CLOCK SET), box seconds; -1: never. */
  clockSetAt: number;
  codeUses: CodeUse[];
  revocations: Revocation[];
}

/** One field change: one journal item. `apply` writes several atomically as one record. */
export type Change =
  | { kind: "provision"; secret: ByteString; boxId: string; at: number }
  | { kind: "setting"; name: string; value: number }
  | { kind: "limiter"; values: number[] }
  | { kind: "owner-totp"; values: number[] }
  | { kind: "clock"; checkpoint: number }
  | { kind: "clock-set"; at: number }
  | { kind: "code-use"; id: string; uses: number; expires: number }
  | { kind: "revocation"; id: string; expires: number };

/** The state of blank flash and of a factory reset (docs/storage.md lists the values). */
export function emptyState(): StoreState {
  return {
    provisioned: false,
    secret: "",
    boxId: "",
    provisionedAt: 0,
    settings: [],
    limiter: [],
    owner: [],
    clockCheckpoint: 0,
    clockSetAt: -1,
    codeUses: [],
    revocations: [],
  };
}

/** A deep copy, so callers can never change the store's state behind its back. */
export function copyState(state: StoreState): StoreState {
  return {
    provisioned: state.provisioned,
    secret: state.secret,
    boxId: state.boxId,
    provisionedAt: state.provisionedAt,
    settings: state.settings.map((s) => ({ name: s.name, value: s.value })),
    limiter: state.limiter.slice(),
    owner: state.owner.slice(),
    clockCheckpoint: state.clockCheckpoint,
    clockSetAt: state.clockSetAt,
    codeUses: state.codeUses.map((c) => ({ id: c.id, uses: c.uses, expires: c.expires })),
    revocations: state.revocations.map((r) => ({ id: r.id, expires: r.expires })),
  };
}

/** Applies one change in place. */
export function applyChange(state: StoreState, change: Change): void {
  switch (change.kind) {
    case "provision":
      state.provisioned = true;
      // A new secret makes new codes: what the box remembers of the old ones (uses, revocations)
      // names other codes now, and would refuse new codes that happen to share an id. The same
      // secret again keeps them, so a used code never opens again through re-provisioning.
      if (state.secret !== change.secret) {
        state.codeUses = [];
        state.revocations = [];
      }
      state.secret = change.secret;
      state.boxId = change.boxId;
      state.provisionedAt = change.at;
      break;
    case "setting": {
      const name = change.name;
      const found = state.settings.find((s) => s.name === name);
      if (found) found.value = change.value;
      else state.settings.push({ name: name, value: change.value });
      break;
    }
    case "limiter":
      state.limiter = change.values.slice();
      break;
    case "owner-totp":
      state.owner = change.values.slice();
      break;
    case "clock":
      state.clockCheckpoint = change.checkpoint;
      break;
    case "clock-set":
      state.clockSetAt = change.at;
      break;
    case "code-use": {
      const id = change.id;
      const found = state.codeUses.find((c) => c.id === id);
      if (found) {
        found.uses = change.uses;
        found.expires = change.expires;
      } else state.codeUses.push({ id: id, uses: change.uses, expires: change.expires });
      break;
    }
    case "revocation": {
      const id = change.id;
      const found = state.revocations.find((r) => r.id === id);
      if (found) found.expires = change.expires;
      else state.revocations.push({ id: id, expires: change.expires });
      break;
    }
  }
}

/** Whether an entry expiring at `expires` is no longer needed once the clock reached `now`. */
export function isExpired(expires: number, now: number): boolean {
  return expires <= now;
}

/**
 * The changes that rebuild `state` from empty, leaving out code uses and revocations that expired
 * by the clock checkpoint: what a compaction writes.
 */
export function snapshotChanges(state: StoreState): Change[] {
  const now = state.clockCheckpoint;
  const changes: Change[] = [];
  if (state.provisioned) {
    changes.push({ kind: "provision", secret: state.secret, boxId: state.boxId, at: state.provisionedAt });
  }
  for (const s of state.settings) changes.push({ kind: "setting", name: s.name, value: s.value });
  if (state.limiter.length > 0) changes.push({ kind: "limiter", values: state.limiter.slice() });
  if (state.owner.length > 0) {
    changes.push({ kind: "owner-totp", values: state.owner.slice() });
  }
  if (state.clockCheckpoint !== 0) changes.push({ kind: "clock", checkpoint: state.clockCheckpoint });
  if (state.clockSetAt !== -1) changes.push({ kind: "clock-set", at: state.clockSetAt });
  for (const c of state.codeUses) {
    if (!isExpired(c.expires, now)) changes.push({ kind: "code-use", id: c.id, uses: c.uses, expires: c.expires });
  }
  for (const r of state.revocations) {
    if (!isExpired(r.expires, now)) changes.push({ kind: "revocation", id: r.id, expires: r.expires });
  }
  return changes;
}
