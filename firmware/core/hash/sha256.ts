/** SHA-256 (FIPS 180-4), bit-exact on JavaScript numbers and on 32- and 64-bit Lua integers. */
import { add32, not32, rotr32, word, WORD_MASK } from "../word";
import { mdHash } from "./md-blocks";
import type { ByteString } from "../bytes";

/** Round constants as 16-bit halves (high, low): literals above 2^31 would be floats on 32-bit Lua. */
const K_HALVES = [
  0x428a, 0x2f98, 0x7137, 0x4491, 0xb5c0, 0xfbcf, 0xe9b5, 0xdba5,
  0x3956, 0xc25b, 0x59f1, 0x11f1, 0x923f, 0x82a4, 0xab1c, 0x5ed5,
  0xd807, 0xaa98, 0x1283, 0x5b01, 0x2431, 0x85be, 0x550c, 0x7dc3,
  0x72be, 0x5d74, 0x80de, 0xb1fe, 0x9bdc, 0x06a7, 0xc19b, 0xf174,
  0xe49b, 0x69c1, 0xefbe, 0x4786, 0x0fc1, 0x9dc6, 0x240c, 0xa1cc,
  0x2de9, 0x2c6f, 0x4a74, 0x84aa, 0x5cb0, 0xa9dc, 0x76f9, 0x88da,
  0x983e, 0x5152, 0xa831, 0xc66d, 0xb003, 0x27c8, 0xbf59, 0x7fc7,
  0xc6e0, 0x0bf3, 0xd5a7, 0x9147, 0x06ca, 0x6351, 0x1429, 0x2967,
  0x27b7, 0x0a85, 0x2e1b, 0x2138, 0x4d2c, 0x6dfc, 0x5338, 0x0d13,
  0x650a, 0x7354, 0x766a, 0x0abb, 0x81c2, 0xc92e, 0x9272, 0x2c85,
  0xa2bf, 0xe8a1, 0xa81a, 0x664b, 0xc24b, 0x8b70, 0xc76c, 0x51a3,
  0xd192, 0xe819, 0xd699, 0x0624, 0xf40e, 0x3585, 0x106a, 0xa070,
  0x19a4, 0xc116, 0x1e37, 0x6c08, 0x2748, 0x774c, 0x34b0, 0xbcb5,
  0x391c, 0x0cb3, 0x4ed8, 0xaa4a, 0x5b9c, 0xca4f, 0x682e, 0x6ff3,
  0x748f, 0x82ee, 0x78a5, 0x636f, 0x84c8, 0x7814, 0x8cc7, 0x0208,
  0x90be, 0xfffa, 0xa450, 0x6ceb, 0xbef9, 0xa3f7, 0xc671, 0x78f2,
];
const K: number[] = [];
for (let i = 0; i < K_HALVES.length; i += 2) K.push(word(K_HALVES[i], K_HALVES[i + 1]));

const INITIAL_HALVES = [
  0x6a09, 0xe667, 0xbb67, 0xae85, 0x3c6e, 0xf372, 0xa54f, 0xf53a,
  0x510e, 0x527f, 0x9b05, 0x688c, 0x1f83, 0xd9ab, 0x5be0, 0xcd19,
];

function compress(state: number[], w: number[]): void {
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15];
    const y = w[t - 2];
    const s0 = rotr32(x, 7) ^ rotr32(x, 18) ^ ushr(x, 3);
    const s1 = rotr32(y, 17) ^ rotr32(y, 19) ^ ushr(y, 10);
    w[t] = (w[t - 16] + s0 + w[t - 7] + s1) & WORD_MASK;
  }
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
  let f = state[5];
  let g = state[6];
  let h = state[7];
  for (let t = 0; t < 64; t++) {
    const sum1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
    const choose = (e & f) ^ (not32(e) & g);
    const t1 = (h + sum1 + choose + K[t] + w[t]) & WORD_MASK;
    const sum0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
    const majority = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (sum0 + majority) & WORD_MASK;
    h = g;
    g = f;
    f = e;
    e = add32(d, t1);
    d = c;
    c = b;
    b = a;
    a = add32(t1, t2);
  }
  state[0] = add32(state[0], a);
  state[1] = add32(state[1], b);
  state[2] = add32(state[2], c);
  state[3] = add32(state[3], d);
  state[4] = add32(state[4], e);
  state[5] = add32(state[5], f);
  state[6] = add32(state[6], g);
  state[7] = add32(state[7], h);
}

export function sha256(message: ByteString): ByteString {
  const state: number[] = [];
  for (let i = 0; i < INITIAL_HALVES.length; i += 2) state.push(word(INITIAL_HALVES[i], INITIAL_HALVES[i + 1]));
  return mdHash(message, state, compress);
}
