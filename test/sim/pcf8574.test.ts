import { describe, expect, it } from "vitest";
import { VirtualBoard } from "../../sim/state/board.ts";

describe("PCF8574 port expander (ESP8266 profile)", () => {
  it("a written 0 pulls its pin low and a 1 leaves it high on the weak pull-up", () => {
    const board = new VirtualBoard({ profile: "esp8266-nodemcu" });
    // Bit 4 is the green LED (EX4): 0 pulls it low, every other bit stays high.
    board.i2c.write(0x20, [0xff & ~(1 << 4)]);
    expect(board.pins.level("EX4")).toBe(0);
    expect(board.pins.level("EX5")).toBe(1);
  });

  it("reads back the level of its pins, a pressed key pulling a released row low", () => {
    const board = new VirtualBoard({ profile: "esp8266-nodemcu" });
    board.pins.setMode("D5", "output");
    board.pins.write("D5", 0);
    board.keypad.press("1");
    expect(board.i2c.read(0x20, 1)[0] & 1).toBe(0);
  });

  it("returns every pin to 1 when the board loses power", () => {
    const board = new VirtualBoard({ profile: "esp8266-nodemcu" });
    board.i2c.write(0x20, [0x00]);
    board.powerCycle();
    expect(board.expander?.outputLatch).toBe(0xff);
  });
});
