/**
 * Box time: whole seconds since 2020-01-01T00:00:00Z, the box's epoch.
 *
 * Unix seconds overflow a signed 32-bit integer in January 2038, and NodeMCU's Lua has nothing
 * wider. Counting from 2020 instead keeps every time the box handles in 31 bits until 2088, so
 * time and counter arithmetic stays in integers on every runtime. Conversion to and from Unix
 * time happens at the edges (the owner's tool, the Espruino clock adapter), never in Lua.
 */

/** 2020-01-01T00:00:00Z in Unix seconds; divisible by 30, 60, 3600 and 86400. */
export const BOX_EPOCH_UNIX = 1577836800;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86400;
/** The largest box time: 2088-01-19T03:14:07Z. */
export const MAX_BOX_TIME = 2147483647;

/** The index of the `period`-second step containing `boxSeconds`, counted from the Unix epoch. */
export function unixStep(boxSeconds: number, period: number): number {
  return idiv(boxSeconds + (BOX_EPOCH_UNIX % period), period) + idiv(BOX_EPOCH_UNIX, period);
}

/** The box time at which Unix step `step` of `period` seconds begins (inverse of unixStep). */
export function unixStepStart(step: number, period: number): number {
  return (step - idiv(BOX_EPOCH_UNIX, period)) * period - (BOX_EPOCH_UNIX % period);
}
