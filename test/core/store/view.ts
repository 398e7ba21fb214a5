/**
 * The journal's entries (docs/storage.md, "Entries") read the way tests and the campaign want
 * them: the box's fields by name. Host-side only: the firmware reads its keys in box-memory.ts.
 */
import { EventField, type AuditEvent } from "../../../firmware/core/store/events.ts";
import { Key } from "../../../firmware/core/store/layout.ts";
import { num, type Entries, type Store } from "../../../firmware/core/store/store.ts";
import { SETTINGS } from "../../../firmware/core/host/settings.ts";

export interface StoreState {
  provisioned: boolean;
  /** The 20-byte master secret, "" while unprovisioned. */
  secret: string;
  boxId: string;
  /** Settings by name (an index SETTINGS does not know as `setting-<index>`). */
  settings: { name: string; value: number }[];
  limiter: number[];
  owner: number[];
  /** 0 when none is stored. */
  clockCheckpoint: number;
  /** -1 when never set by the owner. */
  clockSetAt: number;
  codeUses: { id: string; uses: number; expires: number }[];
  revocations: { id: string; expires: number }[];
}

function numbers(value: string | undefined): number[] {
  const out: number[] = [];
  for (let at = 0; value !== undefined && at + 4 <= value.length; at += 4) out.push(num(value, at, 0));
  return out;
}

const byKey = <T extends { id?: string; name?: string }>(list: T[]): T[] => list.sort((x, y) => ((x.id ?? x.name)! < (y.id ?? y.name)! ? -1 : 1));

/** The box's fields in `kv`, lists sorted by id or name. */
export function viewOf(kv: Entries): StoreState {
  const state: StoreState = {
    provisioned: kv[Key.Secret] !== undefined,
    secret: kv[Key.Secret] ?? "",
    boxId: kv[Key.BoxId] ?? "",
    settings: [],
    limiter: numbers(kv[Key.Limiter]),
    owner: numbers(kv[Key.Owner]),
    clockCheckpoint: num(kv[Key.Checkpoint], 0, 0),
    clockSetAt: num(kv[Key.ClockSet], 0, -1),
    codeUses: [],
    revocations: [],
  };
  for (const [key, value] of Object.entries(kv)) {
    if (value === undefined) continue; // a removed key (firmware/core/store/store.ts, items)
    const rest = key.slice(1);
    if (key[0] === Key.Setting) {
      const index = rest.charCodeAt(0);
      state.settings.push({ name: SETTINGS[index]?.name ?? `setting-${index}`, value: num(value, 0, 0) });
    }
    if (key[0] === Key.CodeUse) state.codeUses.push({ id: rest, uses: num(value, 4, 0), expires: num(value, 0, 0) });
    if (key[0] === Key.Revoked) state.revocations.push({ id: rest, expires: num(value, 0, 0) });
  }
  byKey(state.settings);
  byKey(state.codeUses);
  byKey(state.revocations);
  return state;
}

/** The store's fields. */
export function stateOf(store: Store): StoreState {
  return viewOf(store.kv);
}

/** The entries a boot would keep: expired ones left out, keys in order. What the power-cut sweeps compare. */
export function liveEntries(kv: Entries): Record<string, string> {
  const now = num(kv[Key.Checkpoint], 0, 0);
  const out: Record<string, string> = {};
  for (const key of Object.keys(kv).sort()) {
    const value = kv[key];
    if (value === undefined || (key[0] >= "A" && key[0] <= "Z" && num(value, 0, 0) <= now)) continue;
    out[key] = value;
  }
  return out;
}

/** The store's flat event list (readEvents: EventField.Size integers an event) as named events. */
export function auditEvents(flat: number[]): AuditEvent[] {
  const out: AuditEvent[] = [];
  for (let k = 0; k < flat.length; k += EventField.Size) {
    out.push({ index: flat[k], at: flat[k + EventField.At], type: flat[k + EventField.Type], a: flat[k + EventField.A], b: flat[k + EventField.B], c: flat[k + EventField.C] });
  }
  return out;
}
