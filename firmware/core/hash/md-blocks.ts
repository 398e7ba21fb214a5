/**
 * Merkle-Damgard framing shared by SHA-1 and SHA-256: feeds a message to a compression
 * function 16 words at a time, then the padding (0x80, zeros, bit length). Whole blocks are read
 * straight from the string, so memory stays at one 64-word schedule however long the message
 * (an Espruino Pico has 5100 JsVars in all).
 */
import { WORD_MASK, wordByte } from "../word";
import type { ByteString } from "../bytes";

export type Compress = (state: number[], schedule: number[]) => void;

function wordAt(text: ByteString, at: number): number {
  return (
    ((text.charCodeAt(at) << 24) | (text.charCodeAt(at + 1) << 16) | (text.charCodeAt(at + 2) << 8) | text.charCodeAt(at + 3)) &
    WORD_MASK
  );
}

/**
 * Runs `compress` over the padded message. Messages up to 256 MB: the bit length is written as
 * a 64-bit number whose high word is zero.
 */
export function mdHash(message: ByteString, state: number[], compress: Compress): ByteString {
  const schedule: number[] = [];
  const whole = idiv(message.length, 64);
  for (let block = 0; block < whole; block++) {
    for (let i = 0; i < 16; i++) schedule[i] = wordAt(message, block * 64 + i * 4);
    compress(state, schedule);
  }
  const rest = message.substring(whole * 64);
  const bitLength = message.length * 8;
  const tailLength = rest.length < 56 ? 64 : 128;
  const tail: number[] = [];
  for (let i = 0; i < rest.length; i++) tail.push(rest.charCodeAt(i));
  tail.push(0x80);
  while (tail.length < tailLength - 4) tail.push(0);
  for (let shift = 24; shift >= 0; shift -= 8) tail.push(ushr(bitLength, shift) & 255);
  for (let at = 0; at < tailLength; at += 64) {
    for (let i = 0; i < 16; i++) {
      const p = at + i * 4;
      schedule[i] = ((tail[p] << 24) | (tail[p + 1] << 16) | (tail[p + 2] << 8) | tail[p + 3]) & WORD_MASK;
    }
    compress(state, schedule);
  }
  const out: string[] = [];
  for (let i = 0; i < state.length; i++) {
    for (let j = 0; j < 4; j++) out.push(String.fromCharCode(wordByte(state[i], j)));
  }
  return out.join("");
}
