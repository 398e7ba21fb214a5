/**
 * Fixed-length tables of 32-bit integers (the candidate table). This is the portable form, a
 * plain array (one Lua table's array part on NodeMCU). The Espruino build substitutes
 * firmware/espruino/int-array.ts, an Int32Array: 4 bytes an entry, where a plain array costs an
 * Espruino Pico two JsVars (34 bytes) an entry. Callers only read and write entries 0..length-1.
 */
export function newIntArray(length: number, fill: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i++) out.push(fill);
  return out;
}

/** The first index at or after `from` holding `value`, or -1 (Espruino: the native indexOf). */
export function intIndexOf(table: number[], value: number, from: number): number {
  for (let i = from; i < table.length; i++) if (table[i] === value) return i;
  return -1;
}
