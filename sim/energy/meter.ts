/**
 * The power meter: watches a virtual board and adds up how long each part of it drew current.
 * It knows no currents (those are the power profiles', ./profiles.ts); it measures time:
 *
 * - the microcontroller's state between events: "asleep" (nothing of the runtime due within
 *   `sleepGuardMs`, no coil pulse running, USB unplugged: what Espruino needs to enter STM32 stop
 *   mode, PLATFORMS.md) or "awake" (waiting for a timer that is due soon, or busy);
 * - wake-ups: runtime callbacks that start while the board was asleep, and every callback run;
 * - each pulled-up input held low (a pressed key's column, a shut lid's reed switch), which
 *   draws current through its pull-up resistor for as long as it is low;
 * - how long the DS3231 module is powered: while the board is, or, on a board that feeds it from
 *   a pin (the profile's `rtcPower`), while that pin is high;
 * - LED, buzzer and coil on-time, read from the parts' own histories (sim/state).
 *
 * The CPU time a callback takes on a real chip cannot be seen in the simulator; the model
 * (./model.ts) estimates it from the callback and HMAC counts.
 */
import type { TaskRun } from "../state/scheduler.ts";
import type { VirtualBoard } from "../state/board.ts";
import type { Change } from "../state/outputs.ts";

/** Espruino on STM32 stays out of deep sleep when a timer is due sooner than this (PLATFORMS.md). */
export const SLEEP_GUARD_MS = 1500;

/** A chip that reports its own sleep (NodeMCU ESP32's light sleep, sim/nodemcu/sleep.ts). */
export interface ChipSleepSource {
  readonly asleep: boolean;
  /** Runs `listener` at every fall asleep and wake-up; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export interface MeterOptions {
  /** A runtime task due within this keeps the board awake; default SLEEP_GUARD_MS. */
  sleepGuardMs?: number;
  /**
   * The firmware puts the chip to sleep itself: asleep is exactly when the chip says so, and a
   * wake-up is each time it wakes (instead of Espruino's rule above, judged from the timers).
   */
  chipSleep?: ChipSleepSource;
  /**
   * Judge sleep as if the USB cable were unplugged (Espruino's rule otherwise keeps a plugged-in
   * board awake): for scenarios, whose reader talks over USB only between the stretches metered.
   */
  asOnBattery?: boolean;
}

/** What a meter saw over its window, in milliseconds and counts. */
export interface EnergyTally {
  /** Window length, and the part of it the board was powered. */
  windowMs: number;
  poweredMs: number;
  asleepMs: number;
  awakeMs: number;
  /** Runtime callbacks that started while the board was asleep. */
  wakeUps: number;
  /** Every runtime callback run (timers, pin events, serial). */
  callbacks: number;
  /** Pulled-up inputs held low: internal pull-ups, the board's 10 kOhm ones and its 1 MOhm ones (the lid), in pin-ms. */
  internalPullUpLowMs: number;
  externalPullUpLowMs: number;
  weakPullUpLowMs: number;
  /** How long the DS3231 module had power from the board. */
  rtcPoweredMs: number;
  /** Per LED colour element: green and red each count while lit (amber lights both). */
  greenMs: number;
  redMs: number;
  buzzerMs: number;
  coilMs: number;
  coilPulses: number;
}

/** Milliseconds `history` spent at `on(value)` inside [fromMs, toMs). */
/** A tally with nothing counted yet. */
export function emptyTally(): EnergyTally {
  return {
    windowMs: 0,
    poweredMs: 0,
    asleepMs: 0,
    awakeMs: 0,
    wakeUps: 0,
    callbacks: 0,
    internalPullUpLowMs: 0,
    externalPullUpLowMs: 0,
    weakPullUpLowMs: 0,
    rtcPoweredMs: 0,
    greenMs: 0,
    redMs: 0,
    buzzerMs: 0,
    coilMs: 0,
    coilPulses: 0,
  };
}

export function onTimeMs<T>(history: readonly Change<T>[], on: (value: T) => boolean, fromMs: number, toMs: number): number {
  let total = 0;
  for (let i = 0; i < history.length; i++) {
    if (!on(history[i].value)) continue;
    const start = Math.max(history[i].atMs, fromMs);
    const end = Math.min(i + 1 < history.length ? history[i + 1].atMs : toMs, toMs);
    if (end > start) total += end - start;
  }
  return total;
}

export class PowerMeter {
  private readonly startMs: number;
  private readonly guardMs: number;
  private lastMs: number;
  private asleep = false;
  /** Whether the board was powered when the current segment began. */
  private wasPowered = false;
  private internalLow = 0;
  private externalLow = 0;
  private weakLow = 0;
  private rtcOn = false;
  private readonly tally: EnergyTally;
  private readonly stops: (() => void)[] = [];
  private readonly boundary = (): void => this.mark();
  private readonly power = (): void => this.powerChanged();
  private readonly chipSleep: ChipSleepSource | undefined;
  private readonly asOnBattery: boolean;

