/**
 * The lock's coil on ESP32 (main-esp32.ts), whose NodeMCU has no gpio.serout: a pulse timed by a
 * Lua timer, holding light sleep off while the coil is on. ESP8266's is ./coil-serout.ts.
 */
import type { LockCoil } from "../core/board";
import { HOLD_COIL, type LightSleep } from "./light-sleep";
import type { NodeMcuTimers } from "./timers";

export function timerCoil(pin: number, timers: NodeMcuTimers, sleep: LightSleep | undefined): LockCoil {
  const release = (): void => {
    gpio.write(pin, 0);
    if (sleep !== undefined) sleep.hold(HOLD_COIL, false);
  };
  return {
    pulse: (ms: number): void => {
      if (sleep !== undefined) sleep.hold(HOLD_COIL, true);
      gpio.write(pin, 1);
      timers.after(ms, release);
    },
    release: release,
  };
}
