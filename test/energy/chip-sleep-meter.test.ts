/**
 * The power meter on a chip that sleeps itself (ESP32 light sleep in the NodeMCU build): asleep
 * is what the chip reports, not Espruino's timer rule, and a wake-up is each time it wakes.
 */
import { describe, expect, it } from "vitest";
import { PowerMeter } from "../../sim/energy/meter.ts";
import { SleepRecord } from "../../sim/nodemcu/sleep.ts";
import { VirtualBoard } from "../../sim/state/board.ts";

function setUp(): { board: VirtualBoard; record: SleepRecord; meter: PowerMeter } {
  const board = new VirtualBoard();
  board.usb.connected = false;
  const record = new SleepRecord(() => board.scheduler.nowMs);
  return { board, record, meter: new PowerMeter(board, { chipSleep: record }) };
}

describe("power meter with the chip's own sleep", () => {
  it("counts the chip's sleep as asleep and the rest as awake, whatever timers are due", () => {
    const { board, record, meter } = setUp();
    // A runtime timer due soon would keep an Espruino board awake; the chip's word counts here.
    board.scheduler.after(100, () => undefined, board.runtimeOwner);
    board.advance(1_000);
    record.begin();
    board.advance(9_000);
    record.end(4);
    board.advance(2_000);
    const t = meter.read();
    expect(t.asleepMs).toBe(9_000);
    expect(t.awakeMs).toBe(3_000);
  });

  it("counts one wake-up per wake of the chip, not per callback", () => {
    const { board, record, meter } = setUp();
    for (let i = 0; i < 3; i++) {
      record.begin();
      board.advance(1_000);
      record.end(7);
      board.scheduler.after(0, () => undefined, board.runtimeOwner);
      board.scheduler.after(5, () => undefined, board.runtimeOwner);
      board.advance(10);
    }
    const t = meter.read();
    expect(t.wakeUps).toBe(3);
    expect(t.callbacks).toBe(6);
  });

  it("a chip that never sleeps is awake the whole window, with no wake-ups", () => {
    const { board, meter } = setUp();
    board.scheduler.after(50_000, () => undefined, board.runtimeOwner);
    board.advance(100_000);
    const t = meter.read();
    expect(t.asleepMs).toBe(0);
    expect(t.awakeMs).toBe(100_000);
    expect(t.wakeUps).toBe(0);
  });
});
