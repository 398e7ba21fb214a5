/**
 * ESP32 light sleep as NodeMCU's dev-esp32 firmware offers it (docs/modules/node.md, node.sleep;
 * gpio.md, gpio.wakeup; uart.md, uart.wakeup):
 *
 * - node.sleep{secs, us, gpio, uart, touch, ulp} blocks until a configured source wakes the chip
 *   and returns the cause (node.wakeup.TIMER / GPIO / UART ...). With no source it never returns.
 * - Only the sources passed wake it: the timer when secs/us are given, GPIOs marked with
 *   gpio.wakeup at their level when gpio = true, UART 0 or 1 when listed (after uart.wakeup set a
 *   threshold of rising edges on RX).
 * - tmr timers are paused, not advanced; the system time (time.get, node.uptime) runs on.
 * - While asleep no interrupt or task runs: edges on pins are not seen, and bytes arriving on a
 *   UART that is not a wake source are lost.
 * - UART wake: the byte that completes the threshold is consumed, with every byte before it, and
 *   ESP-IDF warns that "depending on the baud rate, a few characters after that will also not be
 *   received". Emulated as UART_WAKE_LOST_AFTER more bytes lost (an assumption: about 1 ms of wake-up
 *   at 115200 baud). Touch and ULP wake-ups are not emulated (an error).
 *
 * The boot's callbacks run as coroutines on ESP32 (modules/host.lua), so node.sleep can yield to
 * the host, which resumes it at the wake-up. The time asleep is recorded for the power meter.
 */
import { intArg, type NodeMcuBoot } from "./boot.ts";
import type { GpioWake } from "./gpio.ts";
import type { TimerView } from "./tmr.ts";

/** node.wakeup values: ESP-IDF's esp_sleep_source_t, which node.sleep returns. */
export const WAKE_TIMER = 4;
export const WAKE_GPIO = 7;
export const WAKE_UART = 8;
/** uart_set_wakeup_threshold's range. */
const THRESHOLD_MIN = 3;
const THRESHOLD_MAX = 0x3ff;
/** Bytes after the waking one that are lost while the chip wakes (assumption, see above). */
export const UART_WAKE_LOST_AFTER = 11;

/** One stretch of light sleep, virtual ms. */
export interface SleepSpan {
  startMs: number;
  /** Undefined while still asleep. */
  endMs: number | undefined;
  /** The wake cause (WAKE_*), or -1 when the boot ended asleep (power cut). */
  reason: number;
}

/** Every light sleep of a board's NodeMCU boots, for the power meter and tests. */
export class SleepRecord {
  readonly spans: SleepSpan[] = [];
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly now: () => number) {}

  get asleep(): boolean {
    const last = this.spans[this.spans.length - 1];
    return last !== undefined && last.endMs === undefined;
  }

  /** Times the chip woke up (not counting boots that ended asleep). */
  get wakeUps(): number {
    return this.spans.filter((s) => s.endMs !== undefined && s.reason >= 0).length;
  }

  /** Milliseconds asleep inside [fromMs, toMs). */
  asleepMs(fromMs: number, toMs: number): number {
    let total = 0;
    for (const s of this.spans) {
      const end = Math.min(s.endMs ?? toMs, toMs);
      const start = Math.max(s.startMs, fromMs);
      if (end > start) total += end - start;
    }
    return total;
  }

  /** `listener` runs at every fall asleep and wake-up; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  begin(): void {
    this.spans.push({ startMs: this.now(), endMs: undefined, reason: 0 });
    for (const l of this.listeners) l();
  }

  end(reason: number): void {
    const last = this.spans[this.spans.length - 1];
    if (last === undefined || last.endMs !== undefined) return;
    last.endMs = this.now();
    last.reason = reason;
    for (const l of this.listeners) l();
  }
}

/** Rising edges a byte makes on an 8N1 line idling high: start bit 0, data LSB first, stop bit 1. */
export function risingEdges(byte: number): number {
  let edges = 0;
  let previous = 0;
  for (let i = 0; i < 9; i++) {
    const bitValue = i < 8 ? (byte >> i) & 1 : 1;
    if (previous === 0 && bitValue === 1) edges++;
    previous = bitValue;
  }
  return edges;
}

