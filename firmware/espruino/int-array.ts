/**
 * The Espruino build's firmware/core/int-array.ts (tools/build/build.ts substitutes it): an
 * Int32Array, about 80 JsVars for the 308-entry candidate table where a plain array takes 617.
 */
declare const Int32Array: { new (length: number): number[] };

export function newIntArray(length: number, fill: number): number[] {
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = fill;
  return out;
}

/** Int32Array's native indexOf: a scan of the candidate table without a step of interpreted code per entry. */
export function intIndexOf(table: number[], value: number, from: number): number {
  return table.indexOf(value, from);
}
