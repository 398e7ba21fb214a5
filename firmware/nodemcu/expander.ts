/**
 * The ESP8266's PCF8574 port expander (main-esp8266.ts), connected with the byte it starts from.
 * The ESP32 board has no expander: none of this is in its build.
 */
import type { I2cPort } from "../core/drivers/i2c-port";
import { connectPcf8574, type Pcf8574 } from "../core/drivers/pcf8574";
import { pinActiveLow, pinBit, type NodeMcuPin, type NodeMcuPins } from "./pin-map";

/** The pin's bit in the expander's byte, 0 for a chip pin. */
function bitOf(pin: NodeMcuPin): number {
  const bit = pinBit(pin);
  return bit >= 0 ? 1 << bit : 0;
}

/**
 * The expander's byte at boot: keypad rows low (the idle state, so a key press pulls its column
 * down and wakes the box) and every output off, which is high for an output wired active low (as
 * every output on a PCF8574 is: the chip powers up that way, all off); bits the box does not use
 * stay released.
 */
export function expanderIdleByte(pins: NodeMcuPins): number {
  const outputs = [pins.ledGreen, pins.ledRed, pins.buzzer, pins.deliverySignal];
  let byte = 255;
  for (let i = 0; i < pins.rows.length; i++) byte = byte & (255 ^ bitOf(pins.rows[i]));
  for (let i = 0; i < outputs.length; i++) {
    if (!pinActiveLow(outputs[i])) byte = byte & (255 ^ bitOf(outputs[i]));
  }
  return byte;
}


/** The expander of `pins` on `port`, or undefined when the board has none or it does not answer. */
export function nodeMcuExpander(port: I2cPort, pins: NodeMcuPins): Pcf8574 | undefined {
  return pins.expanderAddress >= 0 ? connectPcf8574(port, pins.expanderAddress, expanderIdleByte(pins)) : undefined;
}
