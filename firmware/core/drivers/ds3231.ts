/**
 * The DS3231 real-time clock, portable: box seconds to and from its time registers (0x00-0x06,
 * BCD: seconds, minutes, hours, weekday 1-7, date, month with the century bit, year), over a tiny
 * I2C port each adapter implements with its runtime's I2C (Espruino I2C1, NodeMCU i2c). The chip
 * runs from its own coin cell, so it is what sets the runtime's clock after a power cut.
 *
 * A chip that was never set (or lost its cell) reads 2000-01-01, before the box epoch: that reads
 * as "no time" (-1), never as a real date.
 */
import { MAX_BOX_TIME, SECONDS_PER_DAY } from "../time";
import type { I2cPort } from "./i2c-port";

export const DS3231_ADDRESS = 104;

/** The bus type lives in ./i2c-port.ts (shared with the PCF8574 driver); re-exported for the adapters. */
export type { I2cPort } from "./i2c-port";

/** Days from 1970-01-01 to 2020-01-01 (the box epoch). */
const UNIX_DAYS_AT_BOX_EPOCH = 18262;
/** Shifts day numbers so that years start on 1 March (Hinnant's civil-date algorithms). */
const DAYS_0000_03_01_TO_1970 = 719468;

function bcd(n: number): number {
  return idiv(n, 10) * 16 + (n % 10);
}

function fromBcd(b: number): number {
  return ushr(b, 4) * 10 + (b & 15);
}

/** Day number since 1970-01-01 of a civil date (month 1-12). */
function unixDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = idiv(y, 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = idiv(153 * (month > 2 ? month - 3 : month + 9) + 2, 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + idiv(yearOfEra, 4) - idiv(yearOfEra, 100) + dayOfYear;
  return era * 146097 + dayOfEra - DAYS_0000_03_01_TO_1970;
}

/** [year, month 1-12, day 1-31] of a day number since 1970-01-01. */
function civilDate(days: number): number[] {
  const z = days + DAYS_0000_03_01_TO_1970;
  const era = idiv(z, 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = idiv(dayOfEra - idiv(dayOfEra, 1460) + idiv(dayOfEra, 36524) - idiv(dayOfEra, 146096), 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + idiv(yearOfEra, 4) - idiv(yearOfEra, 100));
  const mp = idiv(5 * dayOfYear + 2, 153);
  const day = dayOfYear - idiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month, day];
}

/** The seven time registers for a box time (24-hour mode; weekday 1 = Monday). */
export function ds3231Encode(boxSeconds: number): number[] {
  const days = idiv(boxSeconds, SECONDS_PER_DAY);
  const secondOfDay = boxSeconds - days * SECONDS_PER_DAY;
  const date = civilDate(days + UNIX_DAYS_AT_BOX_EPOCH);
  const hours = idiv(secondOfDay, 3600);
  const minutes = idiv(secondOfDay - hours * 3600, 60);
  const seconds = secondOfDay - hours * 3600 - minutes * 60;
  // 2020-01-01 was a Wednesday (3).
  const weekday = ((days + 2) % 7) + 1;
  const century = date[0] >= 2100 ? 128 : 0;
  return [bcd(seconds), bcd(minutes), bcd(hours), weekday, bcd(date[2]), bcd(date[1]) + century, bcd(date[0] % 100)];
}

function daysInMonth(year: number, month: number): number {
  return unixDays(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - unixDays(year, month, 1);
}

/** The box time the registers hold, or -1 when they hold no valid time at or after 2020. */
export function ds3231Decode(regs: number[]): number {
  if (regs.length < 7) return -1;
  const seconds = fromBcd(regs[0] & 127);
  const minutes = fromBcd(regs[1] & 127);
  let hours: number;
  if ((regs[2] & 64) !== 0) {
    // 12-hour mode: bit 5 is PM, 12 AM is midnight.
    hours = (fromBcd(regs[2] & 31) % 12) + ((regs[2] & 32) !== 0 ? 12 : 0);
  } else {
    hours = fromBcd(regs[2] & 63);
  }
  const day = fromBcd(regs[4] & 63);
  const month = fromBcd(regs[5] & 31);
  const year = 2000 + fromBcd(regs[6]) + ((regs[5] & 128) !== 0 ? 100 : 0);
  if (seconds > 59 || minutes > 59 || hours > 23 || month < 1 || month > 12 || year < 2020) return -1;
  if (day < 1 || day > daysInMonth(year, month)) return -1;
  const days = unixDays(year, month, day) - UNIX_DAYS_AT_BOX_EPOCH;
  if (days > idiv(MAX_BOX_TIME, SECONDS_PER_DAY)) return -1;
  const boxSeconds = days * SECONDS_PER_DAY + hours * 3600 + minutes * 60 + seconds;
  return boxSeconds < 0 ? -1 : boxSeconds;
}

/** @noSelf */
export interface Ds3231 {
  /** Box seconds the chip holds, or -1 when it holds no valid time (never set, cell died). */
  read(): number;
  /** Sets the chip; false when it does not answer. */
  write(boxSeconds: number): boolean;
}

/** The DS3231 on `port`, or undefined when no chip answers at its address. */
export function connectDs3231(port: I2cPort): Ds3231 | undefined {
  // Pointing at register 0 is harmless and tells whether a chip is there.
  if (!port.write(DS3231_ADDRESS, [0])) return undefined;
  return {
    read: () => {
      if (!port.write(DS3231_ADDRESS, [0])) return -1;
      const regs = port.read(DS3231_ADDRESS, 7);
      return regs === undefined ? -1 : ds3231Decode(regs);
    },
    write: (boxSeconds) => port.write(DS3231_ADDRESS, [0].concat(ds3231Encode(boxSeconds))),
  };
}
