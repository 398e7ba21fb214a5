/**
 * The parts of NodeMCU's Lua modules the NodeMCU adapter uses (https://nodemcu.readthedocs.io),
 * for both firmware families: ESP32 (gpio.config, the console module) and ESP8266 (gpio.mode,
 * uart.on with run_input 0, gpio.serout). The adapter checks which functions exist at run time.
 * Every function here is called without `self` except the methods of objects (file handles,
 * timers, hash objects), which NodeMCU calls with `:`.
 */

/**
 * The chip a build is for. Not a global on the device: the Lua build emits an `if` or `?:` on
 * `NODEMCU_CHIP === "esp32"` (or `"esp8266"`) as the branch its chip takes
 * (tools/build/lua-bundle-plugin.ts), so each chip's image carries none of the other's code.
 */
declare const NODEMCU_CHIP: "esp8266" | "esp32";

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
  /** ESP32 trigger types for gpio.trig (ESP8266 takes the strings instead). No interrupt. */
  const INTR_NONE: number;
  const INTR_UP: number;
  const INTR_DOWN: number;
  /** Both edges; undefined on ESP8266, which is how the adapter tells the flavours apart. */
  const INTR_UP_DOWN: number | undefined;
  /** ESP32 level types: the only ones gpio.wakeup takes. */
  const INTR_LOW: number;
  const INTR_HIGH: number;
  /**
   * ESP32 only: makes the pin wake the chip from light sleep at `level` (INTR_LOW or INTR_HIGH),
   * or not (INTR_NONE). The level also becomes the pin's interrupt type, replacing gpio.trig's edge.
   */
  const wakeup: ((pin: number, level: number) => void) | undefined;
  /** ESP32: configure one or more pins. */
  const config: ((...configs: { gpio: number | number[]; dir: number; pull?: number; opendrain?: number }[]) => void) | undefined;
  // ESP8266 flavour
  const INPUT: number;
  const OUTPUT: number;
  const INT: number;
  const PULLUP: number;
  const FLOAT: number;
  const OPENDRAIN: number;
  const mode: ((pin: number, mode: number, pull?: number) => void) | undefined;
  /**
   * ESP8266: sets the pin to startLevel, then waits each delay (µs) in turn, toggling the pin
   * before every delay after the first; the pin stays as set before the last delay. The whole
   * list runs `cycles` times. With a callback it runs on the hardware timer, not in Lua, and the
   * callback is queued when it ends. A new call replaces a sequence still running.
   */
  const serout: ((pin: number, startLevel: number, delaysUs: number[], cycles: number, done: () => void) => void) | undefined;
  // both
  function read(pin: number): number;
  function write(pin: number, level: number): void;
  const HIGH: number;
  const LOW: number;
  /**
   * Edge interrupt; the callback runs from the Lua task queue. ESP32: `type` is gpio.INTR_* and
   * the callback gets (pin, level). ESP8266: `type` is "up" | "down" | "both" | "none", the pin
   * must be in gpio.INT mode, and the callback gets (level, when_us, eventcount): the level at the
   * first interrupt, its tmr.now() time and how many interrupts this one call stands for.
   */
  function trig(pin: number, type: number | "up" | "down" | "both" | "none", callback?: (a: number, b: number, eventCount: number) => void): void;
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
  /** ESP8266 only: microseconds of the system counter, wrapping at 2^31. ESP32 has no tmr.now. */
  function now(): number;
  /** ESP8266: feeds the system watchdog. */
  const wdclr: (() => void) | undefined;
}

/**
 * An open file: ESP8266's file object or, on ESP32, Lua's io file (write returns the file itself
 * there, true on ESP8266; both return nil when the write failed).
 * @noSelf
 */
interface NodeMcuFile {
  read(this: NodeMcuFile, count: number): string | undefined;
  write(this: NodeMcuFile, data: string): unknown;
  seek(this: NodeMcuFile, whence: "set" | "cur" | "end", offset: number): number | undefined;
  close(this: NodeMcuFile): void;
}
/** @noSelf */
declare namespace file {
  /** ESP8266 only: ESP32's file module has no open (contents go through io.open). */
  const open: ((name: string, mode: string) => NodeMcuFile | undefined) | undefined;
  function exists(name: string): boolean;
  function remove(name: string): void;
  /** remaining, used, total bytes. */
  function fsinfo(): LuaMultiReturn<[number, number, number]>;
}

/** ESP32 only: Lua's io library (ESP8266's NodeMCU has none). @noSelf */
declare namespace io {
  function open(name: string, mode: string): NodeMcuFile | undefined;
}

/** ESP8266 only (ESP32 has the time module instead). @noSelf */
declare namespace rtctime {
  /** Seconds and microseconds of the RTC; 0 when it was never set since reset. */
  function get(): LuaMultiReturn<[number, number]>;
  function set(seconds: number, microseconds?: number): void;
}

