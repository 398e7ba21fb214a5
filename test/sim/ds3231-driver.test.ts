// The core's portable DS3231 driver against the simulator's chip, and against Date.
import { describe, expect, it } from "vitest";
import { connectDs3231, ds3231Decode, ds3231Encode } from "../../firmware/core/drivers/ds3231.ts";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import { Ds3231, ds3231Registers, ds3231UnixSeconds } from "../../sim/state/ds3231.ts";
import { I2cBus, i2cPortOn } from "../../sim/state/i2c.ts";


const SAMPLES = [
  0,
  // 2024-02-29 23:59:59, a leap day.
  Date.UTC(2024, 1, 29, 23, 59, 59) / 1000 - BOX_EPOCH_UNIX,
  Date.UTC(2026, 10, 28, 9, 0, 0) / 1000 - BOX_EPOCH_UNIX,
  // 2038-01-19T03:14:08Z, where Unix seconds leave 31 bits.
  2147483648 - BOX_EPOCH_UNIX,
  Date.UTC(2087, 11, 31, 23, 59, 59) / 1000 - BOX_EPOCH_UNIX,
];

describe("DS3231 driver (firmware/core/drivers/ds3231.ts)", () => {
  it("encodes box seconds as the registers the chip would hold", () => {
    for (const box of SAMPLES) expect(ds3231Encode(box)).toEqual(ds3231Registers(box + BOX_EPOCH_UNIX));
  });

  it("decodes the chip's registers to the same box seconds", () => {
    for (const box of SAMPLES) expect(ds3231Decode(ds3231Registers(box + BOX_EPOCH_UNIX))).toBe(box);
  });

  it("decodes every day of a leap year and the next", () => {
    for (let day = 4 * 365; day < 6 * 365 + 1; day++) {
      const box = day * 86400 + 12 * 3600;
      expect(ds3231UnixSeconds(ds3231Encode(box))).toBe(box + BOX_EPOCH_UNIX);
    }
  });

  it("reads 12-hour mode: 12 AM is midnight, 1 PM is 13:00", () => {
    const regs = ds3231Registers(Date.UTC(2026, 0, 1) / 1000);
    regs[2] = 0x40 | 0x12;
    expect(ds3231Decode(regs)).toBe(Date.UTC(2026, 0, 1, 0) / 1000 - BOX_EPOCH_UNIX);
    regs[2] = 0x40 | 0x20 | 0x01;
    expect(ds3231Decode(regs)).toBe(Date.UTC(2026, 0, 1, 13) / 1000 - BOX_EPOCH_UNIX);
  });

  it("reads a never-set chip (2000-01-01) as no time", () => {
    expect(ds3231Decode(ds3231Registers(Date.UTC(2000, 0, 1) / 1000))).toBe(-1);
  });

  it("reads impossible dates and garbage as no time", () => {
    const feb30 = ds3231Registers(Date.UTC(2026, 1, 28) / 1000);
    feb30[4] = 0x30;
    expect(ds3231Decode(feb30)).toBe(-1);
    expect(ds3231Decode([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])).toBe(-1);
    expect(ds3231Decode([0, 0])).toBe(-1);
  });

  it("reads every day and month register a chip can hold as Date does: a date that exists, or no time", () => {
    // BCD from 0 to 0x32 for the day and 0 to 0x13 for the month, in ordinary, leap and century
    // years (2100 is not a leap year; box time ends in 2088, so later dates are no time either).
    const bcd = (n: number): number => Math.floor(n / 10) * 16 + (n % 10);
    for (const year of [2020, 2023, 2024, 2087, 2100, 2104]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const regs = [0x56, 0x34, 0x12, 1, bcd(day), bcd(month) + (year >= 2100 ? 128 : 0), bcd(year % 100)];
          const unix = Date.UTC(year, month - 1, day, 12, 34, 56) / 1000;
          const exists = month >= 1 && month <= 12 && new Date(unix * 1000).getUTCDate() === day && day >= 1;
          const box = unix - BOX_EPOCH_UNIX;
          expect(ds3231Decode(regs), `${year}-${month}-${day}`).toBe(exists && box <= 2147483647 ? box : -1);
        }
      }
    }
  });

  it("sets and reads the simulated chip over the bus", () => {
    let now = 0;
    const bus = new I2cBus();
    bus.attach(0x68, new Ds3231(() => now));
    const rtc = connectDs3231(i2cPortOn(bus));
    expect(rtc?.read()).toBe(-1);
    expect(rtc?.write(SAMPLES[2])).toBe(true);
    now += 10_000;
    expect(rtc?.read()).toBe(SAMPLES[2] + 10);
  });

  it("finds no chip on an empty bus", () => {
    expect(connectDs3231(i2cPortOn(new I2cBus()))).toBeUndefined();
  });
});
