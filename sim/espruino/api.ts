/**
 * The globals one boot of the simulated Espruino offers the firmware: the functions and objects
 * of Espruino 2v29 that firmware/espruino uses (declared in firmware/espruino/espruino.d.ts),
 * backed by the virtual board. Nothing else: what Espruino lacks is removed by context.ts.
 */
import { PowerCut } from "../state/flash.ts";
import { analogRead, analogVRef } from "./analog.ts";
import { espruinoAddressOf, espruinoCrypto, espruinoToString } from "./crypto.ts";
import { EspruinoI2c } from "./i2c.ts";
import { EspruinoPins, Pin } from "./pins.ts";
import type { EspruinoRuntime } from "./runtime.ts";
import { EspruinoSerial, SerialDevice } from "./serial.ts";
import { espruinoStorage } from "./storage.ts";
import { Watchdog } from "./watchdog.ts";

export const ESPRUINO_VERSION = "2v29";

/** How the next interpreter starts: reset() runs no saved code, load() runs it as power-up does. */
export type RestartKind = "reset" | "load";

/** The Storage files that hold saved code: `.bootcde` runs at power-up and load(), `.bootrst` also after reset(). */
export const BOOT_CODE_FILE = ".bootcde";
export const BOOT_CODE_ALWAYS_FILE = ".bootrst";

/** The parts of one boot, for the simulator and tests to inspect. */
export interface EspruinoParts {
  runtime: EspruinoRuntime;
  pins: EspruinoPins;
  serial: EspruinoSerial;
  i2c: EspruinoI2c;
  watchdog: Watchdog;
  initHandlers: (() => void)[];
  deepSleep: { enabled: boolean };
  /** Ends this interpreter after the current line and starts the next (set by the boot). */
  restart: (kind: RestartKind) => void;
  /** E.setTimeZone's offset, kept for inspection. */
  timeZoneHours: number;
}

export function espruinoParts(runtime: EspruinoRuntime): EspruinoParts {
  return {
    runtime,
    pins: new EspruinoPins(runtime),
    serial: new EspruinoSerial(runtime),
    i2c: new EspruinoI2c(runtime),
    watchdog: new Watchdog(runtime),
    initHandlers: [],
    deepSleep: { enabled: false },
    restart: () => undefined,
    timeZoneHours: 0,
  };
}

/**
 * `uploaded(name)`: a Storage file uploaded with the boot's code but kept out of the board's flash
 * (boot.ts), which `require("Storage").read` finds when the flash has no file of that name.
 */
