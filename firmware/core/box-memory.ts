/**
 * The box's memory: the only way to the store (./store/), in the box's own terms. It knows the
 * journal's keys (docs/storage.md, "Entries"), turns the limiter and owner-code state into their
 * integers and back, writes each change the box makes as one record (all or nothing after a power
 * cut), and logs events. The secret goes in here and never comes out: the keys made from it
 * (./codes/keys.ts) are derived here, once per secret.
 */
import type { Flash } from "./board";
import type { ByteString } from "./bytes";
import {
  deriveKeys,
  limiterFromValues,
  newLimiter,
  LIMITER_POLICY,
  Limiter,
  ownerFromValues,
  Owner,
  SECRET_BYTES,
  type BoxKeys,
  type CodeId,
  type CodeLedger,
  type LimiterState,
  type OwnerState,
} from "./codes/index";
import type { Hasher } from "./hash/hasher";
import type { UnlockReason } from "./lock";
import { settingIndex, settingValue, SETTING_LIMITS, type Setting } from "./settings";
import { codeDetail, LogEvent, Opener } from "./store/events";
import { Key } from "./store/layout";
import { appendEvent, boot, ints, item, num, openStore, put, readEvents, type Store } from "./store/store";

/** Key.Setting and a setting's index as one byte, or "" (a key the store refuses) for no setting. */
function settingKey(index: number): string {
  return index < 0 ? "" : Key.Setting + String.fromCharCode(index);
}

/** The i32s of a stored value, [] when there is none. */
function numbers(value: ByteString | undefined): number[] {
  const out: number[] = [];
  if (value !== undefined) for (let at = 0; at + 4 <= value.length; at += 4) out.push(num(value, at, 0));
  return out;
}

/** A setting as given with PROVISION. */
export interface SettingValue {
  name: string;
  value: number;
}

/**
 * The box's memory: a table of plain functions over one store (@noSelf: no `self` on Lua), made by
 * boxMemory(). Closures rather than a class: no prototype, no `this.`, fewer bytes and JsVars. It is
 * the box's CodeLedger (usesSpent, isRevoked by the code id's text, the key they are kept under), handed to the candidate match as it is.
 * @noSelf
 */
export interface BoxMemory extends CodeLedger {
  /** The keys made from the secret, undefined while unprovisioned. */
  keys: BoxKeys | undefined;
  boxId(): string;
  /**
   * A new secret (SECRET_BYTES, checked by the USB protocol too), box id and settings (declared
   * names, checked by the USB protocol), with a fresh limiter and no owner-code state, as one
   * record: all or nothing. Then the keys are made from it.
   */
  provision(secret: ByteString, boxId: string, at: number, settings: SettingValue[]): boolean;
  /**
   * Forgets the secret, settings, used codes, revocations, lock-out and log, as from the factory;
   * the blank log's first event says how (0: over USB, 1: by the service button at power-up).
   */
  factoryReset(at: number, byButton: boolean): void;
  /** One setting as the box uses it: the stored value, or the default when none or one out of range is stored. */
  setting(index: Setting): number;
  /** A setting (checked by the USB protocol) and its log event. */
  setSetting(name: string, value: number, at: number): boolean;
  /** The checkpoint in box seconds, -1 when none was stored. */
  clockCheckpoint(): number;
  /** When the owner last set the clock (box seconds), -1 when never since provisioning. */
  clockSetAt(): number;
  /**
   * Stores the limiter and the owner-code state (each when given) and the clock checkpoint (when
   * not -1) as one record: all or none after a power cut. `ownerSet`: the owner set the clock to
   * `checkpoint` (PROVISION, CLOCK SET), which CLOCK GET's `lastset` reports.
   */
  save(limiter: LimiterState | undefined, owner: OwnerState | undefined, checkpoint: number, ownerSet: boolean): boolean;
  /** The limiter at box time `now`: as stored, or a fresh one. */
  limiterAt(now: number): LimiterState;
  /** The owner lifts a lock-out (LIFT): the allowance refilled, and the lock-out's end it cut short logged. */
  liftLockOut(now: number): boolean;
  owner(): OwnerState | undefined;
  /** A code opened: its uses so far and the limiter's refund, as one record, before the lid is released. */
  codeUsed(id: string, uses: number, expires: number, limiter: LimiterState): boolean;
  /** The owner revoked a code (REVOKE): kept until its window ends, and logged. */
  revoke(idText: string, id: CodeId, at: number): boolean;
  /** How many events were ever logged: the number the next one gets. */
  eventCount(): number;
  /** Up to `count` kept events numbered `from` onwards, oldest first: EventField.Size integers each (./store/events.ts). */
  readEvents(from: number, count: number): number[];
  /** Logs one event: a LogEvent and its integers (./store/events.ts says what each one's are); false when the flash refused. */
  log(at: number, type: LogEvent, a: number, b: number, c: number): boolean;
  /** Logs an opening: a code by its id and uses left, an owner code by its step and drift, else who opened. */
  logOpen(at: number, reason: UnlockReason, id: CodeId | undefined, usesLeft: number, owner: OwnerState | undefined): void;
}

