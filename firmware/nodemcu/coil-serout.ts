/**
 * The lock's coil on ESP8266 (main-esp8266.ts): a pulse timed by the hardware timer through
 * gpio.serout. ESP32 NodeMCU has no serout: its coil is ./coil-timer.ts.
 */
import type { LockCoil } from "../core/board";

/**
 * Longest time ESP8266's hardware timer (FRC1: 23-bit count at 5 MHz, about 1.67 s) times in one
 * step of gpio.serout; longer pulses are split.
 */
export const SEROUT_STEP_MAX_US = 1600000;
/** The release between two steps of a split pulse: far too short for the coil to drop out. */
export const SEROUT_GAP_US = 10;

/**
 * gpio.serout's delays for a pulse of `ms`: serout sets the start level, waits the first delay,
 * toggles, waits the next... and leaves the pin as set before the last delay. So a pulse is
 * {high time, 0}; one longer than a timer step is {step, gap, step, gap, ..., rest, 0}.
 */
export function seroutPulseDelays(ms: number): number[] {
  const totalUs = ms * 1000;
  const steps = idiv(totalUs + SEROUT_STEP_MAX_US - 1, SEROUT_STEP_MAX_US);
  const stepUs = idiv(totalUs, steps);
  const delays: number[] = [];
  for (let i = 0; i < steps - 1; i++) {
    delays.push(stepUs);
    delays.push(SEROUT_GAP_US);
  }
  delays.push(totalUs - stepUs * (steps - 1));
  delays.push(0);
  return delays;
}

/**
 * The coil on `pin`, timed by the hardware timer (gpio.serout with a callback, which runs it
 * asynchronously), so the coil is released even if Lua stalls. ESP8266 cannot light-sleep, so
 * nothing is held awake.
 */
/** gpio.serout, looked up at each call (as the firmware's other modules are). Only main-esp8266.ts, which starts on a firmware with gpio.mode, makes this coil: it has serout. */
type Serout = (pin: number, startLevel: number, delaysUs: number[], cycles: number, done: () => void) => void;

export function seroutCoil(pin: number): LockCoil {
  // The callback only makes sure the pin ends low should a sequence ever be cut short.
  const low = (): void => gpio.write(pin, 0);
  return {
    pulse: (ms: number): void => (gpio.serout as Serout)(pin, 1, seroutPulseDelays(ms), 1, low),
    // A new gpio.serout first replaces any sequence still running (one step low, then nothing),
    // so a split pulse cannot switch the coil on again afterwards.
    release: (): void => {
      (gpio.serout as Serout)(pin, 0, [SEROUT_GAP_US], 1, low);
      low();
    },
  };
}
