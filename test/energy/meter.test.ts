import { describe, expect, it } from "vitest";
import { onTimeMs, PowerMeter } from "../../sim/energy/meter.ts";
import { VirtualBoard } from "../../sim/state/board.ts";

/** A bare board on battery: no firmware, USB unplugged; tests schedule "runtime" callbacks by hand. */
function boardOnBattery(): VirtualBoard {
  const board = new VirtualBoard();
  board.usb.connected = false;
  return board;
}

function runtimeAfter(board: VirtualBoard, ms: number, run: () => void = () => undefined): void {
  board.scheduler.after(ms, run, board.runtimeOwner);
}

describe("power meter", () => {
  it("counts a runtime callback after a long quiet spell as a wake-up", () => {
    const board = boardOnBattery();
    const meter = new PowerMeter(board);
    runtimeAfter(board, 10_000);
    board.advance(20_000);
    const t = meter.read();
    expect(t.wakeUps).toBe(1);
    expect(t.callbacks).toBe(1);
    expect(t.asleepMs).toBe(20_000);
  });

  it("does not count a callback due soon after another as a second wake-up", () => {
    const board = boardOnBattery();
    const meter = new PowerMeter(board);
    runtimeAfter(board, 10_000, () => runtimeAfter(board, 500));
    board.advance(20_000);
    const t = meter.read();
    expect(t.callbacks).toBe(2);
    expect(t.wakeUps).toBe(1);
    expect(t.awakeMs).toBe(500);
  });

  it("counts a callback due beyond the sleep guard as a new wake-up", () => {
    const board = boardOnBattery();
    const meter = new PowerMeter(board);
    runtimeAfter(board, 10_000, () => runtimeAfter(board, 5000));
    board.advance(20_000);
    expect(meter.read().wakeUps).toBe(2);
  });

  it("ignores the world's own tasks", () => {
    const board = boardOnBattery();
    const meter = new PowerMeter(board);
    board.scheduler.after(10_000, () => undefined);
    board.advance(20_000);
    expect(meter.read().callbacks).toBe(0);
  });

  it("never counts the board asleep while USB is plugged in", () => {
    const board = new VirtualBoard();
    const meter = new PowerMeter(board);
    runtimeAfter(board, 10_000);
    board.advance(20_000);
    const t = meter.read();
    expect(t.asleepMs).toBe(0);
    expect(t.wakeUps).toBe(0);
  });

  it("times a pulled-up input held low, and not one left high", () => {
    const board = boardOnBattery();
    const lid = board.profile.pins.lid;
    board.pins.setMode(lid, "input_pullup");
    board.lid.open();
    const meter = new PowerMeter(board);
    board.advance(1000);
    board.lid.close();
    board.advance(3000);
    expect(meter.read().internalPullUpLowMs).toBe(3000);
  });

  it("counts nothing while the board is off", () => {
    const board = boardOnBattery();
    const meter = new PowerMeter(board);
    board.advance(1000);
    board.powerOff();
    board.advance(5000);
    const t = meter.read();
    expect(t.windowMs).toBe(6000);
    expect(t.poweredMs).toBe(1000);
  });

  it("stops counting after close, and close twice is safe", () => {
    const board = boardOnBattery();
    const meter = new PowerMeter(board);
    meter.close();
    meter.close();
    runtimeAfter(board, 100);
    board.advance(1000);
    expect(meter.read().callbacks).toBe(0);
  });
});

describe("on-time from a part's history", () => {
  const history = [
    { atMs: 0, value: false },
    { atMs: 100, value: true },
    { atMs: 300, value: false },
    { atMs: 900, value: true },
  ];

  it("adds the stretches at the wanted value, the last one up to the end", () => {
    expect(onTimeMs(history, (on) => on, 0, 1000)).toBe(300);
  });

  it("clips stretches to the window", () => {
    expect(onTimeMs(history, (on) => on, 200, 950)).toBe(150);
  });
});