export function espruinoGlobals(parts: EspruinoParts, uploaded: (name: string) => string | undefined = () => undefined): Record<string, unknown> {
  const { runtime: rt, pins, serial, i2c, watchdog } = parts;
  const board = rt.board;
  const storage = espruinoStorage(rt, uploaded);
  const E = {
    toString: espruinoToString,
    toFlatString: espruinoToString,
    getAddressOf: (v: unknown, flatAddress?: boolean): number => {
      rt.check();
      return espruinoAddressOf(v, flatAddress);
    },
    /** Nothing to move together: V8's heap has no JsVars. */
    defrag: (): void => rt.check(),
    /** 32 random bits from the hardware generator, as a signed integer. */
    hwRand: (): number => {
      rt.check();
      return board.randomWord() | 0;
    },
    enableWatchdog: (seconds: number, isAuto?: boolean) => watchdog.enable(seconds, isAuto),
    kickWatchdog: () => watchdog.kick(),
    /** Volts of the chip's supply, measured against its internal reference (the ADC's full scale). */
    getAnalogVRef: (): number => {
      rt.check();
      return analogVRef(board);
    },
    setConsole: (device: SerialDevice | null, _options?: { force?: boolean }) => serial.setConsole(device),
    getConsole: (): string => serial.consoleDevice.name,
    on: (event: string, handler: () => void) => {
      rt.check();
      if (event === "init") parts.initHandlers.push(handler);
    },
    /** Saves code to run at power-up (Storage `.bootcde`), or also after reset() with alwaysExec. */
    setBootCode: (code: string, alwaysExec?: boolean) => {
      rt.check();
      storage.erase(BOOT_CODE_FILE);
      storage.erase(BOOT_CODE_ALWAYS_FILE);
      if (code) storage.write(alwaysExec ? BOOT_CODE_ALWAYS_FILE : BOOT_CODE_FILE, code);
    },
    /** The tools send E.setTimeZone(0) with setTime on upload; only Date's local time would use it. */
    setTimeZone: (hours: number) => {
      rt.check();
      parts.timeZoneHours = Number(hours) || 0;
    },
    reboot: (): never => {
      board.reset("E.reboot()");
      throw new PowerCut();
    },
  };
  const modules: Record<string, unknown> = { crypto: espruinoCrypto, Storage: storage };
  const pinGlobals = Object.fromEntries(board.pins.names().map((name) => [name, new Pin(name)]));
  const print = (...args: unknown[]): void => serial.consoleWrite(args.map(String).join(" ") + "\r\n");
  return {
    ...pinGlobals,
    Pin,
    pinMode: (pin: Pin | string, mode: string) => pins.pinMode(pin, mode),
    getPinMode: (pin: Pin | string) => pins.getPinMode(pin),
    digitalWrite: (pin: Pin | string, value: number | boolean) => pins.digitalWrite(pin, value),
    digitalRead: (pin: Pin | string) => pins.digitalRead(pin),
    analogRead: (pin: Pin | string) => {
      rt.check();
      return analogRead(board, pin);
    },
    digitalPulse: (pin: Pin | string, value: number | boolean, ms: number | number[]) => pins.digitalPulse(pin, value, ms),
    setWatch: (fn: () => void, pin: Pin | string, options?: object) => pins.setWatch(fn, pin, options),
    clearWatch: (id?: number) => pins.clearWatch(id),
    setTimeout: (fn: () => void, ms?: number, ...args: unknown[]) => rt.setTimeout(fn, ms, args),
    setInterval: (fn: () => void, ms?: number, ...args: unknown[]) => rt.setInterval(fn, ms, args),
    clearTimeout: (id?: number) => rt.clearTimer(id),
    clearInterval: (id?: number) => rt.clearTimer(id),
    getTime: () => rt.getTime(),
    setTime: (seconds: number) => rt.setTime(seconds),
    setDeepSleep: (on: boolean | number) => {
      rt.check();
      parts.deepSleep.enabled = Boolean(on);
    },
    E,
    USB: serial.usb,
    LoopbackA: serial.loopbackA,
    LoopbackB: serial.loopbackB,
    I2C1: i2c,
    print,
    console: { log: print },
    // Strings are bytes on Espruino: base64 of each character's low byte (EspruinoTools uploads Storage files with atob).
    atob: (text: string) => Buffer.from(String(text), "base64").toString("latin1"),
    btoa: (bytes: string) => Buffer.from(String(bytes), "latin1").toString("base64"),
    process: { version: ESPRUINO_VERSION, env: processEnv(parts) },
    /** Clears the interpreter (code, timers, watches) after this line; saved code does not run. */
    reset: () => {
      rt.check();
      parts.restart("reset");
    },
    /** Clears the interpreter after this line and runs the saved code, as at power-up. */
    load: () => {
      rt.check();
      parts.restart("load");
    },
    save: () => {
      rt.check();
      throw new Error("save() (a RAM image in flash) is not simulated: save code as .bootcde (E.setBootCode, or the tools' Save on Send)");
    },
    require: (name: string) => {
      const module = modules[name];
      if (module === undefined) throw new Error(`Module ${name} not found`);
      return module;
    },
  };
}

/** process.env as Espruino 2v29 reports it (the tools read VERSION, BOARD and CONSOLE on connect). */
function processEnv(parts: EspruinoParts): Record<string, unknown> {
  const board = parts.runtime.board;
  return {
    VERSION: ESPRUINO_VERSION,
    BOARD: board.profile.espruinoBoard,
    FLASH: board.flash.capacityBytes,
    STORAGE: board.flash.capacityBytes,
    get CONSOLE(): string {
      return parts.serial.consoleDevice.name;
    },
    MODULES: "crypto,Storage",
  };
}
