/**
 * The box's memory: the only way to the store (./store/), in the box's own terms: settings, the
 * limiter and owner-code state as the code module's types, code uses by id, one method per log
 * event (so the meaning of each event's integers, docs/storage.md "Event types", is written in
 * one place), and the secret, which goes in here and never comes out: the keys made from it
 * (./codes/keys.ts) are derived here, once per secret.
 */
import type { Flash } from "./board";
import type { ByteString } from "./bytes";
import {
  deriveKeys,
  limiterFromValues,
  limiterLift,
  limiterValues,
  newLimiter,
  LIMITER_POLICY,
  ownerFromValues,
  ownerValues,
  type BoxKeys,
  type CodeId,
  type LimiterState,
  type OwnerState,
} from "./codes/index";
import type { Hasher } from "./hash/hasher";
import type { UnlockReason } from "./lock";
import { settingSpec, settingValue, SETTINGS, type SettingName, type Settings } from "./settings";
import type { AuditEvent } from "./store/audit-log";
import { codeDetail, LogEvent, Opener } from "./store/events";
import type { Change } from "./store/state";
import { openStore, type Store } from "./store/store";

function openedBy(reason: UnlockReason, id: CodeId | undefined): Opener {
  if (reason === "owner") return Opener.OwnerCode;
  if (reason === "home") return Opener.HomeInput;
  if (reason === "test") return Opener.LockTest;
  return id !== undefined && id.kind === "pickup" ? Opener.PickupCode : Opener.DeliveryCode;
}

/** A setting as given with PROVISION. */
export interface SettingValue {
  name: string;
  value: number;
}

export class BoxMemory {
  private readonly store: Store;
  private boxKeys: BoxKeys | undefined;

  constructor(
    flash: Flash,
    private readonly hasher: Hasher,
  ) {
    this.store = openStore(flash);
    this.boxKeys = this.store.isProvisioned() ? deriveKeys(hasher, this.store.secret()) : undefined;
  }

  isProvisioned(): boolean {
    return this.store.isProvisioned();
  }

  /** The keys made from the secret, undefined while unprovisioned. */
  keys(): BoxKeys | undefined {
    return this.boxKeys;
  }

  boxId(): string {
    return this.store.boxId();
  }

  /**
   * A new secret (SECRET_BYTES, checked by the USB protocol), box id and settings, with a fresh
   * limiter and owner-code state, as one record: all or nothing. Then the keys are made from it.
   */
  provision(secret: ByteString, boxId: string, at: number, settings: SettingValue[]): boolean {
    const changes: Change[] = [
      { kind: "provision", secret: secret, boxId: boxId, at: at },
      { kind: "limiter", values: limiterValues(newLimiter(LIMITER_POLICY, at)) },
      { kind: "owner-totp", values: [] },
    ];
    for (let i = 0; i < settings.length; i++) changes.push({ kind: "setting", name: settings[i].name, value: settings[i].value });
    if (!this.store.apply(changes)) return false;
    this.boxKeys = deriveKeys(this.hasher, secret);
    return true;
  }

  /**
   * Forgets the secret, settings, used codes, revocations, lock-out and log, as from the factory;
   * the blank log's first event says how (over USB, or by the service button at power-up).
   */
  factoryReset(at: number, byButton: boolean): void {
    this.store.factoryReset();
    this.boxKeys = undefined;
    this.store.appendEvent(at, LogEvent.FactoryReset, byButton ? 1 : 0, 0, 0);
  }

  /** One setting as the box uses it (validated; ./settings.ts). */
  setting(name: SettingName): number {
    // SettingName admits only declared settings.
    const spec = settingSpec(name) as (typeof SETTINGS)[number];
    return settingValue(spec, this.store.setting(name, spec.defaultValue));
  }

  /** Every setting as the box uses it, for SETTINGS GET. */
  settings(): Settings {
    const out = {} as Settings;
    for (let i = 0; i < SETTINGS.length; i++) out[SETTINGS[i].name] = this.setting(SETTINGS[i].name);
    return out;
  }

  /** A setting (checked by the USB protocol) and its log event. */
  setSetting(name: string, value: number, at: number): boolean {
    if (!this.store.setSetting(name, value)) return false;
    this.store.appendEvent(at, LogEvent.SettingChanged, SETTINGS.findIndex((s) => s.name === name), value, 0);
    return true;
  }

  /** The checkpoint in box seconds, -1 when none was stored. */
  clockCheckpoint(): number {
    const stored = this.store.clockCheckpoint();
    return stored > 0 ? stored : -1;
  }

  setClockCheckpoint(boxSeconds: number): void {
    this.store.checkpointClock(boxSeconds);
  }

  /**
   * The owner set the clock: the checkpoint moves to it (back as well as forward), when it was set
   * is kept, and the owner-code state learned against the old time is replaced, in one record.
   */
  clockSetByOwner(boxSeconds: number, owner: OwnerState): void {
    this.store.apply([
      { kind: "clock", checkpoint: boxSeconds },
      { kind: "clock-set", at: boxSeconds },
      { kind: "owner-totp", values: ownerValues(owner) },
    ]);
  }

  /** When the owner last set the clock (box seconds), -1 when never since provisioning. */
  clockSetAt(): number {
    return this.store.clockSetAt();
  }

  limiter(): LimiterState | undefined {
    return limiterFromValues(this.store.limiterValues(), LIMITER_POLICY);
  }

  /** The limiter at box time `now`: as stored, or a fresh one. */
  limiterAt(now: number): LimiterState {
    const stored = this.limiter();
    return stored === undefined ? newLimiter(LIMITER_POLICY, now) : stored;
  }

