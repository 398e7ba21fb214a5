/**
 * Audit event types and the meaning of their arguments `a`, `b` and `c` (docs/storage.md,
 * "Event types" is the same table). Codes are stored on flash: never renumber, only add.
 */

/** a: 1 when the clock was known at power-up, else 0. */
export const EVENT_POWER_UP = 1;
/**
 * c: OPEN_BY_*. Delivery and pickup codes: a = the window's first box hour, b = codeDetail(hours,
 * slot, uses left). Owner code: a = the accepted TOTP step, b = the drift in steps. Others: 0, 0.
 */
export const EVENT_OPEN = 2;
/** a: consecutive wrong codes so far; b: digits typed. */
export const EVENT_WRONG_CODE = 3;
/** a: locked out until (box seconds); b: consecutive wrong codes. */
export const EVENT_LOCK_OUT = 4;
export const EVENT_LID_OPENED = 5;
export const EVENT_LID_CLOSED = 6;
/** a: seconds the lid has been open. */
export const EVENT_LID_LEFT_OPEN = 7;
/** The lid opened while the box was locked. */
export const EVENT_LID_FORCED = 8;
/** Unlocked but the lid was not opened in time: locked again. */
export const EVENT_NOT_OPENED_RELOCK = 9;
/** a: box seconds before; b: box seconds after (-1: the clock was not set). */
export const EVENT_CLOCK_SET = 10;
/** At boot the clock was behind the checkpoint and moved forward. a: clock found; b: checkpoint. */
export const EVENT_CLOCK_CHECKPOINT_JUMP = 11;
/** a: provisioned at (box seconds). */
export const EVENT_PROVISIONED = 12;
/** c: OPEN_BY_DELIVERY_CODE or OPEN_BY_PICKUP_CODE; a: window's first box hour; b: codeDetail(hours, slot, 0). */
export const EVENT_REVOKED = 13;
/** a: the setting's index in SETTINGS (firmware/core/settings.ts: never reorder, only add); b: new value. */
export const EVENT_SETTING_CHANGED = 14;
export const EVENT_FACTORY_RESET = 15;
/** The owner lifted a lock-out over USB (LIFT). a: the lock-out's end it cut short. */
export const EVENT_LOCK_OUT_LIFTED = 16;
/**
 * The DS3231 read more than CHECKPOINT_SLACK_SECONDS behind the checkpoint and was not believed
 * (firmware/core/clock.ts): at power-up the clock stays unknown, while running the box keeps its
 * own. a: the DS3231's reading; b: the checkpoint.
 */
export const EVENT_CLOCK_BACKUP_BEHIND = 17;

/** Values of `c` for EVENT_OPEN: who or what opened the box. */
export const OPEN_BY_DELIVERY_CODE = 1;
export const OPEN_BY_OWNER_CODE = 2;
export const OPEN_BY_HOME_INPUT = 3;
export const OPEN_BY_SERVICE_BUTTON = 4;
export const OPEN_BY_PICKUP_CODE = 5;
/** The owner's tool ran LOCKTEST over authenticated USB. */
export const OPEN_BY_LOCK_TEST = 6;

/**
 * A code's window length, slot and uses left in one event argument, so an event names the code
 * exactly ("D-<start>-<hours>-<slot>" in docs/codes.md) in 16 bytes: hours * 65536 + slot * 256 +
 * uses left. Hours 0..32767, slot and uses left 0..255 (uses left above 255 are logged as 255).
 */
export function codeDetail(hours: number, slot: number, usesLeft: number): number {
  return hours * 65536 + slot * 256 + Math.min(usesLeft, 255);
}

export function detailHours(detail: number): number {
  return idiv(detail, 65536);
}

export function detailSlot(detail: number): number {
  return idiv(detail, 256) % 256;
}

export function detailUsesLeft(detail: number): number {
  return detail % 256;
}

/** Event types are 1..254: 0 is unused and 255 is erased flash. */
export function isEventType(type: number): boolean {
  return type >= 1 && type <= 254;
}
