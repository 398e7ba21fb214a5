import { describe, expect, it } from "vitest";
import { Pins } from "../../sim/state/pins.ts";

describe("pins", () => {
  it("an input with no pull and nothing connected is floating", () => {
    const pins = new Pins(["A0"]);
    pins.setMode("A0", "input");
    expect(pins.level("A0")).toBe("floating");
  });

  it("an input with a pull-up reads high, with a pull-down low", () => {
    const pins = new Pins(["A0", "A1"]);
    pins.setMode("A0", "input_pullup");
    pins.setMode("A1", "input_pulldown");
    expect(pins.level("A0")).toBe(1);
    expect(pins.level("A1")).toBe(0);
  });

  it("an output drives the net it is connected to", () => {
    const pins = new Pins(["A0", "A1"]);
    pins.setMode("A1", "input");
    pins.connect("wire", "A0", "A1");
    pins.setMode("A0", "output");
    pins.write("A0", 1);
    expect(pins.level("A1")).toBe(1);
  });

  it("an open-drain pin written high lets the net float", () => {
    const pins = new Pins(["A0", "A1"]);
    pins.connect("wire", "A0", "A1");
    pins.setMode("A0", "opendrain");
    pins.write("A0", 1);
    expect(pins.level("A1")).toBe("floating");
    pins.write("A0", 0);
    expect(pins.level("A1")).toBe(0);
  });

  it("records two outputs driving one net to different levels as a short", () => {
    const pins = new Pins(["A0", "A1"]);
    pins.setMode("A0", "output");
    pins.setMode("A1", "output");
    pins.write("A0", 1);
    pins.connect("wire", "A0", "A1");
    pins.write("A1", 0);
    expect(pins.shorts).toEqual([{ atMs: 0, pins: ["A0", "A1"] }]);
  });

  it("outputs driving one net to the same level are no short", () => {
    const pins = new Pins(["A0", "A1"]);
    pins.setMode("A0", "output");
    pins.setMode("A1", "output");
    pins.connect("wire", "A0", "A1");
    expect(pins.shorts).toEqual([]);
  });

  it("tells listeners about a level change once, and not about a write that changes nothing", () => {
    const pins = new Pins(["A0"]);
    const seen: string[] = [];
    pins.onChange((pin, level) => seen.push(`${pin}=${level}`));
    pins.setMode("A0", "output");
    pins.write("A0", 1);
    pins.write("A0", 1);
    expect(seen).toEqual(["A0=0", "A0=1"]);
  });

  it("refuses a pin the board does not have", () => {
    expect(() => new Pins(["A0"]).setMode("Z9", "output")).toThrow(/no pin named Z9/);
  });

  it("a reset leaves every pin a floating input", () => {
    const pins = new Pins(["A0"]);
    pins.setMode("A0", "output");
    pins.write("A0", 1);
    pins.reset();
    expect(pins.mode("A0")).toBe("input");
    expect(pins.level("A0")).toBe("floating");
  });
});
