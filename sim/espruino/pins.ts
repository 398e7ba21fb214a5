/**
 * Espruino's pin functions on the virtual board: pinMode, digitalWrite, digitalRead,
 * digitalPulse (timed by the scheduler like the hardware timer it is on a device: it runs even
 * while the interpreter is busy) and setWatch/clearWatch (edges are queued and run from the main
 * loop, never inside the pin change; debounce waits for the level to hold).
 */
import type { PinMode } from "../state/pins.ts";
import type { EspruinoRuntime } from "./runtime.ts";

/** Espruino's Pin: `new Pin("B3")`; the board's pin names are also globals holding Pins. */
export class Pin {
  readonly name: string;
  constructor(value: unknown) {
    this.name = value instanceof Pin ? value.name : String(value);
  }
  toString(): string {
    return this.name;
  }
}

export type PinArg = Pin | string;

export interface WatchOptions {
  edge?: "rising" | "falling" | "both" | 1 | -1 | 0;
  repeat?: boolean;
  debounce?: number;
}

export interface WatchEvent {
  state: boolean;
  time: number;
  lastTime: number | undefined;
}

interface Watch {
  id: number;
  pin: string;
  fn: (e: WatchEvent) => void;
  edge: "rising" | "falling" | "both";
  repeat: boolean;
  debounce: number;
  state: 0 | 1;
  lastTime: number | undefined;
  debounceTask: number | undefined;
}

const MODES: Record<string, PinMode> = {
  input: "input",
  input_pullup: "input_pullup",
  input_pulldown: "input_pulldown",
  output: "output",
  opendrain: "opendrain",
  opendrain_pullup: "opendrain_pullup",
};

export class EspruinoPins {
  private readonly watches = new Map<number, Watch>();
  private nextWatchId = 1;
  /** Pins whose mode the firmware set with pinMode: digitalWrite/Read no longer change it. */
  private readonly forced = new Set<string>();
  /** When the last queued pulse on each pin ends (pulses queue behind each other). */
  private readonly pulseEnds = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(private readonly rt: EspruinoRuntime) {
    this.unsubscribe = rt.board.pins.onChange((pin) => this.changed(pin));
  }

  /** Detaches from the board (the boot is over). */
  close(): void {
    this.unsubscribe();
  }

  private name(pin: PinArg): string {
    const name = pin instanceof Pin ? pin.name : typeof pin === "string" ? pin : undefined;
    if (name === undefined || !this.rt.board.pins.has(name)) throw new Error(`Invalid pin ${String(pin)}`);
    return name;
  }

  pinMode(pin: PinArg, mode: string): void {
    this.rt.check();
    const name = this.name(pin);
    if (mode === "auto") {
      this.forced.delete(name);
      return;
    }
    const pinMode = MODES[mode];
    if (!pinMode) throw new Error(`Unknown pin mode ${mode}`);
    this.forced.add(name);
    this.rt.board.pins.setMode(name, pinMode);
  }

  getPinMode(pin: PinArg): string {
    this.rt.check();
    return this.rt.board.pins.mode(this.name(pin));
  }

  /** digitalWrite(pin, value), or an array of pins with the first pin as the highest bit. */
  digitalWrite(pin: PinArg | PinArg[], value: number | boolean): void {
    this.rt.check();
    if (Array.isArray(pin)) {
      pin.forEach((p, i) => this.digitalWrite(p, (Number(value) >> (pin.length - 1 - i)) & 1));
      return;
    }
    const name = this.name(pin);
    const pins = this.rt.board.pins;
    if (!this.forced.has(name) && pins.mode(name) !== "output") pins.setMode(name, "output");
    pins.write(name, value ? 1 : 0);
  }

  digitalRead(pin: PinArg | PinArg[]): number {
    this.rt.check();
    if (Array.isArray(pin)) return pin.reduce((acc: number, p) => (acc << 1) | this.digitalRead(p), 0);
    const name = this.name(pin);
    const pins = this.rt.board.pins;
    if (!this.forced.has(name) && pins.mode(name) === "output") pins.setMode(name, "input");
    return pins.read(name);
  }

