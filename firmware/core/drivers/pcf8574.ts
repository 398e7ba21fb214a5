/**
 * The PCF8574 8-bit I2C port expander, portable, over the same tiny I2C port as the DS3231
 * (./i2c-port.ts). Boards short of pins (the ESP8266 profile) put the keypad rows and the slow
 * outputs on it.
 *
 * The chip has no direction register: every pin is quasi-bidirectional. Writing 1 releases the pin
 * to a weak pull-up (so it reads whatever pulls it, and can serve as an input or an open-drain
 * high); writing 0 drives it low. Each write sets all eight pins at once, so the driver keeps a
 * shadow of the byte last written and changes only the pins it is asked to: setting the buzzer
 * never disturbs a keypad row.
 */
import type { I2cPort } from "./i2c-port";

/** Address with A2-A0 tied low (0x20); the PCF8574A starts at 0x38 instead. */
export const PCF8574_ADDRESS = 32;

/**
 * What the box does with the chip: it only ever writes (the ESP8266's keypad columns and inputs
 * are on the microcontroller's own pins), so the driver has no read, and no single-pin write
 * beside the group one. @noSelf
 */
export interface Pcf8574 {
  /** Sets the pins in `mask` to the matching bits of `levels` (1 released, 0 low) in one write, keeping the others; false on no answer. */
  update(mask: number, levels: number): boolean;
}

/**
 * The PCF8574 at `address` on `port`, with its pins set to `initial` at once (a chip powers up
 * with every pin released), or undefined when nothing answers there.
 */
export function connectPcf8574(port: I2cPort, address: number, initial: number): Pcf8574 | undefined {
  let shadow = initial & 255;
  if (port(address, [shadow], 0) === undefined) return undefined;
  return {
    update: (mask: number, levels: number): boolean => {
      shadow = (shadow & (255 ^ (mask & 255))) | (levels & mask & 255);
      return port(address, [shadow], 0) !== undefined;
    },
  };
}
