/**
 * The parts of NodeMCU's Lua modules the NodeMCU adapter uses (https://nodemcu.readthedocs.io),
 * for both firmware families: ESP32 (gpio.config, the console module) and ESP8266 (gpio.mode,
 * uart.on with run_input 0, gpio.serout). The adapter checks which functions exist at run time.
 * Every function here is called without `self` except the methods of objects (file handles,
 * timers, hash objects), which NodeMCU calls with `:`.
 */

/** @noSelf */
interface NodeMcuHmac {
  update(this: NodeMcuHmac, data: string): void;
  finalize(this: NodeMcuHmac): string;
}
/** @noSelf */
declare namespace crypto {
  /** ESP32 and ESP8266: a streaming HMAC; algorithm "SHA1" or "SHA256". */
  function new_hmac(algorithm: string, key: string): NodeMcuHmac;
  function new_hash(algorithm: string): NodeMcuHmac;
}

/** @noSelf */
declare namespace gpio {
  // ESP32 flavour
  const IN: number;
  const OUT: number;
  const PULL_UP: number;
  const FLOATING: number;
  /** ESP32: configure one or more pins. */
  const config: ((...configs: { gpio: number | number[]; dir: number; pull?: number; opendrain?: number }[]) => void) | undefined;
  // ESP8266 flavour
  const INPUT: number;
  const OUTPUT: number;
  const INT: number;
  const PULLUP: number;
  const FLOAT: number;
  const mode: ((pin: number, mode: number, pull?: number) => void) | undefined;
  /** ESP8266: toggles the pin after each delay (µs) in the list, timed by the SDK, not by Lua. */
  const serout: ((pin: number, startLevel: number, delaysUs: number[], cycles: number, done: () => void) => void) | undefined;
  // both
  function read(pin: number): number;
  function write(pin: number, level: number): void;
  /** Edge interrupt; the callback runs from the Lua task queue with the level (and a timestamp). */
  function trig(pin: number, edge: "up" | "down" | "both" | "none", callback?: (level: number) => void): void;
}

/** @noSelf */
interface NodeMcuTimer {
  alarm(this: NodeMcuTimer, ms: number, mode: number, callback: (timer: NodeMcuTimer) => void): boolean;
  unregister(this: NodeMcuTimer): void;
}
/** @noSelf */
declare namespace tmr {
  const ALARM_SINGLE: number;
  function create(): NodeMcuTimer;
  /** Microseconds of the system counter; wraps at 2^31 on ESP8266. */
  function now(): number;
  /** ESP8266: feeds the system watchdog. */
  const wdclr: (() => void) | undefined;
}

/** @noSelf */
interface NodeMcuFile {
  read(this: NodeMcuFile, count: number): string | undefined;
  write(this: NodeMcuFile, data: string): boolean | undefined;
  seek(this: NodeMcuFile, whence: "set" | "cur" | "end", offset: number): number | undefined;
  close(this: NodeMcuFile): void;
}
/** @noSelf */
declare namespace file {
  function open(name: string, mode: string): NodeMcuFile | undefined;
  function exists(name: string): boolean;
  function remove(name: string): void;
  /** remaining, used, total bytes. */
  function fsinfo(): LuaMultiReturn<[number, number, number]>;
}

/** @noSelf */
declare namespace rtctime {
  /** Seconds and microseconds of the RTC; 0 when it was never set since reset. */
  function get(): LuaMultiReturn<[number, number]>;
  function set(seconds: number, microseconds?: number): void;
}

/** @noSelf */
declare namespace uart {
  function on(event: "data", count: number, callback: (data: string) => void, runInput: number): void;
  function write(id: number, data: string): void;
}

/** ESP32: the console module owns the USB/UART console. @noSelf */
declare namespace console {
  const NONINTERACTIVE: number;
  const mode: ((mode: number) => void) | undefined;
  const on: ((event: "data", count: number, callback: (data: string) => void) => void) | undefined;
  const write: ((data: string) => void) | undefined;
}

/** @noSelf */
declare namespace i2c {
  const SLOW: number;
  const TRANSMITTER: number;
  const RECEIVER: number;
  function setup(id: number, sda: number, scl: number, speed: number): number;
  function start(id: number): void;
  function stop(id: number): void;
  function address(id: number, device: number, direction: number): boolean;
  function write(id: number, data: string): number;
  function read(id: number, count: number): string;
}

/** @noSelf */
declare namespace node {
  /** A random integer in [low, high] from the hardware generator. */
  function random(low: number, high: number): number;
}

/** Lua's global table: the bundle registers the core there as `parcelbox`. */
declare const _G: { parcelbox: unknown };
