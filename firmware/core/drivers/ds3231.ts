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

/**
 * The seven time registers for a box time (24-hour mode; weekday 1 = Monday). The civil date is
 * Hinnant's days-to-civil algorithm, inline: the driver is three functions, not eight (each a
 * JsVar cost on a Pico and a closure in Lua heap).
 */
export function ds3231Encode(boxSeconds: number): number[] {
  const days = idiv(boxSeconds, SECONDS_PER_DAY);
  const secondOfDay = boxSeconds - days * SECONDS_PER_DAY;
  const z = days + UNIX_DAYS_AT_BOX_EPOCH + DAYS_0000_03_01_TO_1970;
  const era = idiv(z, 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = idiv(dayOfEra - idiv(dayOfEra, 1460) + idiv(dayOfEra, 36524) - idiv(dayOfEra, 146096), 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + idiv(yearOfEra, 4) - idiv(yearOfEra, 100));
  const mp = idiv(5 * dayOfYear + 2, 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  // 2020-01-01 was a Wednesday (3); the weekday is the one register that is not BCD-coded below.
  const regs = [secondOfDay % 60, idiv(secondOfDay, 60) % 60, idiv(secondOfDay, 3600), ((days + 2) % 7) + 1, dayOfYear - idiv(153 * mp + 2, 5) + 1, month, year % 100];
  for (let i = 0; i < 7; i++) if (i !== 3) regs[i] = idiv(regs[i], 10) * 16 + (regs[i] % 10);
  // The month register's top bit is the century: set from 2100.
  if (year >= 2100) regs[5] += 128;
  return regs;
}

/**
 * The box time the registers hold, or -1 when they hold no valid time at or after 2020. A date
 * that does not exist (30 February, month 13, day 0) is refused by the month's length, not by
 * encoding the result again: that took about 20 calls of idiv, a third of a DS3231 reading's
 * time on espruino-debug, at every entry's clock reading.
 */
export function ds3231Decode(regs: number[]): number {
  if (regs.length < 7) return -1;
  // BCD to numbers, each register under its mask (the hours' in 12-hour mode keep bits 0-4 only).
  const twelve = (regs[2] & 64) !== 0;
  const v: number[] = [];
  for (let i = 0; i < 7; i++) {
    const b = regs[i] & (i < 2 ? 127 : i === 2 && twelve ? 31 : i === 5 ? 31 : i === 6 ? 255 : 63);
    v.push(ushr(b, 4) * 10 + (b & 15));
  }
  // 12-hour mode: bit 5 is PM, 12 AM is midnight.
  const hours = twelve ? (v[2] % 12) + ((regs[2] & 32) !== 0 ? 12 : 0) : v[2];
  const month = v[5];
  const year = 2000 + v[6] + ((regs[5] & 128) !== 0 ? 100 : 0);
  // Days in the month: 31 for odd months to July and even ones from August; February leaps every
  // fourth year but 2100 and 2200 (the registers reach 2000-2265, and 2000 is refused below).
  const monthDays = month === 2 ? (year % 4 === 0 && year % 100 !== 0 ? 29 : 28) : 30 + ((month + (month > 7 ? 1 : 0)) % 2);
  if (v[0] > 59 || v[1] > 59 || hours > 23 || year < 2020 || month < 1 || month > 12 || v[4] < 1 || v[4] > monthDays) return -1;
  // Days since 1970-01-01 of the civil date (Hinnant's days-from-civil), then since the box epoch.
  const y = month <= 2 ? year - 1 : year;
  const era = idiv(y, 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = idiv(153 * (month > 2 ? month - 3 : month + 9) + 2, 5) + v[4] - 1;
  const days = era * 146097 + yearOfEra * 365 + idiv(yearOfEra, 4) - idiv(yearOfEra, 100) + dayOfYear - DAYS_0000_03_01_TO_1970 - UNIX_DAYS_AT_BOX_EPOCH;
  if (days < 0 || days > idiv(MAX_BOX_TIME, SECONDS_PER_DAY)) return -1;
  const boxSeconds = days * SECONDS_PER_DAY + hours * 3600 + v[1] * 60 + v[0];
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
  if (port(DS3231_ADDRESS, [0], 0) === undefined) return undefined;
  return {
    // The pointer set to register 0 and the seven time registers read in one exchange.
    read: () => {
      const regs = port(DS3231_ADDRESS, [0], 7);
      return regs === undefined ? -1 : ds3231Decode(regs);
    },
    write: (boxSeconds) => port(DS3231_ADDRESS, [0].concat(ds3231Encode(boxSeconds)), 0) !== undefined,
  };
}
