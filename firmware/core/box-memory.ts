/**
 * The box's memory: the store (./store/) seen in the box's own terms: settings, the limiter and
 * owner-code state as the code module's types, code uses by id, and one method per log event, so
 * the meaning of each event's integers (docs/storage.md, "Event types") is written in one place.
 */
import type { Flash } from "./board";
import { limiterFromValues, limiterValues, LIMITER_POLICY, ownerFromValues, ownerValues, type CodeId, type LimiterState, type OwnerState } from "./codes/index";
import type { UnlockReason } from "./lock";
import { settingSpec, settingValue, SETTINGS, type Settings } from "./settings";
import {
  codeDetail,
  EVENT_CLOCK_BACKUP_BEHIND,
  EVENT_CLOCK_CHECKPOINT_JUMP,
  EVENT_CLOCK_SET,
  EVENT_FACTORY_RESET,
  EVENT_LID_CLOSED,
  EVENT_LID_FORCED,
  EVENT_LID_LEFT_OPEN,
  EVENT_LID_OPENED,
  EVENT_LOCK_OUT,
  EVENT_LOCK_OUT_LIFTED,
  EVENT_NOT_OPENED_RELOCK,
  EVENT_OPEN,
  EVENT_POWER_UP,
  EVENT_PROVISIONED,
  EVENT_REVOKED,
  EVENT_SETTING_CHANGED,
  EVENT_WRONG_CODE,
  OPEN_BY_DELIVERY_CODE,
  OPEN_BY_HOME_INPUT,
  OPEN_BY_LOCK_TEST,
  OPEN_BY_OWNER_CODE,
  OPEN_BY_PICKUP_CODE,
  OPEN_BY_SERVICE_BUTTON,
} from "./store/events";
import type { Change } from "./store/state";
import { openStore, type Store } from "./store/store";
import type { ByteString } from "./bytes";

function openedBy(reason: UnlockReason, id: CodeId | undefined): number {
  if (reason === "owner") return OPEN_BY_OWNER_CODE;
  if (reason === "home") return OPEN_BY_HOME_INPUT;
  if (reason === "test") return OPEN_BY_LOCK_TEST;
  if (reason === "service") return OPEN_BY_SERVICE_BUTTON;
  return id !== undefined && id.kind === "pickup" ? OPEN_BY_PICKUP_CODE : OPEN_BY_DELIVERY_CODE;
}

export class BoxMemory {
  readonly store: Store;

  constructor(flash: Flash) {
    this.store = openStore(flash);
  }

  isProvisioned(): boolean {
    return this.store.isProvisioned();
  }

  secret(): ByteString {
    return this.store.secret();
  }

  boxId(): string {
    return this.store.boxId();
  }

  /** One setting as the box uses it (validated; ./settings.ts). */
  setting(name: string): number {
    const spec = settingSpec(name);
    if (spec === undefined) throw new Error("unknown setting " + name);
    return settingValue(spec, this.store.setting(name, spec.defaultValue));
  }

  /** Every setting as the box uses it, for SETTINGS GET. */
  settings(): Settings {
    const out: Settings = {};
    for (let i = 0; i < SETTINGS.length; i++) out[SETTINGS[i].name] = this.setting(SETTINGS[i].name);
    return out;
  }

  setSetting(name: string, value: number, at: number): boolean {
    if (!this.store.setSetting(name, value)) return false;
    this.store.appendEvent(at, EVENT_SETTING_CHANGED, SETTINGS.findIndex((s) => s.name === name), value, 0);
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

  limiter(): LimiterState | undefined {
    return limiterFromValues(this.store.limiterValues(), LIMITER_POLICY);
  }

  setLimiter(state: LimiterState): boolean {
    return this.store.setLimiter(limiterValues(state));
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
    this.store.appendEvent(at, EVENT_REVOKED, id.start, codeDetail(id.hours, id.slot, 0), id.kind === "pickup" ? OPEN_BY_PICKUP_CODE : OPEN_BY_DELIVERY_CODE);
    return true;
  }

  logPowerUp(at: number, clockKnown: boolean): void {
    this.store.appendEvent(at, EVENT_POWER_UP, clockKnown ? 1 : 0, 0, 0);
  }

  logOpen(at: number, reason: UnlockReason, id: CodeId | undefined, usesLeft: number, owner: OwnerState | undefined): void {
    if (id !== undefined) {
      this.store.appendEvent(at, EVENT_OPEN, id.start, codeDetail(id.hours, id.slot, usesLeft), openedBy(reason, id));
    } else if (owner !== undefined) {
      this.store.appendEvent(at, EVENT_OPEN, owner.lastStep, owner.drift, OPEN_BY_OWNER_CODE);
    } else {
      this.store.appendEvent(at, EVENT_OPEN, 0, 0, openedBy(reason, undefined));
    }
  }

  logWrongCode(at: number, streak: number, digits: number): void {
    this.store.appendEvent(at, EVENT_WRONG_CODE, streak, digits, 0);
  }

  logLockOut(at: number, until: number, streak: number): void {
    this.store.appendEvent(at, EVENT_LOCK_OUT, until, streak, 0);
  }

  logLockOutLifted(at: number, until: number): void {
    this.store.appendEvent(at, EVENT_LOCK_OUT_LIFTED, until, 0, 0);
  }

  logLid(at: number, what: "opened" | "forced" | "closed"): void {
    this.store.appendEvent(at, what === "opened" ? EVENT_LID_OPENED : what === "forced" ? EVENT_LID_FORCED : EVENT_LID_CLOSED, 0, 0, 0);
  }

  logLidLeftOpen(at: number, seconds: number): void {
    this.store.appendEvent(at, EVENT_LID_LEFT_OPEN, seconds, 0, 0);
  }

  logNotOpened(at: number): void {
    this.store.appendEvent(at, EVENT_NOT_OPENED_RELOCK, 0, 0, 0);
  }

  logClockSet(at: number, from: number, to: number): void {
    this.store.appendEvent(at, EVENT_CLOCK_SET, from, to, 0);
  }

  logClockMovedUp(at: number, found: number, checkpoint: number): void {
    this.store.appendEvent(at, EVENT_CLOCK_CHECKPOINT_JUMP, found, checkpoint, 0);
  }

  logClockBackupBehind(at: number, found: number, checkpoint: number): void {
    this.store.appendEvent(at, EVENT_CLOCK_BACKUP_BEHIND, found, checkpoint, 0);
  }

  logProvisioned(at: number): void {
    this.store.appendEvent(at, EVENT_PROVISIONED, at, 0, 0);
  }

  logFactoryReset(at: number): void {
    this.store.appendEvent(at, EVENT_FACTORY_RESET, 0, 0, 0);
  }
}
