import { describe, expect, it } from "vitest";
import { Led, OutputPin } from "../../sim/state/outputs.ts";
import { Pins } from "../../sim/state/pins.ts";
import { Scheduler } from "../../sim/state/scheduler.ts";

describe("LED and buzzer", () => {
  it("the LED shows amber when green and red are both on, with a timed history", () => {
    const s = new Scheduler();
    const pins = new Pins(["G", "R"]);
    const led = new Led(pins, "G", "R", () => s.nowMs);
    pins.setMode("G", "output");
    pins.setMode("R", "output");
    s.advance(10);
    pins.write("G", 1);
    s.advance(10);
    pins.write("R", 1);
    s.advance(10);
    pins.write("G", 0);
    expect(led.history).toEqual([
      { atMs: 0, value: "off" },
      { atMs: 10, value: "green" },
      { atMs: 20, value: "amber" },
      { atMs: 30, value: "red" },
    ]);
  });

  it("the buzzer's history holds only real changes", () => {
    const s = new Scheduler();
    const pins = new Pins(["BZ"]);
    const buzzer = new OutputPin(pins, "BZ", () => s.nowMs);
    pins.setMode("BZ", "output");
    pins.write("BZ", 1);
    pins.write("BZ", 1);
    s.advance(100);
    pins.write("BZ", 0);
    expect(buzzer.history.map((c) => `${c.atMs}:${c.value}`)).toEqual(["0:false", "0:true", "100:false"]);
  });
  it("an active-low output is on while its pin is low, off while high or floating", () => {
    const pins = new Pins(["BZ"]);
    const buzzer = new OutputPin(pins, "BZ", () => 0, true);
    pins.setMode("BZ", "output");
    pins.write("BZ", 0);
    expect(buzzer.on).toBe(true);
    pins.write("BZ", 1);
    expect(buzzer.on).toBe(false);
    pins.write("BZ", 0);
    pins.setMode("BZ", "input");
    expect([pins.level("BZ"), buzzer.on]).toEqual(["floating", false]);
  });

  it("an LED whose pins are wired active low shows green while only the green pin is low", () => {
    const pins = new Pins(["G", "R"]);
    const led = new Led(pins, "G", "R", () => 0, ["G", "R"]);
    pins.setMode("G", "output");
    pins.setMode("R", "output");
    pins.write("G", 1);
    pins.write("R", 1);
    expect(led.colour).toBe("off");
    pins.write("G", 0);
    expect(led.colour).toBe("green");
    pins.write("R", 0);
    expect(led.colour).toBe("amber");
  });
});
