/** SHA-1 (FIPS 180-4), bit-exact on JavaScript numbers and on 32- and 64-bit Lua integers. */
import { add32, not32, rotl32, word, WORD_MASK } from "../word";
import { mdHash } from "./md-blocks";
import type { ByteString } from "../bytes";

const K0 = word(0x5a82, 0x7999);
const K1 = word(0x6ed9, 0xeba1);
const K2 = word(0x8f1b, 0xbcdc);
const K3 = word(0xca62, 0xc1d6);

function compress(state: number[], w: number[]): void {
  for (let t = 16; t < 80; t++) w[t] = rotl32(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
  for (let t = 0; t < 80; t++) {
    let f: number;
    let k: number;
    if (t < 20) {
      f = (b & c) | (not32(b) & d);
      k = K0;
    } else if (t < 40) {
      f = b ^ c ^ d;
      k = K1;
    } else if (t < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = K2;
    } else {
      f = b ^ c ^ d;
      k = K3;
    }
    const next = (rotl32(a, 5) + f + e + k + w[t]) & WORD_MASK;
    e = d;
    d = c;
    c = rotl32(b, 30);
    b = a;
    a = next;
  }
  state[0] = add32(state[0], a);
  state[1] = add32(state[1], b);
  state[2] = add32(state[2], c);
  state[3] = add32(state[3], d);
  state[4] = add32(state[4], e);
}

export function sha1(message: ByteString): ByteString {
  const state = [word(0x6745, 0x2301), word(0xefcd, 0xab89), word(0x98ba, 0xdcfe), word(0x1032, 0x5476), word(0xc3d2, 0xe1f0)];
  return mdHash(message, state, compress);
}
