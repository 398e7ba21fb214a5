/**
 * What the firmware drives for people to see and hear: the two-colour LED, the buzzer and the
 * smart-home delivery output. Each keeps a history of its changes with virtual timestamps, so a
 * test can check a signal pattern after the fact and a view can draw the present. A part wired
 * active low (from +3V3 into the pin, as on the ESP8266's PCF8574) is on while its pin is low.
 */
import type { Level, Pins } from "./pins.ts";

export interface Change<T> {
  atMs: number;
  value: T;
}

/**
 * One pin read as on or off: on while high, or while low when `activeLow`; a floating pin is off
 * either way (no current through the part). History starts with the value at power-up.
 */
export class OutputPin {
  readonly history: Change<boolean>[] = [];

  constructor(
    pins: Pins,
    readonly pin: string,
    now: () => number,
    readonly activeLow = false,
  ) {
    this.history.push({ atMs: now(), value: false });
    pins.onChange((name, level: Level) => {
      if (name !== this.pin) return;
      const value = level === (activeLow ? 0 : 1);
      if (value !== this.on) this.history.push({ atMs: now(), value });
    });
  }

  get on(): boolean {
    return this.history[this.history.length - 1].value;
  }
}

export type LedColour = "off" | "green" | "red" | "amber";

/** The keypad's two-colour LED: green and red together are amber. */
export class Led {
  readonly history: Change<LedColour>[] = [];
  private readonly green: OutputPin;
  private readonly red: OutputPin;

  /** `activeLow`: the pins among the two wired active low. */
  constructor(pins: Pins, greenPin: string, redPin: string, now: () => number, activeLow: readonly string[] = []) {
    this.green = new OutputPin(pins, greenPin, now, activeLow.includes(greenPin));
    this.red = new OutputPin(pins, redPin, now, activeLow.includes(redPin));
    this.history.push({ atMs: now(), value: "off" });
    pins.onChange((name) => {
      if (name !== greenPin && name !== redPin) return;
      const colour = this.colour;
      if (colour !== this.history[this.history.length - 1].value) this.history.push({ atMs: now(), value: colour });
    });
  }

  get colour(): LedColour {
    if (this.green.on && this.red.on) return "amber";
    if (this.green.on) return "green";
    if (this.red.on) return "red";
    return "off";
  }
}
