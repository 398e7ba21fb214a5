/**
 * The NodeMCU build's firmware/core/int-array.ts (tools/build/build.ts substitutes it, as the
 * Espruino build substitutes an Int32Array): the candidate table is a Lua table whose array part
 * has exactly `length` slots. Filled one entry at a time, Lua grows the array part by doubling,
 * so the 309-entry table took 512 slots, 4.1 KB of heap for as long as the box keeps its hour's
 * codes; made from one call's results (a table constructor sizes the array to them), 2.5 KB.
 */

/** @noSelf */
interface LuaStringLib {
  rep(s: string, n: number): string;
  byte(s: string, i: number, j: number): LuaMultiReturn<number[]>;
}
declare const string: LuaStringLib;

export function newIntArray(length: number, fill: number): number[] {
  // `length` values in one call: the constructor sizes the array part to exactly that many.
  const out = [...string.byte(string.rep(" ", length), 1, length)];
  for (let i = 0; i < length; i++) out[i] = fill;
  return out;
}

/** The first index at or after `from` holding `value`, or -1. */
export function intIndexOf(table: number[], value: number, from: number): number {
  for (let i = from; i < table.length; i++) if (table[i] === value) return i;
  return -1;
}
