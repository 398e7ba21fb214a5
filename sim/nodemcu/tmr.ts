/**
 * NodeMCU's tmr module on the board's virtual clock: each started timer is one task on the boot's
 * queue, so an idle box (no timer started) has nothing scheduled at all. tmr.now exists on
 * ESP8266 only: ESP32's firmware has no such function.
 */
import { intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";
import type { NodeMcuChip } from "../../firmware/boards/nodemcu-firmware.ts";

/** NodeMCU's mode numbers (tmr.c: TIMER_MODE_SINGLE 0, TIMER_MODE_AUTO 1, TIMER_MODE_SEMI 2). */
const ALARM_SINGLE = 0;
const ALARM_AUTO = 1;
/** tmr.now() wraps here, like ESP8266's 31-bit microsecond counter. */
const NOW_WRAP = 2 ** 31;

interface Timer {
  ms: number;
  mode: number;
  callback: number;
  /** The scheduler task while running. */
  task: number | undefined;
  /** When the running task is due, virtual ms. */
  dueMs: number;
  /** Light sleep paused the timer with this much left (undefined when not paused). */
  pausedMs: number | undefined;
}

/** tmr.now(): microseconds since boot on the 31-bit counter, the base of gpio.trig's `when` too. */
export function tmrNowUs(boot: NodeMcuBoot): number {
  return Math.floor(boot.board.uptimeMs() * 1000) % NOW_WRAP;
}

export interface TimerView {
  /** Timers started and not yet fired or stopped. */
  running(): number;
  /**
   * ESP32 light sleep: "timers created with tmr will not fire during light sleep, and the time
   * spent sleeping is not factored in to their remaining time after wakeup" (NodeMCU's node.sleep).
   */
  pause(): void;
  resume(): void;
}

export function installTmr(boot: NodeMcuBoot, chip: NodeMcuChip): TimerView {
  const scheduler = boot.board.scheduler;
  const timers = new Map<number, Timer | undefined>();
  let nextId = 1;

  const stop = (id: number): boolean => {
    const timer = timers.get(id);
    if (timer !== undefined && timer.pausedMs !== undefined) {
      timer.pausedMs = undefined;
      return true;
    }
    if (timer?.task === undefined) return false;
    scheduler.cancel(timer.task);
    timer.task = undefined;
    return true;
  };
  const start = (id: number, delayMs?: number): boolean => {
    const timer = timers.get(id);
    if (timer === undefined) return false;
    stop(id);
    timer.pausedMs = undefined;
    const wait = delayMs ?? timer.ms;
    timer.dueMs = scheduler.nowMs + wait;
    timer.task = boot.queueTask(wait, () => {
      timer.task = undefined;
      if (timer.mode === ALARM_SINGLE) {
        timers.set(id, undefined);
        boot.runOnce("tmr", timer.callback);
        return;
      }
      if (timer.mode === ALARM_AUTO) start(id);
      boot.runNow("tmr", timer.callback);
    });
    return true;
  };

  boot.register("__host_tmr_create", () => {
    const id = nextId++;
    timers.set(id, undefined);
    return id;
  });
  boot.register("__host_tmr_register", (id, ms, mode, callback) => {
    const n = intArg(id, "tmr.register");
    const interval = intArg(ms, "tmr.register");
    if (interval < 1 || interval > 6870947) throw new Error(`tmr: interval ${interval} ms is out of range`);
    stop(n);
    timers.set(n, { ms: interval, mode: intArg(mode, "tmr.register"), callback: intArg(callback, "tmr.register"), task: undefined, dueMs: 0, pausedMs: undefined });
    return undefined;
  });
  boot.register("__host_tmr_start", (id) => start(intArg(id, "tmr.start")));
  boot.register("__host_tmr_stop", (id) => stop(intArg(id, "tmr.stop")));
  boot.register("__host_tmr_interval", (id, ms) => {
    const n = intArg(id, "tmr.interval");
    const timer = timers.get(n);
    if (timer === undefined) return undefined;
    timer.ms = intArg(ms, "tmr.interval");
    if (timer.task !== undefined) start(n);
    return undefined;
  });
  boot.register("__host_tmr_unregister", (id) => {
    const n = intArg(id, "tmr.unregister");
    stop(n);
    timers.set(n, undefined);
    return undefined;
  });
  boot.register("__host_tmr_running", (id) => {
    const timer = timers.get(intArg(id, "tmr.state"));
    return timer === undefined ? -1 : timer.task === undefined ? 0 : 1;
  });
  if (chip === "esp8266") boot.register("__host_tmr_now", () => tmrNowUs(boot));
  boot.register("__host_tmr_wdclr", () => {
    boot.watchdogKicks++;
    return undefined;
  });
  boot.vm.run(luaModuleSource("tmr"), "tmr.lua");
  return {
    running: () => [...timers.values()].filter((t) => t?.task !== undefined || t?.pausedMs !== undefined).length,
    pause: () => {
      for (const timer of timers.values()) {
        if (timer?.task === undefined) continue;
        scheduler.cancel(timer.task);
        timer.task = undefined;
        timer.pausedMs = Math.max(0, timer.dueMs - scheduler.nowMs);
      }
    },
    resume: () => {
      for (const [id, timer] of timers) {
        if (timer?.pausedMs !== undefined) start(id, timer.pausedMs);
      }
    },
  };
}
