/**
 * Integer intrinsics as the JavaScript builds see them: functions from firmware/core/int-js.ts,
 * which esbuild injects wherever the core names them. The Lua build declares the same two names
 * in int-lua.d.ts as typescript-to-lua operators instead. Both are exact on integers.
 */
/** Floor division of integers: the integer nearest below a / b (b > 0). */
declare function idiv(a: number, b: number): number;
/** Logical right shift of a 32-bit word (as firmware/core/word.ts keeps it) by 0..31 bits. */
declare function ushr(word: number, bits: number): number;
