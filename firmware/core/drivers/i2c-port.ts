/**
 * The tiny I2C bus the portable drivers (./ds3231.ts, ./pcf8574.ts) talk through. Each adapter
 * implements it with its runtime's I2C (Espruino I2C1, NodeMCU i2c); a test hands in a fake.
 */

/**
 * One call is one exchange with the device at `address`, with the bus set up (and, where the board
 * powers the chips only while it talks to them, powered) once: writes `bytes` when there are any,
 * then reads `count` bytes when `count` is above 0. So a register read (the pointer written, then
 * the registers read: the DS3231's "write pointer, then read") is one call, not two set-ups.
 * Returns the bytes read ([] when `count` is 0), or undefined when nobody acknowledges or fewer
 * bytes came. A function, not an object of two: one closure on either runtime.
 */
export type I2cPort = (this: void, address: number, bytes: number[], count: number) => number[] | undefined;
