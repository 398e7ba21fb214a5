/** The Timers port on NodeMCU's tmr module. */
import type { Timers } from "../core/board";

/** Microsecond counter wrap on ESP8266 (2^31), written so 32-bit Lua can hold it: 0x7fffffff. */
const US_MASK = 0x7fffffff;
/** NodeMCU's tmr takes at most 6870947 ms in one alarm; longer waits are chained in links of this. */
const LONGEST_ALARM_MS = 6800000;

export function nodeMcuTimers(): Timers {
  const running: Record<number, NodeMcuTimer> = {};
  let nextId = 1;
  let lastUs = tmr.now();
  let uptimeMs = 0;
  let remainderUs = 0;
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
    // Accumulates the wrapping µs counter; exact while called at least every 35 minutes, which
    // holds whenever durations matter (the box is awake and its timers are running).
    uptimeMs: (): number => {
      const now = tmr.now();
      remainderUs = remainderUs + ((now - lastUs) & US_MASK);
      lastUs = now;
      uptimeMs = uptimeMs + idiv(remainderUs, 1000);
      remainderUs = remainderUs % 1000;
      return uptimeMs;
    },
  };
}
