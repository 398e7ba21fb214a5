/** The Timers port on NodeMCU's tmr module; uptime from the chip's counter (system.ts). */
import type { Timers } from "../core/board";
import type { NodeMcuSystem } from "./system";

/** NodeMCU's tmr takes at most 6870947 ms in one alarm; longer waits are chained in links of this. */
const LONGEST_ALARM_MS = 6800000;

export function nodeMcuTimers(system: NodeMcuSystem): Timers {
  const running: Record<number, NodeMcuTimer> = {};
  let nextId = 1;
  return {
    after: (ms: number, callback: () => void): number => {
      const id = nextId;
      nextId = nextId + 1;
      const timer = tmr.create();
      running[id] = timer;
      let left = ms < 1 ? 1 : ms;
      const arm = (): void => {
        const wait = Math.min(left, LONGEST_ALARM_MS);
        left = left - wait;
        timer.alarm(wait, tmr.ALARM_SINGLE, () => {
          if (left > 0) {
            arm();
            return;
          }
          delete running[id];
          callback();
        });
      };
      arm();
      return id;
    },
    cancel: (id: number): void => {
      const timer = running[id];
      if (timer === undefined) return;
      timer.unregister();
      delete running[id];
    },
    uptimeMs: (): number => system.uptimeMs(),
  };
}
