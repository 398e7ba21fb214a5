/**
 * A PCF8574 8-bit I2C port expander (ESP8266 profile): each written byte sets its eight
 * quasi-bidirectional pins, 0 pulls the pin low, 1 leaves it on a weak pull-up (so it can also be
 * read as an input). Its weak pull-up cannot light anything, so the box's outputs on it are wired
 * active low (profiles.ts activeLowOutputs; sim/state/outputs.ts reads them so). Powered by the
 * board: a power cut returns every pin to 1, every such output off.
 */
import type { I2cDevice } from "./i2c.ts";
import type { Pins } from "./pins.ts";

export class Pcf8574 implements I2cDevice {
  private latch = 0xff;

  constructor(
    private readonly pins: Pins,
    private readonly names: readonly string[],
  ) {
    if (names.length !== 8) throw new Error("a PCF8574 has 8 pins");
    this.reset();
  }

  reset(): void {
    this.apply(0xff);
  }

  private apply(byte: number): void {
    this.latch = byte & 0xff;
    this.names.forEach((name, bit) => {
      this.pins.setMode(name, "opendrain_pullup");
      this.pins.write(name, ((this.latch >> bit) & 1) as 0 | 1);
    });
  }

  write(bytes: number[]): void {
    for (const byte of bytes) this.apply(byte);
  }

  read(count: number): number[] {
    let byte = 0;
    this.names.forEach((name, bit) => {
      byte |= this.pins.read(name) << bit;
    });
    return new Array<number>(count).fill(byte);
  }

  get outputLatch(): number {
    return this.latch;
  }
}
