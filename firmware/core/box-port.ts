/**
 * The one way from the owner's side (./owner/) into the box (./box.ts): what the owner's
 * operations may read and do beyond the store, and the box's news for the USB port. The box
 * implements it and knows nothing of the owner's side; an entry point hands the box to
 * startOwnerSide as this port. Everything the owner changes in the store goes through `memory`.
 */
import type { BoxMemory } from "./box-memory";
import type { Lock } from "./lock";
import type { Signal } from "./signals";

/** One `key=value` of a piece of news (the USB protocol's field, docs/protocol.md). */
export interface NewsField {
  key: string;
  value: string;
}

/** What the box tells whoever listens (the USB port's `* EVENT` lines, docs/protocol.md). */
export type BoxNewsKind = "open" | "lockout" | "lid-open" | "forced" | "lid-left-open" | "lid-closed" | "battery";

/** Takes the box's news: a plain function (no `self` on Lua). */
export type NewsListener = (kind: BoxNewsKind, fields: NewsField[]) => void;

/** @noSelf */
export interface BoxPort {
  /** The box's memory: settings, limiter, owner-code state, log, secret in and keys out. */
  readonly memory: BoxMemory;
  /** Box seconds now, or -1 while the clock is unknown. */
  now(): number;
  /** Whether a battery-backed DS3231 keeps the time across power cuts. */
  hasBackupClock(): boolean;
  /**
   * The owner sets the clock (docs/protocol.md, CLOCK SET and PROVISION): stored with when it
   * was set, logged. False when a fitted DS3231 did not take the time.
   */
  setClock(boxSeconds: number): boolean;
  lockState(): Lock;
  /** The battery: its last reading in mV (-1: not measured), then its level: 0 fine, 1 low, 2 critical (box.ts). */
  readonly power: number[];
  /** The signal pattern playing now, -1 when quiet (STATUS's alarm). */
  signalPlaying(): Signal | -1;
  /** The owner's lock test: one unlock, logged and announced like any other; false with the lid open. */
  testLock(): boolean;
  /** Something woke the box from the owner's side (USB data): the watchdog and the clock see it. */
  awake(): void;
  /**
   * Hands the box's news to `listener` from now on (one listener; a second replaces the first;
   * undefined: nobody listens, as when the owner's side is released).
   */
  onNews(listener: NewsListener | undefined): void;
}
