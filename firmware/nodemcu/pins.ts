/**
 * GPIO on both NodeMCU families: ESP32 (gpio.config, gpio.trig with gpio.INTR_* and a
 * callback(pin, level)) and ESP8266 (gpio.mode, gpio.trig with "up"/"down"/"both"/"none").
 * Everything else in the adapter goes through these functions.
 */

export function inputPullUp(pin: number): void {
  if (gpio.config !== undefined) gpio.config({ gpio: pin, dir: gpio.IN, pull: gpio.PULL_UP });
  else if (gpio.mode !== undefined) gpio.mode(pin, gpio.INT, gpio.PULLUP);
}

export function output(pin: number, level: number): void {
  if (gpio.config !== undefined) gpio.config({ gpio: pin, dir: gpio.OUT });
  else if (gpio.mode !== undefined) gpio.mode(pin, gpio.OUTPUT);
  gpio.write(pin, level);
}

/** An open-drain output (keypad rows): 0 pulls the line low, 1 lets it go. */
export function openDrain(pin: number, level: number): void {
  if (gpio.config !== undefined) gpio.config({ gpio: pin, dir: gpio.OUT, opendrain: 1 });
  else if (gpio.mode !== undefined) gpio.mode(pin, gpio.OPENDRAIN);
  gpio.write(pin, level);
}

export function isLow(pin: number): boolean {
  return gpio.read(pin) === 0;
}

export type Edge = "down" | "both" | "none";

/** Arms (or with "none" disarms) an edge interrupt; `changed` runs from the task queue. */
export function watchEdge(pin: number, edge: Edge, changed: () => void): void {
  if (gpio.INTR_UP_DOWN !== undefined) {
    if (edge === "none") gpio.trig(pin, gpio.INTR_DISABLE);
    else gpio.trig(pin, edge === "down" ? gpio.INTR_DOWN : gpio.INTR_UP_DOWN, () => changed());
  } else if (edge === "none") {
    gpio.trig(pin, "none");
  } else {
    gpio.trig(pin, edge, () => changed());
  }
}

/** Energises `pin` for `ms`: timed by the SDK (gpio.serout) on ESP8266, by a Lua timer otherwise. */
export function pulseHigh(pin: number, ms: number, fallback: (ms: number, done: () => void) => void): void {
  if (gpio.serout !== undefined) {
    gpio.serout(pin, 1, [ms * 1000, 0], 1, () => gpio.write(pin, 0));
    return;
  }
  gpio.write(pin, 1);
  fallback(ms, () => gpio.write(pin, 0));
}
