import { describe, expect, it } from "vitest";
import { VirtualBoard } from "../../sim/state/board.ts";
import { DS3231_ADDRESS, Ds3231, ds3231Registers } from "../../sim/state/ds3231.ts";
import { I2cBus } from "../../sim/state/i2c.ts";

const NOV_28_2026_0900 = Date.UTC(2026, 10, 28, 9, 0, 0) / 1000;

describe("DS3231 on I2C", () => {
  it("holds the time in BCD in registers 0x00-0x06", () => {
    // Saturday 2026-11-28 09:00:00: weekday 6 with Monday = 1.
    expect(ds3231Registers(NOV_28_2026_0900)).toEqual([0x00, 0x00, 0x09, 6, 0x28, 0x11, 0x26]);
  });

  it("reads back from the register the pointer was set to", () => {
    let now = 0;
    const chip = new Ds3231(() => now, NOV_28_2026_0900);
    chip.write([0x04]);
    expect(chip.read(3)).toEqual([0x28, 0x11, 0x26]);
  });

  it("keeps running with the world's virtual time", () => {
    let now = 0;
    const chip = new Ds3231(() => now, NOV_28_2026_0900);
    now += 61_000;
    chip.write([0x00]);
    expect(chip.read(3)).toEqual([0x01, 0x01, 0x09]);
  });

  it("a time written through its registers is the time it then keeps", () => {
    let now = 0;
    const chip = new Ds3231(() => now);
    chip.write([0x00, ...ds3231Registers(NOV_28_2026_0900)]);
    now += 3_600_000;
    expect(chip.unixSeconds()).toBe(NOV_28_2026_0900 + 3600);
  });

  it("a chip that was never set reads 2000-01-01", () => {
    const chip = new Ds3231(() => 0);
    expect(chip.unixSeconds()).toBe(Date.UTC(2000, 0, 1) / 1000);
  });

  it("survives a power cut of the board", () => {
    const board = new VirtualBoard({ ds3231UnixSeconds: NOV_28_2026_0900 });
    board.powerOff();
    board.advance(86_400_000);
    board.powerOn();
    expect(board.ds3231?.unixSeconds()).toBe(NOV_28_2026_0900 + 86_400);
  });

  it("can be left out, and then nobody answers at 0x68", () => {
    const board = new VirtualBoard({ ds3231: false });
    expect(board.ds3231).toBeUndefined();
    expect(() => board.i2c.read(DS3231_ADDRESS, 7)).toThrow(/no acknowledge/);
  });

  it("an empty address on the bus does not acknowledge", () => {
    expect(() => new I2cBus().write(0x50, [0])).toThrow(/no acknowledge from address 0x50/);
  });
});
