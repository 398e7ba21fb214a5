/**
 * What the box offers the USB port: the box controller implements this table, the USB server
 * (./server.ts) calls it only after a request has been read, checked and, where needed,
 * authenticated. Nothing here returns the master secret; usbKey() returns the derived key, which
 * never leaves the box either (the server only MACs with it).
 */
import type { ByteString } from "../bytes";
import type { UsbField } from "./protocol";

export interface UsbIdentity {
  /** Product model, e.g. "parcelbox". */
  model: string;
  /** Firmware version, e.g. "0.1.0". */
  firmware: string;
  /** The box id (letters, digits, `-`, `_`, `.`; up to 16); "" when it has none yet. */
  boxId: string;
  /** "espruino", "nodemcu" or "node". */
  runtime: string;
  /** Board profile name (docs/boards.md), e.g. "espruino-pico". */
  board: string;
}

/** What a state-changing call did: ok with fields for the OK line, or an error code from protocol.ts. */
export interface UsbOutcome {
  ok: boolean;
  /** Error code (ERROR_CODES) when not ok, "" when ok. */
  code: string;
  /** For people; must never contain secret material. */
  message: string;
  fields: UsbField[];
}

export function usbOk(fields: UsbField[]): UsbOutcome {
  return { ok: true, code: "", message: "", fields: fields };
}

export function usbFail(code: string, message: string): UsbOutcome {
  return { ok: false, code: code, message: message, fields: [] };
}

export interface UsbClockState {
  /** Box seconds now, -1 while the clock is not set. */
  now: number;
  /** Whether a battery-backed DS3231 keeps time across power cuts. */
  backup: boolean;
  /** The correction, in seconds, the box has learned from accepted owner codes (0: none). */
  driftSeconds: number;
  /** Box seconds of the last CLOCK SET or PROVISION, -1 if never. */
  lastSet: number;
}

export interface UsbStatus {
  /** "locked" or "unlocked". */
  lock: string;
  /** "open" or "closed". */
  lid: string;
  /** Seconds of keypad lock-out left, 0 when the keypad takes codes. */
  lockoutSeconds: number;
  /** Wrong codes counted toward the next lock-out. */
  wrongAttempts: number;
  /** "none", "lid-open" or "forced": the alarm currently raised. */
  alarm: string;
  /** Bytes of flash free. */
  flashFree: number;
}

/** One audit-log entry. `index` counts every event ever logged, so pages stay stable as old ones roll off. */
export interface UsbLogEntry {
  index: number;
  /** Box seconds, -1 when the clock was not set. */
  time: number;
  /** Event kind in the box's words, e.g. "open", "wrong-code", "lockout", "lid-open", "power-up". */
  event: string;
  /** Details as key=value (values may hold any printable text; the protocol escapes them). */
  fields: UsbField[];
}

/**
 * A delivery or pickup code's identity as the box knows it: the same shape as CodeId in
 * firmware/core/codes/code.ts (docs/codes.md), so the box can pass it straight on. Kind, window
 * start in box hours (box seconds / 3600), window length in hours, and the slot that tells apart
 * several codes for the same window.
 */
export interface UsbCodeId {
  kind: "delivery" | "pickup";
  /** First box hour of the window. */
  start: number;
  hours: number;
  slot: number;
}

export interface UsbSetting {
  name: string;
  value: number;
}

/** @noSelf */
export interface UsbBoxServices {
  identify(): UsbIdentity;
  isProvisioned(): boolean;
  /** The service button inside the box is held (or latched) now. */
  inServiceMode(): boolean;
  /**
   * Stores a new master secret (20 bytes), sets the clock and the given settings, and starts a
   * fresh box: used codes, revocations and lock-out are forgotten; the log keeps a "provisioned"
   * entry. `boxId` is "" to keep or make the box's own. The OK fields should include `box`.
   */
  provision(secret: ByteString, boxId: string, clock: number, settings: UsbSetting[]): UsbOutcome;
  clockGet(): UsbClockState;
  clockSet(boxSeconds: number): UsbOutcome;
  status(): UsbStatus;
  /** How many events were ever logged: the index the next one will get. */
  logCount(): number;
  /** Up to `count` retained entries with index >= `from`, oldest first. */
  logRead(from: number, count: number): UsbLogEntry[];
  revoke(id: UsbCodeId): UsbOutcome;
  settingsGet(): UsbSetting[];
  settingsSet(name: string, value: number): UsbOutcome;
  /** Pulses the lock briefly and reports what it saw (fields e.g. coilMs, lid). */
  lockTest(): UsbOutcome;
  /** Ends a keypad lock-out and refills the wrong-code allowance (docs/codes.md counts each lift). */
  liftLockout(): UsbOutcome;
  /** Forgets the secret, settings, used codes and log, as from the factory. */
  factoryReset(): UsbOutcome;
  /** HMAC-SHA1(masterSecret, "parcelbox usb") (./auth.ts deriveUsbKey); "" when unprovisioned. */
  usbKey(): ByteString;
}