/** The box's memory on `flash`: the store opened (and repaired), the keys made when a secret is stored. */
export function boxMemory(flash: Flash, hasher: Hasher): BoxMemory {
  // The store (./store/store.ts) stays in here: it holds the secret.
  const store = openStore(flash);
  const log = (at: number, type: LogEvent, a: number, b: number, c: number): boolean => appendEvent(store, at, type, a, b, c);
  const save = (limiter: LimiterState | undefined, owner: OwnerState | undefined, checkpoint: number, ownerSet: boolean): boolean => {
    let payload = "";
    if (limiter !== undefined) payload += item(Key.Limiter, ints(limiter));
    if (owner !== undefined) payload += item(Key.Owner, ints(owner));
    if (checkpoint !== -1) payload += item(Key.Checkpoint, ints([checkpoint]));
    if (ownerSet) payload += item(Key.ClockSet, ints([checkpoint]));
    return put(store, payload);
  };
  /** One record, then (once it is on flash) its event: false, and nothing logged, when the store refused. */
  const change = (payload: ByteString, at: number, type: LogEvent, a: number, b: number, c: number): boolean => {
    if (!put(store, payload)) return false;
    log(at, type, a, b, c);
    return true;
  };
  const limiterAt = (now: number): LimiterState => {
    const stored = limiterFromValues(numbers(store.kv[Key.Limiter]), LIMITER_POLICY);
    return stored === undefined ? newLimiter(LIMITER_POLICY, now) : stored;
  };
  const secret = store.kv[Key.Secret];
  // The store rides along on the object for tests only (test/core/box/rig.ts storeOf): it is not
  // in the BoxMemory type, so no firmware code can read it, since it holds the secret.
  const m: BoxMemory & { readonly store: Store } = {
    store: store,
    keys: secret === undefined ? undefined : deriveKeys(hasher, secret),
    // An empty value is never stored (it removes the key), so `||` is the same on both runtimes.
    boxId: () => store.kv[Key.BoxId] || "",
    provision: (secret, boxId, at, settings) => {
      const kv = store.kv;
      let payload = item(Key.Secret, secret) + item(Key.BoxId, boxId) + item(Key.Limiter, ints(newLimiter(LIMITER_POLICY, at))) + item(Key.Owner, "");
      for (const s of settings) payload += item(settingKey(settingIndex(s.name)), ints([s.value]));
      // A new secret makes new codes: what the box remembers of the old ones (uses, revocations)
      // names other codes now, and would refuse new codes that happen to share an id. The same
      // secret again keeps them, so a used code never opens again through re-provisioning.
      if (kv[Key.Secret] !== secret) {
        for (const key in kv) if (kv[key] !== undefined && (key.charAt(0) === Key.CodeUse || key.charAt(0) === Key.Revoked)) payload += item(key, "");
      }
      if (secret.length !== SECRET_BYTES || !put(store, payload)) return false;
      m.keys = deriveKeys(hasher, secret);
      return true;
    },
    factoryReset: (at, byButton) => {
      boot(store, true);
      m.keys = undefined;
      log(at, LogEvent.FactoryReset, byButton ? 1 : 0, 0, 0);
    },
    setting: (index) => settingValue(index, num(store.kv[settingKey(index)], 0, SETTING_LIMITS[index * 3])),
    setSetting: (name, value, at) => {
      const index = settingIndex(name);
      return change(item(settingKey(index), ints([value])), at, LogEvent.SettingChanged, index, value, 0);
    },
    clockCheckpoint: () => {
      const stored = num(store.kv[Key.Checkpoint], 0, 0);
      return stored > 0 ? stored : -1;
    },
    clockSetAt: () => num(store.kv[Key.ClockSet], 0, -1),
    save: save,
    limiterAt: limiterAt,
    liftLockOut: (now) => change(item(Key.Limiter, ints(newLimiter(LIMITER_POLICY, now))), now, LogEvent.LockOutLifted, limiterAt(now)[Limiter.LockedUntil], 0, 0),
    owner: () => ownerFromValues(numbers(store.kv[Key.Owner])),
    usesSpent: (id) => num(store.kv[Key.CodeUse + id], 4, 0),
    isRevoked: (id) => store.kv[Key.Revoked + id] !== undefined,
    codeUsed: (id, uses, expires, limiter) => put(store, item(Key.CodeUse + id, ints([expires, uses])) + item(Key.Limiter, ints(limiter))),
    revoke: (idText, id, at) => change(item(Key.Revoked + idText, ints([(id.start + id.hours) * 3600])), at, LogEvent.Revoked, id.start, codeDetail(id.hours, id.slot, 0), id.kind === "pickup" ? Opener.PickupCode : Opener.DeliveryCode),
    eventCount: () => store.seq * store.slots + store.next,
    readEvents: (from, count) => readEvents(store, from, count),
    log: log,
    logOpen: (at, reason, id, usesLeft, owner) => {
      if (id !== undefined) {
        log(at, LogEvent.Open, id.start, codeDetail(id.hours, id.slot, usesLeft), id.kind === "pickup" ? Opener.PickupCode : Opener.DeliveryCode);
      } else if (owner !== undefined) {
        log(at, LogEvent.Open, owner[Owner.LastStep], owner[Owner.Drift], Opener.OwnerCode);
      } else {
        log(at, LogEvent.Open, 0, 0, reason === "home" ? Opener.HomeInput : Opener.LockTest);
      }
    },
  };
  return m;
}
