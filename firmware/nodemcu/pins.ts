/**
 * GPIO on both NodeMCU families: ESP32 (gpio.config) and ESP8266 (gpio.mode). Everything else in
 * the adapter goes through these four functions.
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

export function isLow(pin: number): boolean {
  return gpio.read(pin) === 0;
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
