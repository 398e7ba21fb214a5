/**
 * The NodeMCU adapter's pin polarity, on the TypeScript sources: the profile says which outputs are
 * wired active low (profiles.ts activeLowOutputs) and pin-map.ts carries it to each pin, for
 * pin-writer.ts to turn "on" into a low pin there (tested on the built file:
 * esp8266-active-low.test.ts and esp8266-board.test.ts; pin-writer.ts needs NodeMCU's globals,
 * which the repository's type check does not declare).
 */
import { describe, expect, it } from "vitest";
import { ESP32_NODEMCU, ESP8266_NODEMCU, type BoardProfile } from "../../../firmware/boards/profiles.ts";
import { expanderIdleByte, nodeMcuPins } from "../../../firmware/nodemcu/pin-map.ts";

/** The ESP8266 profile as it was before: outputs on the expander driven active high. */
const ACTIVE_HIGH_EXPANDER: BoardProfile = { ...ESP8266_NODEMCU, activeLowOutputs: [] };

describe("the ESP8266 pin map", () => {
  it("marks the LEDs, buzzer and delivery output active low, and no keypad row", () => {
    const pins = nodeMcuPins(ESP8266_NODEMCU);
    expect([pins.ledGreen, pins.ledRed, pins.buzzer, pins.deliverySignal].map((p) => p.activeLow)).toEqual([true, true, true, true]);
    expect(pins.rows.map((p) => p.activeLow)).toEqual([false, false, false, false]);
  });

  it("starts the expander with the rows low and every output high, which is off", () => {
    expect(expanderIdleByte(nodeMcuPins(ESP8266_NODEMCU))).toBe(0xf0);
  });

  it("would start active-high outputs low instead (the idle byte follows the profile)", () => {
    expect(expanderIdleByte(nodeMcuPins(ACTIVE_HIGH_EXPANDER))).toBe(0x00);
  });

  it("marks nothing active low on the ESP32, whose outputs are chip pins", () => {
    const pins = nodeMcuPins(ESP32_NODEMCU);
    expect([pins.ledGreen, pins.ledRed, pins.buzzer, pins.deliverySignal].some((p) => p.activeLow)).toBe(false);
  });
});
