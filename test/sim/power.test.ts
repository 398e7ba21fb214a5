import { describe, expect, it } from "vitest";
import { VirtualBoard } from "../../sim/state/board.ts";

describe("power", () => {
  it("a power cut drops the runtime's callbacks and keeps the world's", () => {
    const board = new VirtualBoard();
    const ran: string[] = [];
    board.scheduler.after(10, () => ran.push("runtime"), board.runtimeOwner);
    board.scheduler.after(10, () => ran.push("world"));
    board.powerOff();
    board.advance(20);
    expect(ran).toEqual(["world"]);
  });

  it("a power cut leaves every pin floating", () => {
    const board = new VirtualBoard();
    const led = board.profile.pins.ledGreen;
    board.pins.setMode(led, "output");
    board.pins.write(led, 1);
    board.powerOff();
    expect(board.pins.level(led)).toBe("floating");
    expect(board.led.colour).toBe("off");
  });

  it("a power cut loses the microcontroller's clock", () => {
    const board = new VirtualBoard();
    board.rtc.set(1_800_000_000_000);
    board.powerCycle(1000);
    expect(board.rtc.nowMs()).toBe(0);
  });

  it("a reset keeps the microcontroller's clock running", () => {
    const board = new VirtualBoard();
    board.rtc.set(1_800_000_000_000);
    board.advance(500);
    board.reset("watchdog");
    expect(board.rtc.nowMs()).toBe(1_800_000_000_500);
  });

  it("power-up boots again: uptime restarts and the boot count grows", () => {
    const board = new VirtualBoard();
    const boots: number[] = [];
    board.on("powerOn", (boot) => boots.push(boot));
    board.advance(5000);
    board.powerCycle(100);
    expect(boots).toEqual([2]);
    expect(board.uptimeMs()).toBe(0);
  });

  it("the random generator repeats for a seed and differs between seeds", () => {
    const draw = (seed: number): number[] => {
      const board = new VirtualBoard({ seed });
      return [board.randomWord(), board.randomWord()];
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });
});
