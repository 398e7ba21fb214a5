/**
 * Tiny explicit encoders for flash records: integers big-endian, strings as raw bytes.
 * Integers are taken apart with idiv and `%` on non-negative values only, never with shifts, so a
 * signed 32-bit value round-trips the same on JavaScript, 32-bit Lua and 64-bit Lua.
 */
import type { ByteString } from "../bytes";

/** 0..255, one byte. */
export function u8(value: number): ByteString {
  return String.fromCharCode(value & 255);
}

/** 0..65535, two bytes. */
export function u16(value: number): ByteString {
  return String.fromCharCode(idiv(value, 256) & 255, value & 255);
}

/** A signed 32-bit integer, four bytes, two's complement. */
export function i32(value: number): ByteString {
  let high = idiv(value, 65536);
  const low = value - high * 65536;
  if (high < 0) high += 65536;
  return String.fromCharCode(idiv(high, 256), high % 256, idiv(low, 256), low % 256);
}

/** The u16 at `at`. */
export function readU16(data: ByteString, at: number): number {
  return data.charCodeAt(at) * 256 + data.charCodeAt(at + 1);
}

/** The signed 32-bit integer at `at`, built with arithmetic so it is signed on every runtime. */
export function readI32(data: ByteString, at: number): number {
  let high = data.charCodeAt(at) * 256 + data.charCodeAt(at + 1);
  if (high >= 32768) high -= 65536;
  return high * 65536 + data.charCodeAt(at + 2) * 256 + data.charCodeAt(at + 3);
}

/** Whether every byte of `data[from, to)` is erased flash (0xff). */
export function isErased(data: ByteString, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (data.charCodeAt(i) !== 255) return false;
  return true;
}
