/**
 * GPIO on both NodeMCU families: ESP32 (gpio.config, gpio.trig with gpio.INTR_* and a
 * callback(pin, level)) and ESP8266 (gpio.mode, gpio.trig with "up"/"down"/"both"/"none").
 * Everything else in the adapter goes through these functions; each chip's build keeps only its
 * own branch (NODEMCU_CHIP, nodemcu.d.ts).
 */
import { taskEnded } from "./task-end";

/** How setupPin sets a pin up: an input pulled up by the chip, */
export const PULL_UP = 0;
/** an input with no pull of the chip's (its resistor is on the board: the lid's 1 MOhm, profiles.ts), */
export const FLOATING = 1;
/** a push-pull output, */
export const PUSH_PULL = 2;
/** or an open-drain output (keypad rows: 0 pulls the line low, 1 lets it go). */
export const OPEN_DRAIN = 3;

/**
 * Sets `pin` up as `how` says (PULL_UP, FLOATING, PUSH_PULL, OPEN_DRAIN) and writes `level` to an
 * output. One function for the four: each function is a prototype in flash and a closure in heap.
 */
export function setupPin(pin: number, how: number, level: number): void {
  // Each chip's firmware has its own call (main-<chip>.ts starts only where it exists).
  if (NODEMCU_CHIP === "esp32") {
    gpio.config!({ gpio: pin, dir: how < PUSH_PULL ? gpio.IN : gpio.OUT, pull: how === PULL_UP ? gpio.PULL_UP : undefined, opendrain: how === OPEN_DRAIN ? 1 : undefined });
  } else {
    if (how < PUSH_PULL) gpio.mode!(pin, gpio.INT, how === PULL_UP ? gpio.PULLUP : gpio.FLOAT);
    else gpio.mode!(pin, how === PUSH_PULL ? gpio.OUTPUT : gpio.OPENDRAIN);
  }
  if (how >= PUSH_PULL) gpio.write(pin, level);
}

export function isLow(pin: number): boolean {
  return gpio.read(pin) === 0;
}

/** Every watch is on both edges: contacts, and keypad columns (a key down, a stuck key let go). */
export type Edge = "both" | "none";

/** The pins watched now, by gpio number: each one's handler. Light sleep makes them wake-ups (light-sleep.ts). */
export const watchedPins: Record<number, (() => void) | undefined> = {};

/**
 * Whether each watched pin read low when its handler last ran (or when armed). A change whose
 * interrupt task has not run yet shows as the pin differing from it: light sleep wakes at once for
 * that, not at the level after it. Two maps of plain values, not a table per pin (112 bytes each).
 */
export const seenLowPins: Record<number, boolean> = {};

/** Arms (or with "none" disarms) an edge interrupt; `changed` runs from the task queue. */
export function watchEdge(pin: number, edge: Edge, changed: () => void): void {
  if (NODEMCU_CHIP === "esp32") {
    // Only a chip that can wake on a pin (ESP32's gpio.wakeup) needs the two maps and the task end
    // (light-sleep.ts).
    const wakes = gpio.wakeup !== undefined;
    if (wakes) {
      watchedPins[pin] = edge === "none" ? undefined : changed;
      seenLowPins[pin] = isLow(pin);
    }
    if (edge === "none") gpio.trig(pin, gpio.INTR_NONE!);
    else {
      gpio.trig(pin, gpio.INTR_UP_DOWN!, (): void => {
        if (wakes) seenLowPins[pin] = isLow(pin);
        changed();
        taskEnded();
      });
    }
  } else if (edge === "none") {
    gpio.trig(pin, "none");
  } else {
    // ESP8266 NodeMCU (gpio.mode, "both"): no light sleep, so the interrupt runs `changed` itself:
    // a watched pin costs no closure of its own, no upvalues and no entries in the two maps.
    gpio.trig(pin, edge, changed);
  }
}
