/**
 * Espruino's I2C1 on the virtual board's bus: setup({sda, scl}), writeTo(address, data...) and
 * readFrom(address, quantity) returning a Uint8Array. A missing device throws what an Espruino
 * Pico (STM32F4) throws when nobody acknowledges: its hardware I2C waits for the address phase,
 * times out and raises an InternalError "Timeout on I2C Write Transmit Mode 2" or "Timeout on I2C
 * Read Receive Mode" (WAIT_UNTIL in targets/stm32/jshardware.c of Espruino 2v29). The host build
 * of the real interpreter has no I2C, so sim/espruino-real bridges to this same class.
 */
import { I2cNack } from "../state/i2c.ts";
import { Pin } from "./pins.ts";
import type { EspruinoRuntime } from "./runtime.ts";

type I2cData = number | string | ArrayLike<number>;

export const I2C_WRITE_NACK_ERROR = "Timeout on I2C Write Transmit Mode 2";
export const I2C_READ_NACK_ERROR = "Timeout on I2C Read Receive Mode";

/** Espruino's InternalError (JSET_INTERNALERROR), which hardware timeouts throw. */
export class EspruinoInternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InternalError";
  }
}

function flatten(items: I2cData[]): number[] {
  const out: number[] = [];
  for (const item of items) {
    if (typeof item === "number") out.push(item & 0xff);
    else if (typeof item === "string") for (let i = 0; i < item.length; i++) out.push(item.charCodeAt(i) & 0xff);
    else for (let i = 0; i < item.length; i++) out.push(item[i] & 0xff);
  }
  return out;
}

export class EspruinoI2c {
  private pins: { sda: string; scl: string } | undefined;

  constructor(private readonly rt: EspruinoRuntime) {}

  setup(options: { sda?: Pin | string; scl?: Pin | string; bitrate?: number }): void {
    this.rt.check();
    const sda = options.sda === undefined ? "" : new Pin(options.sda).name;
    const scl = options.scl === undefined ? "" : new Pin(options.scl).name;
    const profile = this.rt.board.profile.pins;
    if (sda !== profile.i2cSda || scl !== profile.i2cScl) {
      throw new Error(`I2C1: the DS3231 is wired to sda ${profile.i2cSda}, scl ${profile.i2cScl}, not sda ${sda}, scl ${scl}`);
    }
    this.pins = { sda, scl };
  }

  private ready(): void {
    this.rt.check();
    if (!this.pins) throw new Error("I2C1 not set up");
  }

  writeTo(address: number | { address: number }, ...data: I2cData[]): void {
    this.ready();
    try {
      this.rt.board.i2c.write(typeof address === "number" ? address : address.address, flatten(data));
    } catch (error) {
      throw error instanceof I2cNack ? new EspruinoInternalError(I2C_WRITE_NACK_ERROR) : error;
    }
  }

  readFrom(address: number | { address: number }, quantity: number): Uint8Array {
    this.ready();
    try {
      return Uint8Array.from(this.rt.board.i2c.read(typeof address === "number" ? address : address.address, quantity));
    } catch (error) {
      throw error instanceof I2cNack ? new EspruinoInternalError(I2C_READ_NACK_ERROR) : error;
    }
  }
}
