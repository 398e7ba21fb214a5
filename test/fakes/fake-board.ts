/**
 * A Board for unit tests of the core in Node: virtual time with a deterministic timer queue,
 * and every output recorded. Lighter than the simulator (sim/), which runs the built firmware on
 * an electrical model; this one lets a test poke the core's ports directly.
 *
 * Its flash is a NorFlash (./nor-flash.ts), so a test can cut the power at any byte, and its
 * wall clock runs with the virtual timers. `powerCycle()` gives the board the box wakes up on
 * after a power cut: same flash, same lid, the DS3231's time (or no time without one), fresh
 * timers and uptime.
 */
import type { Board, LedColour } from "../../firmware/core/board.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";
import { NorFlash } from "./nor-flash.ts";

interface PendingTimer {
  id: number;
  at: number;
  callback: () => void;
}

export class FakeTimers {
  private queue: PendingTimer[] = [];
  private nextId = 1;
  now = 0;

  after(ms: number, callback: () => void): number {
    const id = this.nextId++;
    this.queue.push({ id, at: this.now + ms, callback });
    return id;
  }

  cancel(id: number): void {
    this.queue = this.queue.filter((t) => t.id !== id);
  }

  pending(): number {
    return this.queue.length;
  }

  /** Milliseconds until each pending timer is due, soonest first. */
  pendingDelays(): number[] {
    return this.queue.map((t) => t.at - this.now).sort((a, b) => a - b);
  }

  /** Advances virtual time, running due timers in time order (ties in creation order). */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = this.queue.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.queue = this.queue.filter((t) => t !== due);
      this.now = due.at;
      due.callback();
    }
    this.now = end;
  }
}

export interface FakeBoardOptions {
  /** The flash to boot from (default: blank). Share one between boards to model a power cut. */
  flash?: NorFlash;
  /** Box seconds on the clock at uptime 0 (default -1: not set). */
  clockSeconds?: number;
  /** Whether a DS3231 keeps the time across power cuts (default true). */
  ds3231?: boolean;
  lidOpen?: boolean;
}

export class FakeBoard {
  readonly timers = new FakeTimers();
  readonly flash: NorFlash;
  readonly coilPulses: { at: number; ms: number }[] = [];
  coilReleases = 0;
  lidOpen = false;
  hasDs3231 = true;
  servicePressed = false;
  readonly led: { at: number; colour: LedColour }[] = [];
  readonly buzzer: { at: number; on: boolean }[] = [];
  readonly usbOut: string[] = [];
  readonly deliverySignal: { at: number; on: boolean }[] = [];
  watchdogKicks = 0;
  /** The battery pack's reading, mV (-1: not measured), and [low, critical] for every `cells` value. */
  batteryMv = 6000;
  batteryLevels = [5200, 4900];
  private scanHandler: (pressed: string, atMs: number) => void = () => undefined;
  /** What the box gave the keypad for stuck keys (firmware/core/matrix.ts reports them on a real board). */
  stuckHandler: (keys: string) => void = () => undefined;
  private lidHandler: (open: boolean) => void = () => undefined;
  private usbHandler: (chunk: string) => void = () => undefined;
  private serviceHandler: (pressed: boolean) => void = () => undefined;
  private homeHandler: () => void = () => undefined;
  /** The clock read `clockBase` at uptime `clockBaseAt`; it runs with the virtual timers. */
  private clockBase = -1;
  private clockBaseAt = 0;
  /** The DS3231 apart from the microcontroller's clock, once a test or setLocal separates them. */
  private ds3231Base: number | undefined = undefined;
  private ds3231BaseAt = 0;
  private randomState = 1;

  constructor(options: FakeBoardOptions = {}) {
    this.flash = options.flash ?? new NorFlash();
    if (options.clockSeconds !== undefined) this.clockSeconds = options.clockSeconds;
    if (options.ds3231 !== undefined) this.hasDs3231 = options.ds3231;
    if (options.lidOpen !== undefined) this.lidOpen = options.lidOpen;
  }

  /** Box seconds now (-1: not set); setting it is what a DS3231 reset or a test's hand does. */
  get clockSeconds(): number {
    if (this.clockBase < 0) return -1;
    return this.clockBase + Math.floor((this.timers.now - this.clockBaseAt) / 1000);
  }

  set clockSeconds(seconds: number) {
    this.clockBase = seconds;
    this.clockBaseAt = this.timers.now;
  }

  /**
   * Box seconds the DS3231 reads (-1: none fitted, or no time). Until a test sets it (or the box
   * sets the microcontroller's clock alone) it reads what the microcontroller's clock reads: the
   * two agree, as when the DS3231 set the clock at power-up and nothing drifted since.
   */
  get ds3231Seconds(): number {
    if (!this.hasDs3231) return -1;
    if (this.ds3231Base === undefined) return this.clockSeconds;
    if (this.ds3231Base < 0) return -1;
    return this.ds3231Base + Math.floor((this.timers.now - this.ds3231BaseAt) / 1000);
  }

  set ds3231Seconds(seconds: number) {
    this.ds3231Base = seconds;
    this.ds3231BaseAt = this.timers.now;
  }