/** What the modules ask of light sleep. */
export interface ChipSleep {
  /** A wake pin reached its level while asleep. */
  gpioLevel(): void;
  /** Bytes arrived on UART `id` while asleep: returns those the UART receives after waking. */
  uartWhileAsleep(id: number, chunk: string): string;
}

export function installSleep(boot: NodeMcuBoot, timers: TimerView, gpio: GpioWake, record: SleepRecord): ChipSleep {
  const scheduler = boot.board.scheduler;
  const thresholds = new Map<number, number>();
  let current: { gpio: boolean; uarts: number; timerTask: number | undefined; edges: number; waking: boolean } | undefined;

  const wake = (reason: number): void => {
    if (current === undefined) return;
    if (current.timerTask !== undefined) scheduler.cancel(current.timerTask);
    current = undefined;
    boot.sleeping = false;
    record.end(reason);
    timers.resume();
    gpio.afterWake();
    boot.wake(reason);
  };
  // The wake-up is the chip's, not a task of the (paused) queue.
  const wakeSoon = (reason: number, ms: number): number => scheduler.after(ms, () => boot.alive && wake(reason), boot.owner);

  boot.onEnd(() => {
    if (current === undefined) return;
    if (current.timerTask !== undefined) scheduler.cancel(current.timerTask);
    current = undefined;
    record.end(-1);
  });

  /** A source fired: the chip wakes as a task of its own, never inside the pin change or the USB write. */
  const startWaking = (reason: number): void => {
    if (current === undefined || current.waking) return;
    current.waking = true;
    if (current.timerTask !== undefined) scheduler.cancel(current.timerTask);
    current.timerTask = wakeSoon(reason, 0);
  };

  const sleep: ChipSleep = {
    gpioLevel: () => {
      if (current?.gpio === true) startWaking(WAKE_GPIO);
    },
    uartWhileAsleep: (id, chunk) => {
      if (current === undefined) return chunk;
      const threshold = thresholds.get(id);
      // Not a wake source, or already waking up: the UART is not receiving.
      if ((current.uarts & (1 << id)) === 0 || threshold === undefined || current.waking) return "";
      for (let i = 0; i < chunk.length; i++) {
        current.edges += risingEdges(chunk.charCodeAt(i) & 0xff);
        if (current.edges >= threshold) {
          startWaking(WAKE_UART);
          return chunk.slice(i + 1 + UART_WAKE_LOST_AFTER);
        }
      }
      return "";
    },
  };

  boot.register("__host_node_sleep", (secs, us, gpioOn, uarts) => {
    if (current !== undefined) throw new Error("node.sleep: already asleep");
    const ms = intArg(secs, "node.sleep") * 1000 + Math.floor(intArg(us, "node.sleep") / 1000);
    const mask = intArg(uarts, "node.sleep");
    for (let id = 0; id < 2; id++) {
      if ((mask & (1 << id)) !== 0 && !thresholds.has(id)) throw new Error(`node.sleep: uart.wakeup(${id}, n) must set the threshold before UART ${id} can wake the chip`);
    }
    current = { gpio: gpioOn === "1", uarts: mask, timerTask: undefined, edges: 0, waking: false };
    boot.sleeping = true;
    record.begin();
    timers.pause();
    if (ms > 0 || intArg(us, "node.sleep") > 0) current.timerTask = wakeSoon(WAKE_TIMER, ms);
    // A wake pin already at its level wakes the chip at once (level-triggered).
    if (current.gpio && gpio.wakeLevelPresent()) startWaking(WAKE_GPIO);
    return undefined;
  });
  boot.register("__host_uart_wakeup", (id, value) => {
    const n = intArg(id, "uart.wakeup");
    const threshold = intArg(value, "uart.wakeup");
    if (n < 0 || n > 2) throw new Error("invalid uart id");
    if (threshold < THRESHOLD_MIN || threshold > THRESHOLD_MAX) throw new Error("invalid argument");
    thresholds.set(n, threshold);
    return undefined;
  });
  boot.sleep = sleep;
  return sleep;
}
