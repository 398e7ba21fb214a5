/**
 * The parts of Espruino 2v29's API the Espruino adapter uses (https://www.espruino.com/Reference),
 * declared as exactly as the adapter uses them. Built-in modules are reached as
 * `global.require(...)`: a bare `require` would make the bundler insert a dynamic-require shim
 * built on Proxy, which Espruino lacks.
 */
interface EspruinoCrypto {
  SHA1(data: string | ArrayBuffer): ArrayBuffer;
  SHA256(data: string | ArrayBuffer): ArrayBuffer;
}
interface ObjectConstructor {
  /** A new object whose prototype is `proto`. */
  create(proto: object): object;
}
interface ArrayBuffer {
  readonly byteLength: number;
}

/** A pin: `new Pin("B3")` accepts the name printed on the board. */
declare class Pin {
  constructor(value: string);
}
type EspruinoPinMode = "input" | "input_pullup" | "input_pulldown" | "output" | "opendrain" | "opendrain_pullup" | "auto";
/** Sets the mode and keeps it: digitalWrite/digitalRead no longer change it. */
declare function pinMode(pin: Pin, mode: EspruinoPinMode): void;
declare function digitalWrite(pin: Pin, value: number | boolean): void;
declare function digitalRead(pin: Pin): number;
/** The pin's voltage as a fraction (0..1) of the chip's supply, E.getAnalogVRef(). */
declare function analogRead(pin: Pin): number;
/** Drives `value` for `ms`, then the opposite level, from a hardware timer. */
declare function digitalPulse(pin: Pin, value: number, ms: number): void;

interface WatchEvent {
  /** The pin's level after the edge. */
  state: boolean;
  /** getTime() at the edge. */
  time: number;
  lastTime: number | undefined;
}
interface WatchOptions {
  edge: "rising" | "falling" | "both";
  repeat: boolean;
  /** Milliseconds the level must hold before the event fires (0: none). */
  debounce: number;
}
/** Events are queued by the interrupt and run from the main loop. Returns the watch's id. */
declare function setWatch(handler: (e: WatchEvent) => void, pin: Pin, options: WatchOptions): number;
declare function clearWatch(id: number): void;

declare function setTimeout(handler: () => void, ms: number): number;
declare function clearTimeout(id: number): void;
/** Seconds (a float) since 1970 as the microcontroller's clock has it; ~0 after power-up. */
declare function getTime(): number;
declare function setTime(seconds: number): void;
/** 1: sleep in the STM32's stop mode whenever idle (woken by watches or timers). */
declare function setDeepSleep(on: number): void;

interface EspruinoSerial {
  on(event: "data", handler: (data: string) => void): void;
  write(data: string): void;
}
declare const USB: EspruinoSerial;
declare const LoopbackA: EspruinoSerial;

/** Bytes read over I2C (a Uint8Array on the device). */
interface EspruinoBytes {
  readonly length: number;
  readonly [index: number]: number;
}
interface EspruinoI2C {
  setup(options: { sda: Pin; scl: Pin; bitrate: number }): void;
  /** Throws when the device does not acknowledge. */
  writeTo(address: number, data: number[]): void;
  readFrom(address: number, quantity: number): EspruinoBytes;
}
declare const I2C1: EspruinoI2C;

interface EspruinoStorage {
  read(name: string): string | undefined;
  /**
   * Offset 0 (or none) creates the file, `size` bytes long (erased beyond `data`), replacing one
   * of the same name; a non-zero offset writes into an existing file, only into erased space.
   */
  write(name: string, data: string, offset: number, size?: number): boolean;
  erase(name: string): void;
  getFree(): number;
}

interface EspruinoE {
  toString(data: ArrayBuffer): string;
  /** The bytes as a flat string (contiguous JsVars), or a plain one when none can be made. */
  toFlatString(data: string): string;
  /** With `flatAddress`: where a flat string's bytes are, 0 when it is not flat. */
  getAddressOf(v: unknown, flatAddress: boolean): number;
  /** Moves JsVars together so that free memory is contiguous again (slow: seconds on a full Pico). */
  defrag(): void;
  /** 32 random bits from the hardware generator. */
  hwRand(): number;
  /** The chip's supply in volts, measured against its internal reference: analogRead's full scale. */
  getAnalogVRef(): number;
  /** `isAuto`: kicked by the idle loop, so only a stuck interpreter lets it reset the board. */
  enableWatchdog(seconds: number, isAuto: boolean): void;
  kickWatchdog(): void;
  setConsole(device: EspruinoSerial, options: { force: boolean }): void;
  /** "init": after the saved code has run at power-up. */
  on(event: "init", handler: () => void): void;
}
declare const E: EspruinoE;

interface EspruinoProcess {
  env: { BOARD: string };
}
declare const process: EspruinoProcess;

interface EspruinoGlobal {
  require(name: "crypto"): EspruinoCrypto;
  require(name: "Storage"): EspruinoStorage;
  /**
   * Runs `code` and gives its value. Code read from Storage stays there: the functions it defines
   * keep their code in flash (main.ts loads the owner's side so).
   */
  eval(code: string): unknown;
  /** The test-only hash API (conformance.ts; never in a shipped file). */
  parcelbox: unknown;
  /** The board and the box, for the simulator's probes (main.ts). */
  parcelboxBoard: unknown;
  parcelboxBox: unknown;
}
declare const global: EspruinoGlobal;
