/**
 * The lock and the lid. One place for "what happens to the lock when": an accepted code unlocks
 * (one coil pulse, never longer than MAX_COIL_MS whatever the settings say); opening the lid
 * releases the coil; closing it locks; a lid not opened in time counts as locked again; a lid
 * left open raises a reminder; a lid opened while locked is forced and raises the alarm.
 */
import type { LidSwitch, LockCoil, Timers } from "./board";
import { MAX_COIL_MS } from "./settings";

/** locked: closed and latched; unlocked: coil pulsed, waiting for the lid; open: opened after an unlock; forced: opened while locked. */
export type LockState = "locked" | "unlocked" | "open" | "forced";

/** Why the box was unlocked, for the log. */
export type UnlockReason = "delivery" | "pickup" | "owner" | "home" | "test";

/** What the lock reports to the box (which logs it and signals it). @noSelf */
export interface LockEvents {
  unlocked(reason: UnlockReason, pulseMs: number): void;
  notOpened(): void;
  lidOpened(authorised: boolean): void;
  lidClosed(authorised: boolean): void;
  lidLeftOpen(): void;
}

/** The timing settings the lock reads each time, so a change applies at once. @noSelf */
export interface LockTiming {
  unlockPulseMs(): number;
  relockIfNotOpenedMs(): number;
  lidOpenAlarmMs(): number;
}

export class Lock {
  private current: LockState;
  private relockTimer = -1;
  private leftOpenTimer = -1;

  constructor(
    private readonly coil: LockCoil,
    lid: LidSwitch,
    private readonly timers: Timers,
    private readonly timing: LockTiming,
    private readonly events: LockEvents,
  ) {
    // A box that boots with the lid open was opened by someone before the power came back.
    this.current = lid.isOpen() ? "forced" : "locked";
    if (this.current === "forced") this.startLeftOpenTimer();
    coil.release();
  }

  state(): LockState {
    return this.current;
  }

  /**
   * Pulses the coil to release the lid. Refused (false) when the lid is already open; a second
   * request while waiting for the lid does not pulse again (the coil must cool), it only restarts
   * the wait.
   */
  unlock(reason: UnlockReason): boolean {
    if (this.current === "open" || this.current === "forced") return false;
    this.cancel(this.relockTimer);
    if (this.current === "locked") {
      const pulseMs = Math.min(this.timing.unlockPulseMs(), MAX_COIL_MS);
      this.coil.pulse(pulseMs);
      this.current = "unlocked";
      this.events.unlocked(reason, pulseMs);
    }
    this.relockTimer = this.timers.after(this.timing.relockIfNotOpenedMs(), () => {
      this.relockTimer = -1;
      if (this.current !== "unlocked") return;
      this.coil.release();
      this.current = "locked";
      this.events.notOpened();
    });
    return true;
  }

  /** The lid switch changed. */
  lidChanged(open: boolean): void {
    if (open) {
      if (this.current === "open" || this.current === "forced") return;
      const authorised = this.current === "unlocked";
      this.cancel(this.relockTimer);
      this.relockTimer = -1;
      this.coil.release();
      this.current = authorised ? "open" : "forced";
      this.events.lidOpened(authorised);
      this.startLeftOpenTimer();
      return;
    }
    if (this.current !== "open" && this.current !== "forced") return;
    const authorised = this.current === "open";
    this.cancel(this.leftOpenTimer);
    this.leftOpenTimer = -1;
    this.current = "locked";
    this.events.lidClosed(authorised);
  }

  private startLeftOpenTimer(): void {
    this.cancel(this.leftOpenTimer);
    this.leftOpenTimer = this.timers.after(this.timing.lidOpenAlarmMs(), () => {
      this.leftOpenTimer = -1;
      this.events.lidLeftOpen();
    });
  }

  private cancel(id: number): void {
    if (id >= 0) this.timers.cancel(id);
  }
}