/** @noSelf */
declare namespace uart {
  /** ESP32: rising edges on RX that wake the chip from light sleep (at least 3). */
  const wakeup: ((id: number, edges: number) => void) | undefined;
  /** ESP32: waits until the UART has sent what it holds (before node.sleep). */
  const txflush: ((id: number) => void) | undefined;
  /**
   * ESP8266: UART 0 is the USB port. `count` 0 hands over bytes as they come (n: n at a time; a
   * one-character string: up to it). `runInput` 0 keeps the bytes from the Lua interpreter, 1
   * (the default) lets it run them too.
   */
  function on(event: "data", count: number | string, callback: (data: string) => void, runInput: number): void;
  function write(id: number, data: string): void;
}

/**
 * ESP32: the console module owns the USB/UART console. Reached as `_G.console`: the build's Lua
 * check rejects a bare `console.` as an untranslated JavaScript global.
 * @noSelf
 */
interface NodeMcuConsole {
  readonly INTERACTIVE: number;
  readonly NONINTERACTIVE: number;
  mode(mode: number): void;
  /** Count 0: the callback gets the bytes as they come. */
  on(event: "data", count: number, callback: (data: string) => void): void;
  write(data: string): void;
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
  /** Sends bytes (numbers) or strings; returns the number of bytes sent. */
  function write(id: number, data: string | number): number;
  function read(id: number, count: number): string;
}

/** @noSelf */
/** node.sleep's options (ESP32): any of a timer, GPIOs (gpio.wakeup) and UARTs (uart.wakeup). */
interface NodeMcuSleepOptions {
  secs?: number;
  us?: number;
  gpio?: boolean;
  uart?: number;
}
declare namespace node {
  /**
   * ESP32 only: light sleep until one of the sources in `options` wakes the chip; returns the
   * cause. tmr alarms are paused meanwhile; the system time runs on. (ESP8266 NodeMCU's node.sleep
   * is a different, WiFi-based API that this firmware does not use.)
   */
  const sleep: ((options: NodeMcuSleepOptions) => number) | undefined;
  /** ESP32: the causes node.sleep returns. */
  const wakeup: { UART: number; GPIO: number; TIMER: number } | undefined;
  /** ESP8266 only: a random integer in [low, high] from the hardware generator. */
  function random(low: number, high: number): number;
}

/**
 * ESP32 only: the system time (gettimeofday / settimeofday). dev-esp32's time.get pushes both
 * values with lua_pushinteger. Undefined when the module is not in the firmware build.
 * @noSelf
 */
declare namespace time {
  /** Seconds and microseconds. */
  function get(): LuaMultiReturn<[number, number]>;
  // time.set is left out on purpose: it rounds box seconds to a 32-bit float (system-esp32.ts).
}

/**
 * The adc module; undefined when the firmware build leaves it out. ESP32 (dev-esp32): ADC1 only,
 * adc.setup(adc.ADC1, channel, atten) and adc.read(adc.ADC1, channel). ESP8266: adc.read(0).
 * @noSelf
 */
declare namespace adc {
  /** ESP32 only. */
  const ADC1: number;
  const ATTEN_11db: number;
  function setwidth(id: number, bits: number): void;
  function setup(id: number, channel: number, atten: number): void;
  /** ESP32: read(adc.ADC1, channel), 0..2^bits-1. ESP8266: read(0), 0..1024 for 0..1 V. */
  function read(idOrChannel: number, channel?: number): number;
}

/** ESP32 only: libsodium; undefined when the module is not in the firmware build. @noSelf */
declare namespace sodium {
  /** @noSelf */
  namespace random {
    /** `n` bytes from esp_random(), the hardware generator. */
    function buf(n: number): string;
  }
}

/** Lua's setmetatable: a view of a table whose missing fields come from another (owner-on-demand.ts). */
/** Lua's print: to the USB console (the Lua prompt's). */
declare function print(this: void, text: string): void;
declare function setmetatable<T extends object>(table: T, metatable: { __index: object }): T;

/**
 * The bundle's own module loader, which tools/build/lua-bundle-plugin.ts puts in
 * build/nodemcu/<chip>/parcelbox.lua: a module of the bundle that nothing imports (the owner's side),
 * by its module path ("core.owner.index"), loaded now. The plugin keeps every module it reaches.
 */
declare function ____bundleLoad(this: void, module: string): unknown;
/**
 * Forgets the modules the bundle has loaded, but those the box loaded that ____bundleLoad's
 * modules require too (their exports stay only where closures hold them); the first call also
 * drops every loader but those of the modules ____bundleLoad may load still.
 */
declare function ____bundleForget(this: void): void;

/** Lua's global table: the bundle registers the core there as `parcelbox`. */
declare const _G: { parcelbox: unknown; parcelboxBoard: unknown; parcelboxBox: unknown; parcelboxSleep: unknown; console: NodeMcuConsole | undefined };