  setLimiter(state: LimiterState): boolean {
    return this.store.setLimiter(limiterValues(state));
  }

  /** The owner lifts a lock-out (LIFT): the allowance refilled, and the lock-out's end it cut short logged. */
  liftLockOut(now: number): boolean {
    const before = this.limiterAt(now).lockedUntil;
    if (!this.setLimiter(limiterLift(LIMITER_POLICY, now))) return false;
    this.store.appendEvent(now, LogEvent.LockOutLifted, before, 0, 0);
    return true;
  }

  /** An entry charged to the limiter before it is checked, with a new clock checkpoint unless `checkpoint` is -1: one record. */
  charge(limiter: LimiterState, checkpoint: number): boolean {
    const changes: Change[] = [{ kind: "limiter", values: limiterValues(limiter) }];
    if (checkpoint >= 0) changes.push({ kind: "clock", checkpoint: checkpoint });
    return this.store.apply(changes);
  }

  owner(): OwnerState | undefined {
    return ownerFromValues(this.store.ownerValues());
  }

  setOwner(state: OwnerState): boolean {
    return this.store.setOwnerTotp(ownerValues(state));
  }

  /** An owner code opened: its state and the limiter's refund, as one record. */
  ownerAccepted(owner: OwnerState, limiter: LimiterState): boolean {
    return this.store.apply([
      { kind: "owner-totp", values: ownerValues(owner) },
      { kind: "limiter", values: limiterValues(limiter) },
    ]);
  }

  usesSpent(id: string): number {
    const use = this.store.codeUse(id);
    return use === undefined ? 0 : use.uses;
  }

  isRevoked(id: string): boolean {
    return this.store.isRevoked(id);
  }

  /** A code opened: its use and the limiter's refund, as one record, before the lid is released. */
  codeUsed(id: string, uses: number, expires: number, limiter: LimiterState): boolean {
    return this.store.apply([
      { kind: "code-use", id: id, uses: uses, expires: expires },
      { kind: "limiter", values: limiterValues(limiter) },
    ]);
  }

  revoke(idText: string, id: CodeId, at: number): boolean {
    const expires = (id.start + id.hours) * 3600;
    if (!this.store.revoke(idText, expires)) return false;
    this.store.appendEvent(at, LogEvent.Revoked, id.start, codeDetail(id.hours, id.slot, 0), openedBy("delivery", id));
    return true;
  }

  /** How many events were ever logged: the number the next one gets. */
  eventCount(): number {
    return this.store.eventCount();
  }

  /** Up to `count` kept events numbered `from` onwards, oldest first. */
  readEvents(from: number, count: number): AuditEvent[] {
    return this.store.readEvents(from, count);
  }

  logPowerUp(at: number, clockKnown: boolean): void {
    this.store.appendEvent(at, LogEvent.PowerUp, clockKnown ? 1 : 0, 0, 0);
  }

  logOpen(at: number, reason: UnlockReason, id: CodeId | undefined, usesLeft: number, owner: OwnerState | undefined): void {
    if (id !== undefined) {
      this.store.appendEvent(at, LogEvent.Open, id.start, codeDetail(id.hours, id.slot, usesLeft), openedBy(reason, id));
    } else if (owner !== undefined) {
      this.store.appendEvent(at, LogEvent.Open, owner.lastStep, owner.drift, Opener.OwnerCode);
    } else {
      this.store.appendEvent(at, LogEvent.Open, 0, 0, openedBy(reason, undefined));
    }
  }

  logWrongCode(at: number, streak: number, digits: number): void {
    this.store.appendEvent(at, LogEvent.WrongCode, streak, digits, 0);
  }

  logLockOut(at: number, until: number, streak: number): void {
    this.store.appendEvent(at, LogEvent.LockOut, until, streak, 0);
  }

  logLid(at: number, what: "opened" | "forced" | "closed"): void {
    this.store.appendEvent(at, what === "opened" ? LogEvent.LidOpened : what === "forced" ? LogEvent.LidForced : LogEvent.LidClosed, 0, 0, 0);
  }

  logLidLeftOpen(at: number, seconds: number): void {
    this.store.appendEvent(at, LogEvent.LidLeftOpen, seconds, 0, 0);
  }

  logBattery(at: number, level: number, mv: number): void {
    this.store.appendEvent(at, LogEvent.Battery, level, mv, 0);
  }

  logNotOpened(at: number): void {
    this.store.appendEvent(at, LogEvent.NotOpenedRelock, 0, 0, 0);
  }

  logClockSet(at: number, from: number, to: number): void {
    this.store.appendEvent(at, LogEvent.ClockSet, from, to, 0);
  }

  logClockMovedUp(at: number, found: number, checkpoint: number): void {
    this.store.appendEvent(at, LogEvent.ClockCheckpointJump, found, checkpoint, 0);
  }

  logClockBackupBehind(at: number, found: number, checkpoint: number): void {
    this.store.appendEvent(at, LogEvent.ClockBackupBehind, found, checkpoint, 0);
  }

  logProvisioned(at: number, replaced: boolean): void {
    this.store.appendEvent(at, LogEvent.Provisioned, at, replaced ? 1 : 0, 0);
  }

  /** Keys held past STUCK_KEY_MS (./matrix.ts): one event each, with its character code. */
  logKeyStuck(at: number, keys: string): void {
    for (let i = 0; i < keys.length; i++) this.store.appendEvent(at, LogEvent.KeyStuck, keys.charCodeAt(i), 0, 0);
  }
}
