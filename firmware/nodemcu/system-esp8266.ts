/** The NodeMCU system services on ESP8266: tmr.now, node.random, rtctime (main-esp8266.ts hands them to the box). */
import type { NodeMcuSystem } from "./system-port";

/** tmr.now() wraps at 2^31 µs on ESP8266; 0x7fffffff so 32-bit Lua can hold the mask. */
const US_MASK = 0x7fffffff;

export function esp8266System(): NodeMcuSystem {
  let lastUs = tmr.now();
  let uptimeMs = 0;
  let remainderUs = 0;
  return {
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
    randomBytes: (count: number): string => {
      const parts: string[] = [];
      for (let i = 0; i < count; i++) parts.push(String.fromCharCode(node.random(0, 255)));
      return parts.join("");
    },
    rtcSeconds: (): number => {
      const now = rtctime.get();
      return now[0];
    },
    setRtc: (seconds: number): void => rtctime.set(seconds, 0),
  };
}
