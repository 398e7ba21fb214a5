/**
 * Audit event types and the meaning of their arguments `a`, `b` and `c` (docs/storage.md,
 * "Event types" is the same table). Codes are stored on flash: never renumber, only add; a new
 * event is a line here, a row in LOG_EVENT_TYPES (../host/log.ts, which names it for the owner) and in docs/storage.md.
 *
 * `const enum`s: esbuild and typescript-to-lua both write the bare number where one is used, so
 * the names cost the built files nothing, and a misspelt one is a compile error.
 */
export const enum LogEvent {
  /** a: 1 when the clock was known at power-up, else 0. */
  PowerUp = 1,
  /**
   * c: an Opener. Delivery and pickup codes: a = the window's first box hour, b = codeDetail(hours,
   * slot, uses left). Owner code: a = the accepted TOTP step, b = the drift in steps. Others: 0, 0.
   */
  Open = 2,
  /** a: consecutive wrong codes so far; b: digits typed. */
  WrongCode = 3,
  /** a: locked out until (box seconds); b: consecutive wrong codes. */
  LockOut = 4,
  LidOpened = 5,
  LidClosed = 6,
  /** a: seconds the lid has been open. */
  LidLeftOpen = 7,
  /** The lid opened while the box was locked. */
  LidForced = 8,
  /** Unlocked but the lid was not opened in time: locked again. */
  NotOpenedRelock = 9,
  /** a: box seconds before; b: box seconds after (-1: the clock was not set). */
  ClockSet = 10,
  /** At boot the clock was behind the checkpoint and moved forward. a: clock found; b: checkpoint. */
  ClockCheckpointJump = 11,
  /** a: provisioned at (box seconds); b: 1 when a signed PROVISION replaced the secret, else 0. */
  Provisioned = 12,
  /** c: Opener.DeliveryCode or Opener.PickupCode; a: window's first box hour; b: codeDetail(hours, slot, 0). */
  Revoked = 13,
  /** a: the setting's index in SETTINGS (firmware/core/settings.ts: never reorder, only add); b: new value. */
  SettingChanged = 14,
  /** a: 0 by a signed RESET over USB, 1 by the service button held at power-up. */
  FactoryReset = 15,
  /** The owner lifted a lock-out over USB (LIFT). a: the lock-out's end it cut short. */
  LockOutLifted = 16,
  /**
   * The DS3231 read more than CHECKPOINT_SLACK_SECONDS behind the checkpoint and was not believed
   * (firmware/core/clock.ts): at power-up the clock stays unknown, while running the box keeps its
   * own. a: the DS3231's reading; b: the checkpoint.
   */
  ClockBackupBehind = 17,
  /** A key held longer than STUCK_KEY_MS (firmware/core/matrix.ts), ignored until released. a: its character code. */
  KeyStuck = 18,
  /** The battery read low (a = 1) or critical (a = 2) at a wake-up; b: its voltage, mV. At most once a day each. */
  Battery = 19,
}

/** Values of `c` for LogEvent.Open: who or what opened the box. */
export const enum Opener {
  DeliveryCode = 1,
  OwnerCode = 2,
  HomeInput = 3,
  /** Never written: nothing opens the box by the service button. Kept so the code is not reused. */
  ServiceButton = 4,
  PickupCode = 5,
  /** The owner's tool ran LOCKTEST over authenticated USB. */
  LockTest = 6,
}

/**
 * Where each of an event's integers is in the flat list the store reads back (store.ts readEvents):
 * EventField.Size integers an event. `const enum`: the built files hold the bare numbers.
 */
export const enum EventField {
  Index = 0,
  At = 1,
  Type = 2,
  A = 3,
  B = 4,
  C = 5,
  Size = 6,
}

/** One audit event with its fields named, as the owner's side reads a LOG entry and names it (../host/log.ts). */
export interface AuditEvent {
  /** The event's number since blank flash or the last factory reset. */
  index: number;
  /** Box seconds, -1 when the clock was not set. */
  at: number;
  /** A LogEvent. */
  type: number;
  a: number;
  b: number;
  /** 0..255. */
  c: number;
}

/**
 * A code's window length, slot and uses left in one event argument, so an event names the code
 * exactly ("D-<start>-<hours>-<slot>" in docs/codes.md) in 16 bytes: hours * 65536 + slot * 256 +
 * uses left. Hours 0..32767, slot and uses left 0..255 (uses left above 255 are logged as 255).
 */
export function codeDetail(hours: number, slot: number, usesLeft: number): number {
  return hours * 65536 + slot * 256 + Math.min(usesLeft, 255);
}
