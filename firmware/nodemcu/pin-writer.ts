/**
 * Writes the box's output pins wherever they are: chip pins with gpio.write, expander pins
 * (ESP8266) through the PCF8574 driver, all of a group's expander pins in one I2C write, so a
 * keypad row select is one write and the LED changes colour without passing through another.
 * Levels are logical: 1 is on (a row: released). A pin wired active low (profiles.ts
 * activeLowOutputs, every output on the ESP8266's PCF8574) gets the opposite electrical level,
 * so board.ts and the core never learn which way a part is wired.
 */
import type { Pcf8574 } from "../core/drivers/pcf8574";
import { pinActiveLow, pinBit, pinGpio, type NodeMcuPin } from "./pin-map";
import { OPEN_DRAIN, PUSH_PULL, setupPin } from "./pins";

/** @noSelf */
export interface PinWriter {
  /** Sets `pins[i]` to logical level `levels[i]` (0 off, 1 on). */
  set(pins: NodeMcuPin[], levels: number[]): void;
  /** Makes a chip pin a push-pull output at logical `level`; expander pins need no setup (see main.ts). */
  setupOutput(pin: NodeMcuPin, level: number): void;
  /** Makes a chip pin an open-drain output at `level` (keypad rows). */
  setupOpenDrain(pin: NodeMcuPin, level: number): void;
}

/** The level to put on the wire for logical `level` (0 or 1). */
function electrical(pin: NodeMcuPin, level: number): number {
  const on = level !== 0;
  return on !== pinActiveLow(pin) ? 1 : 0;
}

/**
 * `expander` is undefined on boards without one, and also when the chip did not answer at boot:
 * then its pins stay as they are (released) and the rest of the box keeps working.
 */
export function pinWriter(expander: Pcf8574 | undefined): PinWriter {
  return {
    set: (pins: NodeMcuPin[], levels: number[]): void => {
      let mask = 0;
      let bits = 0;
      for (let i = 0; i < pins.length; i++) {
        const pin = pins[i];
        const level = electrical(pin, levels[i]);
        // The expander is the ESP8266's only (NODEMCU_CHIP, nodemcu.d.ts): ESP32's file writes chip pins.
        if (NODEMCU_CHIP === "esp8266") {
          const bit = pinBit(pin);
          if (bit >= 0) {
            mask = mask | (1 << bit);
            if (level !== 0) bits = bits | (1 << bit);
            continue;
          }
        }
        gpio.write(pinGpio(pin), level);
      }
      if (NODEMCU_CHIP === "esp8266") {
        if (mask !== 0 && expander !== undefined) expander.update(mask, bits);
      }
    },
    setupOutput: (pin: NodeMcuPin, level: number): void => {
      if (NODEMCU_CHIP === "esp8266") {
        if (pinBit(pin) >= 0) return;
      }
      setupPin(pinGpio(pin), PUSH_PULL, electrical(pin, level));
    },
    setupOpenDrain: (pin: NodeMcuPin, level: number): void => {
      if (NODEMCU_CHIP === "esp8266") {
        if (pinBit(pin) >= 0) return;
      }
      setupPin(pinGpio(pin), OPEN_DRAIN, level);
    },
  };
}