  constructor(
    readonly board: VirtualBoard,
    options: MeterOptions = {},
  ) {
    this.guardMs = options.sleepGuardMs ?? SLEEP_GUARD_MS;
    this.chipSleep = options.chipSleep;
    this.asOnBattery = options.asOnBattery === true;
    this.startMs = board.scheduler.nowMs;
    this.lastMs = this.startMs;
    this.tally = emptyTally();
    this.stops.push(board.scheduler.observeRuns((run) => this.taskRun(run)));
    if (this.chipSleep !== undefined) this.stops.push(this.chipSleep.onChange(() => this.chipSleepChanged()));
    this.stops.push(board.pins.onChange(this.boundary));
    board.on("powerOn", this.power);
    board.on("powerOff", this.power);
    this.stops.push(() => {
      board.off("powerOn", this.power);
      board.off("powerOff", this.power);
    });
    this.wasPowered = board.powered;
    this.evaluateSleep();
    this.evaluatePins();
  }

  private taskRun(run: TaskRun): void {
    const runtime = run.owner === this.board.runtimeOwner && this.board.powered;
    if (run.phase === "start") {
      // The running task has left the queue already: judge by the state before it started.
      this.integrate();
      if (!runtime) return;
      this.tally.callbacks++;
      // A chip that sleeps itself wakes before any callback of its runs (chipSleepChanged).
      if (this.chipSleep !== undefined) return;
      if (this.asleep) this.tally.wakeUps++;
      // Running a callback is being awake, whatever the timers say.
      this.asleep = false;
      return;
    }
    this.integrate();
    // Only the runtime's own callbacks change what it has due. A world event (a key, the lid)
    // that queues a runtime callback is what wakes a sleeping board: judged at that callback.
    if (runtime) this.evaluateSleep();
    this.evaluatePins();
  }

  /** The chip fell asleep or woke up. */
  private chipSleepChanged(): void {
    this.integrate();
    const was = this.asleep;
    this.evaluateSleep();
    if (was && !this.asleep && this.board.powered) this.tally.wakeUps++;
  }

  /** A pin changed (a key, the lid): closes the segment and re-reads the pulled-up inputs. */
  private mark(): void {
    this.integrate();
    this.evaluatePins();
  }

  /** Power changed: nothing draws while off; after a boot, sleep is judged by what the boot left due. */
  private powerChanged(): void {
    this.integrate();
    this.wasPowered = this.board.powered;
    this.evaluateSleep();
    this.evaluatePins();
  }

  /** Adds the time since the last event to the state that held during it. */
  private integrate(): void {
    const now = this.board.scheduler.nowMs;
    const dt = now - this.lastMs;
    if (dt > 0 && this.wasPowered) {
      this.tally.poweredMs += dt;
      if (this.asleep) this.tally.asleepMs += dt;
      else this.tally.awakeMs += dt;
      this.tally.internalPullUpLowMs += dt * this.internalLow;
      this.tally.externalPullUpLowMs += dt * this.externalLow;
      this.tally.weakPullUpLowMs += dt * this.weakLow;
      if (this.rtcOn) this.tally.rtcPoweredMs += dt;
    }
    this.lastMs = now;
  }

  private evaluateSleep(): void {
    const board = this.board;
    if (!board.powered) {
      this.asleep = false;
      return;
    }
    if (this.chipSleep !== undefined) {
      this.asleep = this.chipSleep.asleep;
      return;
    }
    const now = board.scheduler.nowMs;
    this.asleep = (this.asOnBattery || !board.usb.connected) && !board.coil.energised && board.scheduler.pendingBefore(now + this.guardMs, board.runtimeOwner) === 0;
  }

  private evaluatePins(): void {
    const board = this.board;
    this.wasPowered = board.powered;
    let internal = 0;
    let external = 0;
    let weak = 0;
    const rtcPin = board.profile.pins.rtcPower;
    this.rtcOn = board.powered && (rtcPin === "" || board.pins.level(rtcPin) === 1);
    if (board.powered) {
      const externals = board.profile.externalPullUps;
      const lid = board.profile.pins.lid;
      // A PCF8574's pins pulling low switch their weak pull-up off: no steady current there.
      const expander = board.profile.expander?.pinPrefix;
      for (const pin of board.pins.names()) {
        if (board.pins.level(pin) !== 0) continue;
        if (expander !== undefined && pin.startsWith(expander)) continue;
        const mode = board.pins.mode(pin);
        if (mode === "input_pullup" || mode === "opendrain_pullup") internal++;
        else if (externals.includes(pin) && !board.pins.isDriven(pin)) external++;
        else if (pin === lid && !board.pins.isDriven(pin)) weak++;
      }
    }
    this.internalLow = internal;
    this.externalLow = external;
    this.weakLow = weak;
  }

  /** What the meter has seen from its start until now. */
  read(): EnergyTally {
    this.mark();
    const board = this.board;
    const now = board.scheduler.nowMs;
    const t = { ...this.tally, windowMs: now - this.startMs };
    t.greenMs = onTimeMs(board.led.history, (c) => c === "green" || c === "amber", this.startMs, now);
    t.redMs = onTimeMs(board.led.history, (c) => c === "red" || c === "amber", this.startMs, now);
    t.buzzerMs = onTimeMs(board.buzzer.history, (on) => on, this.startMs, now);
    let coilMs = 0;
    let pulses = 0;
    for (const pulse of board.coil.pulses) {
      const end = pulse.endMs ?? now;
      const start = Math.max(pulse.startMs, this.startMs);
      if (end <= this.startMs) continue;
      pulses++;
      coilMs += Math.min(end, now) - start;
    }
    t.coilMs = coilMs;
    t.coilPulses = pulses;
    return t;
  }

  /** Stops watching the board; safe to call twice. */
  close(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}
