/**
 * The board: everything the core is handed by a runtime adapter (firmware/espruino,
 * firmware/nodemcu) or by a test. The core never names a runtime API; it only calls these ports.
 *
 * Every port is a table of plain functions (`@noSelf`), so an adapter can build it from closures
 * in any runtime. Times are integers: box seconds for wall-clock time (./time.ts), milliseconds
 * of uptime for durations. Byte data is a byte string (./bytes.ts).
 */
import type { ByteString } from "./bytes";
import type { Hasher } from "./hash/hasher";

/**
 * The keypad matrix (rows 1-2-3, 4-5-6, 7-8-9, *-0-#), scanned by the core's ./matrix.ts on the
 * pins an adapter hands it: when a column interrupt fires and then every few milliseconds while
 * any key is down, reporting each scan; with nothing down (or only stuck keys) it stops scanning
 * (no timer runs). Debouncing and several keys at once are ./keypad.ts's, on every runtime alike.
 * @noSelf
 */
export interface Keypad {
  /** `pressed` lists the keys the scan saw down, in matrix order ("" when none); `atMs` is uptime. */
  onScan(handler: (pressed: string, atMs: number) => void): void;
  /** Keys held past STUCK_KEY_MS (./matrix.ts): scans leave them out until they are released. One handler; a second replaces the first. */
  onStuck(handler: (keys: string) => void): void;
}

/**
 * The lock's coil (solenoid or motor latch through a MOSFET). The core never asks for more than
 * MAX_COIL_MS (./lock.ts); the adapter uses a hardware-timed pulse where it has one, so the coil
 * is released even if the interpreter stalls.
 * @noSelf
 */
export interface LockCoil {
  /** Energises the coil for `ms` milliseconds, then releases it. */
  pulse(ms: number): void;
  /** Releases the coil now. */
  release(): void;
}

/** @noSelf */
export interface LidSwitch {
  isOpen(): boolean;
  /** Called on every debounced change of the lid switch. */
  onChange(handler: (open: boolean) => void): void;
}

export type LedColour = "off" | "green" | "red" | "amber";

/** The keypad's light (a two-colour LED: green + red = amber) and its buzzer. @noSelf */
export interface Signals {
  led(colour: LedColour): void;
  buzzer(on: boolean): void;
}

/**
 * Wall-clock time kept across sleep: the runtime's RTC (Espruino getTime/setTime, NodeMCU
 * rtctime), and the external DS3231 when one is fitted. When and whether the DS3231's time is
 * taken is the core's policy (./clock.ts), not the adapter's.
 * @noSelf
 */
export interface Clock {
  /** Box seconds on the runtime's clock, or -1 while it has not been set since it lost power. */
  now(): number;
  /** Sets the runtime's clock and the DS3231 when one is fitted (the owner's setting). */
  set(boxSeconds: number): void;
  /** Sets the runtime's clock alone (to a DS3231 reading); -1 makes it unknown until set again. */
  setLocal(boxSeconds: number): void;
  /** Box seconds the DS3231 holds now; -1 when none is fitted, it does not answer or it lost its time. */
  readBackup(): number;
  /** Whether a battery-backed real-time clock (DS3231) keeps time across power cuts. */
  hasBackup(): boolean;
}

/**
 * Timers for the few moments the box is awake (an entry in progress, an unlock, a signal
 * pattern). When nothing is scheduled the runtime may sleep.
 * @noSelf
 */
export interface Timers {
  after(ms: number, callback: () => void): number;
  cancel(id: number): void;
  /** Milliseconds since boot, monotonic. */
  uptimeMs(): number;
}

/**
 * Flash storage as NOR flash behaves: files are created erased (every byte 0xff), bytes can
 * only be written over erased bytes, and a file is erased whole. A power cut during `write` may
 * leave any prefix of `data` written. Espruino's Storage and NodeMCU's file module both fit.
 * File names are at most 28 characters (Espruino's limit).
 * @noSelf
 */
export interface Flash {
  /**
   * The file's bytes, unwritten ones as "\xff", from byte `offset` (0 when left out), at most
   * `length` of them (all to the end when left out; fewer where the file ends sooner); undefined
   * when it does not exist. A part, so a reader of one log event never holds the whole segment
   * (on NodeMCU each read is a copy in the heap).
   */
  read(name: string, offset?: number, length?: number): ByteString | undefined;
  /** Creates an erased file of `size` bytes; false when there is no room. */
  create(name: string, size: number): boolean;
  /** Writes into erased bytes of an existing file; false on any failure. */
  write(name: string, offset: number, data: ByteString): boolean;
  remove(name: string): void;
  /** Bytes free for new files. */
  free(): number;
}

/** The USB serial port, taken over from the interpreter prompt by the adapter. @noSelf */
export interface SerialLink {
  write(text: string): void;
  onData(handler: (chunk: string) => void): void;
}

/** Inputs beside the keypad. @noSelf */
export interface Inputs {
  /** The service button, in the electronics compartment (an open lid does not reach it). */
  servicePressed(): boolean;
  onService(handler: (pressed: boolean) => void): void;
  /** A relay contact from a home system asking the box to open. */
  onHomeOpen(handler: () => void): void;
}

/** Outputs beside the lock. @noSelf */
export interface Outputs {
  /** The smart-home "delivery arrived" signal (a relay or an open-drain line). */
  deliverySignal(on: boolean): void;
}

/**
 * The battery pack, read on a divider at wakes that happen anyway (a key, the daily checkpoint,
 * USB): never a wake of its own. docs/energy.md says how each board reads it.
 * @noSelf
 */
export interface BatteryGauge {
  /** The pack's resting voltage, mV; -1 when the board cannot read it. */
  millivolts(): number;
  /**
   * [low, critical] mV for the cells the owner fitted (the `cells` setting; 0 the board's own),
   * from firmware/boards/profiles.ts; [0, 0] on a supply, which never warns.
   */
  levels(cells: number): number[];
}

/** @noSelf */
export interface System {
  /** Random bytes from the hardware generator (Espruino E.hwRand, NodeMCU node.random). */
  randomBytes(count: number): ByteString;
  /** Tells the hardware watchdog the firmware is alive. */
  kickWatchdog(): void;
}

/** @noSelf */
export interface Board {
  /** Board profile name (e.g. "espruino-pico"); see docs/boards.md. */
  readonly profile: string;
  /** "espruino", "nodemcu" or "node". */
  readonly runtime: string;
  readonly hasher: Hasher;
  readonly keypad: Keypad;
  readonly coil: LockCoil;
  readonly lid: LidSwitch;
  readonly signals: Signals;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly flash: Flash;
  readonly usb: SerialLink;
  readonly inputs: Inputs;
  readonly outputs: Outputs;
  readonly battery: BatteryGauge;
  readonly system: System;
}
