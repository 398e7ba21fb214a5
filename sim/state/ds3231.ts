/**
 * A DS3231 real-time clock on I2C (address 0x68). Registers 0x00-0x06 hold seconds, minutes,
 * hours, weekday, date, month (bit 7: century, set when the year rolls past 2099) and year, in
 * BCD; a register pointer set by a write auto-increments on reads and writes. It runs from its
 * own coin cell: board power cuts do not touch it. It keeps time against the world's virtual
 * clock, optionally with a drift.
 */
import type { I2cDevice } from "./i2c.ts";

export const DS3231_ADDRESS = 0x68;
const REGISTERS = 0x13;

const bcd = (n: number): number => (Math.floor(n / 10) << 4) | n % 10;
const unbcd = (b: number): number => (b >> 4) * 10 + (b & 15);

/** Time registers 0x00-0x06 for a Unix time in seconds (years 2000-2099). */
export function ds3231Registers(unixSeconds: number): number[] {
  const d = new Date(unixSeconds * 1000);
  const year = d.getUTCFullYear();
  if (year < 2000 || year > 2099) throw new Error(`the DS3231 holds years 2000-2099, not ${year}`);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  return [bcd(d.getUTCSeconds()), bcd(d.getUTCMinutes()), bcd(d.getUTCHours()), weekday, bcd(d.getUTCDate()), bcd(d.getUTCMonth() + 1), bcd(year - 2000)];
}

/** The Unix time the time registers hold, or undefined when they hold no valid time. */
export function ds3231UnixSeconds(regs: readonly number[]): number | undefined {
  const seconds = unbcd(regs[0] & 0x7f);
  const minutes = unbcd(regs[1] & 0x7f);
  let hours: number;
  if (regs[2] & 0x40) {
    const h12 = unbcd(regs[2] & 0x1f);
    hours = (h12 % 12) + (regs[2] & 0x20 ? 12 : 0);
  } else hours = unbcd(regs[2] & 0x3f);
  const date = unbcd(regs[4] & 0x3f);
  const month = unbcd(regs[5] & 0x1f);
  const year = 2000 + unbcd(regs[6]) + (regs[5] & 0x80 ? 100 : 0);
  if (seconds > 59 || minutes > 59 || hours > 23 || date < 1 || date > 31 || month < 1 || month > 12) return undefined;
  const ms = Date.UTC(year, month - 1, date, hours, minutes, seconds);
  if (new Date(ms).getUTCDate() !== date) return undefined;
  return ms / 1000;
}

export class Ds3231 implements I2cDevice {
  private readonly regs = new Array<number>(REGISTERS).fill(0);
  private pointer = 0;
  /** World time (ms) at which `regs` held the time they hold. */
  private regsAtMs: number;
  /** Parts per million the chip runs fast (positive) or slow; the real part is within ±2. */
  driftPpm = 0;

  constructor(
    private readonly worldNow: () => number,
    unixSeconds?: number,
  ) {
    this.regsAtMs = worldNow();
    // A chip that has never been set starts at 2000-01-01 with the oscillator-stop flag up.
    this.regs.splice(0, 7, ...ds3231Registers(unixSeconds ?? 946684800));
    this.regs[0x0f] = unixSeconds === undefined ? 0x80 : 0;
  }

  /** Unix seconds the chip reads now (undefined if its registers hold no valid time). */
  unixSeconds(): number | undefined {
    this.tick();
    return ds3231UnixSeconds(this.regs);
  }

  /** Sets the chip from outside (a test setting up the world). */
  setUnixSeconds(unixSeconds: number): void {
    this.regs.splice(0, 7, ...ds3231Registers(unixSeconds));
    this.regsAtMs = this.worldNow();
  }

  /** Brings the time registers up to the world's time, whole seconds at a time. */
  private tick(): void {
    const elapsedMs = (this.worldNow() - this.regsAtMs) * (1 + this.driftPpm / 1e6);
    const whole = Math.floor(elapsedMs / 1000);
    if (whole <= 0) return;
    const start = ds3231UnixSeconds(this.regs);
    this.regsAtMs += (whole * 1000) / (1 + this.driftPpm / 1e6);
    if (start === undefined) return;
    this.regs.splice(0, 7, ...ds3231Registers(start + whole));
  }

  write(bytes: number[]): void {
    if (bytes.length === 0) return;
    this.tick();
    this.pointer = bytes[0] % REGISTERS;
    let timeWritten = false;
    for (const byte of bytes.slice(1)) {
      this.regs[this.pointer] = byte & 0xff;
      if (this.pointer === 0) this.regsAtMs = this.worldNow();
      if (this.pointer < 7) timeWritten = true;
      this.pointer = (this.pointer + 1) % REGISTERS;
    }
    if (timeWritten) this.regs[0x0f] &= 0x7f;
  }

  read(count: number): number[] {
    this.tick();
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      out.push(this.regs[this.pointer]);
      this.pointer = (this.pointer + 1) % REGISTERS;
    }
    return out;
  }
}
