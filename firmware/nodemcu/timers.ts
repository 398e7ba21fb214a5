/**
 * The Timers port on NodeMCU's tmr module; uptime from the chip's counter (system-port.ts). It also
 * keeps when each timer is due (`running`), which light sleep reads (light-sleep.ts, ESP32 only):
 * how long the chip may sleep, and how to re-arm the timers afterwards, since NodeMCU pauses tmr
 * alarms in light sleep instead of counting the time asleep.
 */
import type { Timers } from "../core/board";
import type { NodeMcuSystem } from "./system-port";
import { taskEnded } from "./task-end";

/** NodeMCU's tmr takes at most 6870947 ms in one alarm; longer waits are chained in links of this. */
const LONGEST_ALARM_MS = 6800000;

/** @noSelf */
export interface NodeMcuTimers extends Timers {
  /**
   * The armed timers by id. A table, not methods over it: the ESP8266 build, which cannot
   * light-sleep, then carries no code or closures for what only light sleep asks of them.
   */
  readonly running: Record<number, RunningTimer | undefined>;
}

/** @noSelf */
export interface RunningTimer {
  timer: NodeMcuTimer;
  dueMs: number;
  /** Arms the next link of the chain for `left` ms of the wait. */
  arm: (left: number) => void;
}

export function nodeMcuTimers(system: NodeMcuSystem): NodeMcuTimers {
  // Entries are removed by setting them undefined (nil in Lua): `delete` pulls typescript-to-lua's
  // __TS__Delete, and with it its Error classes, into the bundle.
  const running: Record<number, RunningTimer | undefined> = {};
  let nextId = 1;
  return {
    after: (ms: number, callback: () => void): number => {
      const id = nextId;
      nextId = nextId + 1;
      const wait = ms < 1 ? 1 : ms;
      const timer = tmr.create();
      let left = 0;
      const arm = (rest: number): void => {
        left = rest;
        const step = Math.min(left, LONGEST_ALARM_MS);
        left = left - step;
        timer.alarm(step, tmr.ALARM_SINGLE, () => {
          if (left > 0) {
            arm(left);
            return;
          }
          running[id] = undefined;
          callback();
          taskEnded();
        });
      };
      running[id] = { timer: timer, dueMs: system.uptimeMs() + wait, arm: arm };
      arm(wait);
      return id;
    },
    cancel: (id: number): void => {
      const entry = running[id];
      if (entry === undefined) return;
      entry.timer.unregister();
      running[id] = undefined;
    },
    uptimeMs: system.uptimeMs,
    running: running,
  };
}
