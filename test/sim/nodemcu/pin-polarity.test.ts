/**
 * The NodeMCU adapter's pin polarity, on the TypeScript sources: the profile says which outputs are
 * wired active low (profiles.ts activeLowOutputs) and pin-map.ts carries it to each pin, for
 * pin-writer.ts to turn "on" into a low pin there (tested on the built file:
 * esp8266-active-low.test.ts and esp8266-board.test.ts; pin-writer.ts needs NodeMCU's globals,
 * which the repository's type check does not declare).
 */
import { describe, expect, it } from "vitest";
import { ESP32_NODEMCU, ESP8266_NODEMCU, type BoardProfile } from "../../../firmware/boards/profiles.ts";
import { expanderIdleByte } from "../../../firmware/nodemcu/expander.ts";
import { nodeMcuPins, pinActiveLow, pinBit, pinGpio } from "../../../firmware/nodemcu/pin-map.ts";

/** The ESP8266 profile as it was before: outputs on the expander driven active high. */
const ACTIVE_HIGH_EXPANDER: BoardProfile = { ...ESP8266_NODEMCU, activeLowOutputs: [] };

describe("the ESP8266 pin map", () => {
  it("marks the LEDs, buzzer and delivery output active low, and no keypad row", () => {
    const pins = nodeMcuPins(ESP8266_NODEMCU);
    expect([pins.ledGreen, pins.ledRed, pins.buzzer, pins.deliverySignal].map(pinActiveLow)).toEqual([true, true, true, true]);
    expect(pins.rows.map(pinActiveLow)).toEqual([false, false, false, false]);
  });

  it("puts the rows and the slow outputs on the expander's bits, the columns and the coil on the chip", () => {
    const pins = nodeMcuPins(ESP8266_NODEMCU);
    expect(pins.rows.map(pinBit)).toEqual([0, 1, 2, 3]);
    expect(pins.rows.map(pinGpio)).toEqual([-1, -1, -1, -1]);
    expect([pins.ledGreen, pins.ledRed, pins.buzzer, pins.deliverySignal].map(pinBit)).toEqual([4, 5, 6, 7]);
    expect(pins.cols).toEqual([5, 6, 7]);
    expect(pins.coil).toBe(8);
    const esp32 = nodeMcuPins(ESP32_NODEMCU);
    expect(esp32.rows.map(pinGpio)).toEqual([13, 14, 16, 17]);
    expect([esp32.ledGreen, esp32.buzzer].map(pinBit)).toEqual([-1, -1]);
    expect([esp32.ledGreen, esp32.ledRed, esp32.buzzer, esp32.deliverySignal].map(pinGpio)).toEqual([27, 32, 33, 4]);
  });

  it("starts the expander with the rows low and every output high, which is off", () => {
    expect(expanderIdleByte(nodeMcuPins(ESP8266_NODEMCU))).toBe(0xf0);
  });

  it("would start active-high outputs low instead (the idle byte follows the profile)", () => {
    expect(expanderIdleByte(nodeMcuPins(ACTIVE_HIGH_EXPANDER))).toBe(0x00);
  });

  it("marks nothing active low on the ESP32, whose outputs are chip pins", () => {
    const pins = nodeMcuPins(ESP32_NODEMCU);
    expect([pins.ledGreen, pins.ledRed, pins.buzzer, pins.deliverySignal].some(pinActiveLow)).toBe(false);
  });
});
