import { describe, expect, it } from "vitest";
import { LockCoil } from "../../sim/state/coil.ts";
import { Pins } from "../../sim/state/pins.ts";
import { Scheduler } from "../../sim/state/scheduler.ts";

function setup(): { pins: Pins; coil: LockCoil; s: Scheduler } {
  const s = new Scheduler();
  const pins = new Pins(["GATE"], () => s.nowMs);
  const coil = new LockCoil(pins, "GATE", () => s.nowMs);
  pins.setMode("GATE", "output");
  return { pins, coil, s };
}

describe("lock coil", () => {
  it("tracks the longest continuous energised time, the total and the pulse count", () => {
    const { pins, coil, s } = setup();
    pins.write("GATE", 1);
    s.advance(300);
    pins.write("GATE", 0);
    s.advance(1000);
    pins.write("GATE", 1);
    s.advance(500);
    pins.write("GATE", 0);
    expect(coil.longestMs).toBe(500);
    expect(coil.totalMs).toBe(800);
    expect(coil.pulseCount).toBe(2);
  });

  it("counts a pulse still running in its longest time", () => {
    const { pins, coil, s } = setup();
    pins.write("GATE", 1);
    s.advance(2000);
    expect(coil.energised).toBe(true);
    expect(coil.longestMs).toBe(2000);
  });

  it("a floating gate leaves the coil off (the gate pull-down)", () => {
    const { pins, coil } = setup();
    pins.write("GATE", 1);
    pins.setMode("GATE", "input");
    expect(coil.energised).toBe(false);
  });
});