  /** Milliseconds of virtual time until the clock starts box second `second` (negative: passed). */
  msUntilSecond(second: number): number {
    if (this.clockBase < 0) throw new Error("the fake clock is not set");
    return (second - this.clockBase) * 1000 + this.clockBaseAt - this.timers.now;
  }

  /**
   * The board after the power was off for `offMs`: same flash (restarted, as the cut left it),
   * same lid; the microcontroller's clock is lost (-1) and the DS3231 carries on, at
   * `ds3231Seconds` when given (a DS3231 that lost its own battery or jumped). Timers, uptime
   * and recorded outputs start afresh.
   */
  powerCycle(options: { offMs?: number; ds3231Seconds?: number; serviceHeld?: boolean } = {}): FakeBoard {
    this.flash.restart();
    const now = this.ds3231Seconds;
    const offSeconds = Math.floor((options.offMs ?? 1000) / 1000);
    const ds3231 = !this.hasDs3231 ? -1 : options.ds3231Seconds ?? (now < 0 ? -1 : now + offSeconds);
    // The microcontroller's clock is lost; the box takes the DS3231's time at boot (core clock.ts).
    const next = new FakeBoard({ flash: this.flash, clockSeconds: -1, ds3231: this.hasDs3231, lidOpen: this.lidOpen });
    next.ds3231Seconds = ds3231;
    next.servicePressed = options.serviceHeld ?? false;
    return next;
  }

  board(): Board {
    const timers = this.timers;
    return {
      profile: "fake",
      runtime: "node",
      hasher: nodeHasher,
      keypad: { onScan: (h) => (this.scanHandler = h), onStuck: (h) => (this.stuckHandler = h) },
      coil: {
        pulse: (ms) => this.coilPulses.push({ at: timers.now, ms }),
        release: () => (this.coilReleases += 1),
      },
      lid: { isOpen: () => this.lidOpen, onChange: (h) => (this.lidHandler = h) },
      signals: {
        led: (colour) => this.led.push({ at: timers.now, colour }),
        buzzer: (on) => this.buzzer.push({ at: timers.now, on }),
      },
      clock: {
        now: () => this.clockSeconds,
        set: (s) => {
          this.clockSeconds = s;
          if (this.ds3231Base !== undefined) this.ds3231Seconds = s;
        },
        setLocal: (s) => {
          if (this.ds3231Base === undefined) this.ds3231Seconds = this.ds3231Seconds;
          this.clockSeconds = s;
        },
        readBackup: () => this.ds3231Seconds,
        hasBackup: () => this.hasDs3231,
      },
      timers: { after: (ms, cb) => timers.after(ms, cb), cancel: (id) => timers.cancel(id), uptimeMs: () => timers.now },
      flash: {
        read: (name, offset, length) => this.flash.read(name, offset, length),
        create: (name, size) => this.flash.create(name, size),
        write: (name, offset, data) => this.flash.write(name, offset, data),
        remove: (name) => this.flash.remove(name),
        free: () => this.flash.free(),
      },
      usb: { write: (text) => this.usbOut.push(text), onData: (h) => (this.usbHandler = h) },
      inputs: {
        servicePressed: () => this.servicePressed,
        onService: (h) => (this.serviceHandler = h),
        onHomeOpen: (h) => (this.homeHandler = h),
      },
      outputs: { deliverySignal: (on) => this.deliverySignal.push({ at: timers.now, on }) },
      battery: { millivolts: () => this.batteryMv, levels: () => this.batteryLevels },
      system: {
        // Deterministic but never the same twice, so nonces differ.
        randomBytes: (n) => Buffer.from(Array.from({ length: n }, () => this.nextRandomByte())).toString("latin1"),
        kickWatchdog: () => (this.watchdogKicks += 1),
      },
    };
  }

  /** A linear congruential generator's top byte: repeatable, and nonces never repeat in a test. */
  private nextRandomByte(): number {
    this.randomState = (Math.imul(this.randomState, 1103515245) + 12345) >>> 0;
    return this.randomState >>> 24;
  }

  /** Presses and releases a key the way a finger does: down for 120 ms, scanned every 10 ms. */
  press(key: string): void {
    for (let t = 0; t <= 120; t += 10) {
      this.scanHandler(key, this.timers.now);
      this.timers.advance(10);
    }
    this.scanHandler("", this.timers.now);
    this.timers.advance(150);
  }

  type(keys: string): void {
    for (const key of keys) this.press(key);
  }

  scan(pressed: string): void {
    this.scanHandler(pressed, this.timers.now);
  }

  setLid(open: boolean): void {
    this.lidOpen = open;
    this.lidHandler(open);
  }

  usbIn(text: string): void {
    this.usbHandler(text);
  }

  service(pressed: boolean): void {
    this.servicePressed = pressed;
    this.serviceHandler(pressed);
  }

  homeOpen(): void {
    this.homeHandler();
  }

  /** The longest single coil pulse ever asked for. */
  longestPulse(): number {
    return Math.max(0, ...this.coilPulses.map((p) => p.ms));
  }
}