  /** Drives `value` for `ms`, then the opposite; an array alternates. Queues behind a running pulse. */
  digitalPulse(pin: PinArg, value: number | boolean, ms: number | number[]): void {
    this.rt.check();
    const name = this.name(pin);
    const times = Array.isArray(ms) ? ms : [ms];
    if (times.some((t) => !(t >= 0))) throw new Error("digitalPulse: bad time");
    const pins = this.rt.board.pins;
    const scheduler = this.rt.board.scheduler;
    if (!this.forced.has(name) && pins.mode(name) !== "output") pins.setMode(name, "output");
    let at = Math.max(scheduler.nowMs, this.pulseEnds.get(name) ?? 0);
    let level: 0 | 1 = value ? 1 : 0;
    const set = (l: 0 | 1) => () => {
      if (this.rt.alive) pins.write(name, l);
    };
    if (at === scheduler.nowMs) pins.write(name, level);
    else scheduler.at(at, set(level), this.rt.owner);
    for (const t of times) {
      at += t;
      level = level === 1 ? 0 : 1;
      scheduler.at(at, set(level), this.rt.owner);
    }
    this.pulseEnds.set(name, at);
  }

  setWatch(fn: (e: WatchEvent) => void, pin: PinArg, options: WatchOptions | undefined): number {
    this.rt.check();
    if (typeof fn !== "function") throw new Error("setWatch: function expected");
    const name = this.name(pin);
    const edgeOption = options?.edge ?? "both";
    const edge = edgeOption === 1 ? "rising" : edgeOption === -1 ? "falling" : edgeOption === 0 ? "both" : edgeOption;
    const id = this.nextWatchId++;
    this.watches.set(id, {
      id,
      pin: name,
      fn,
      edge,
      repeat: options?.repeat ?? false,
      debounce: options?.debounce ?? 0,
      state: this.rt.board.pins.read(name),
      lastTime: undefined,
      debounceTask: undefined,
    });
    return id;
  }

  /** clearWatch(id); with no id, clears every watch. */
  clearWatch(id?: number): void {
    this.rt.check();
    const ids = id === undefined ? [...this.watches.keys()] : [id];
    for (const each of ids) {
      const watch = this.watches.get(each);
      if (!watch) {
        if (id !== undefined) throw new Error(`Unknown Watch ${id}`);
        continue;
      }
      if (watch.debounceTask !== undefined) this.rt.board.scheduler.cancel(watch.debounceTask);
      this.watches.delete(each);
    }
  }

  watchCount(): number {
    return this.watches.size;
  }

  private changed(pin: string): void {
    if (!this.rt.alive) return;
    for (const watch of this.watches.values()) {
      if (watch.pin !== pin) continue;
      if (watch.debounce > 0) {
        if (watch.debounceTask !== undefined) this.rt.board.scheduler.cancel(watch.debounceTask);
        watch.debounceTask = this.rt.board.scheduler.after(watch.debounce, () => this.settled(watch), this.rt.owner);
      } else this.settled(watch);
    }
  }

  /** The pin's level held (or no debounce): queue the event if it is a wanted edge. */
  private settled(watch: Watch): void {
    watch.debounceTask = undefined;
    const state = this.rt.board.pins.read(watch.pin);
    if (state === watch.state) return;
    watch.state = state;
    const wanted = watch.edge === "both" || (watch.edge === "rising" ? state === 1 : state === 0);
    if (!wanted) return;
    const time = this.rt.board.rtc.nowMs() / 1000;
    const event: WatchEvent = { state: state === 1, time, lastTime: watch.lastTime };
    watch.lastTime = time;
    if (!watch.repeat) this.watches.delete(watch.id);
    // Queued: the handler runs from the main loop, and not at all if the watch is cleared first.
    this.rt.queue(0, () => {
      if (watch.repeat && !this.watches.has(watch.id)) return;
      watch.fn(event);
    });
  }
}
