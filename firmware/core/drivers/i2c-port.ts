/**
 * The tiny I2C bus the portable drivers (./ds3231.ts, ./pcf8574.ts) talk through. Each adapter
 * implements it with its runtime's I2C (Espruino I2C1, NodeMCU i2c); a test hands in a fake.
 * One call is one whole transaction (start, address, bytes, stop).
 */

/**
 * A byte-oriented I2C bus as both runtimes offer it.
 * @noSelf
 */
export interface I2cPort {
  /** Writes `bytes` to the device at `address`; false when nobody acknowledges. */
  write(address: number, bytes: number[]): boolean;
  /** Reads `count` bytes from the device at `address`; undefined when nobody acknowledges. */
  read(address: number, count: number): number[] | undefined;
}
