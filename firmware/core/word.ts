/**
 * 32-bit word arithmetic that gives the same bits on JavaScript numbers, on 32-bit Lua integers
 * (NodeMCU, fengari) and on 64-bit Lua integers (reference Lua, wasmoon).
 *
 * A word is kept in each runtime's natural form: a signed 32-bit integer in JavaScript and on
 * 32-bit Lua, 0 .. 2^32-1 on 64-bit Lua. Words from these functions may be compared with `==`
 * against other words, and turned into bytes with wordByte(); never compare them with `<`.
 */

/**
 * All 32 low bits set. Computed, not written as 4294967295: that literal is a float on a
 * 32-bit-integer Lua, and `x & float` raises. 65536 * 65536 wraps to 0 there, so this is -1
 * (no bits cleared); on 64-bit Lua and in JavaScript it is 2^32-1.
 */
export const WORD_MASK = 65536 * 65536 - 1;

export function add32(a: number, b: number): number {
  return (a + b) & WORD_MASK;
}

export function rotl32(word: number, bits: number): number {
  return ((word << bits) | ushr(word, 32 - bits)) & WORD_MASK;
}

export function rotr32(word: number, bits: number): number {
  return (ushr(word, bits) | (word << (32 - bits))) & WORD_MASK;
}

export function not32(word: number): number {
  return ~word & WORD_MASK;
}

/** Byte `index` (0 = most significant) of a word, 0..255. */
export function wordByte(word: number, index: number): number {
  return ushr(word, 24 - 8 * index) & 255;
}


/** A word from its two 16-bit halves, so constants read like the standards' hex (0xefcd, 0xab89). */
export function word(high: number, low: number): number {
  return ((high << 16) | low) & WORD_MASK;
}
