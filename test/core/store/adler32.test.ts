import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { check } from "../../../firmware/core/store/store.ts";

const latin1 = (text: string): Buffer => Buffer.from(text, "latin1");
const adler = (text: string): number => latin1(check(text, 0, text.length)).readUInt32BE(0);
/** zlib's own Adler-32: a zlib stream (RFC 1950) ends with the Adler-32 of its data, big-endian. */
const zlibAdler = (text: string): number => {
  const stream = deflateSync(latin1(text));
  return stream.readUInt32BE(stream.length - 4);
};
const pseudoRandom = (length: number, seed: number): string => {
  let text = "";
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    text += String.fromCharCode(seed % 256);
  }
  return text;
};

describe("Adler-32 (the store's record check)", () => {
  it("gives the standard value for Wikipedia, and 1 for no bytes", () => {
    expect(adler("Wikipedia")).toBe(0x11e60398);
    expect(adler("")).toBe(1);
  });

  it("equals zlib's Adler-32 on every byte value, on pseudo-random strings, and up to the 4096 bytes its single reduction allows", () => {
    let all = "";
    for (let b = 0; b < 256; b++) all += String.fromCharCode(b);
    expect(adler(all)).toBe(zlibAdler(all));
    for (let n = 0; n < 200; n++) expect(adler(pseudoRandom(n, n + 7)), `length ${n}`).toBe(zlibAdler(pseudoRandom(n, n + 7)));
    // The longest record (a 2 KB journal file) of the worst bytes, and twice that: sum B stays
    // below 2^31 (32-bit Lua integers) until the one reduction at the end.
    expect(255 * 4096 * 4097 / 2 + 4096).toBeLessThan(2 ** 31);
    for (const n of [1023, 1024, 1025, 2048, 4096]) expect(adler("\xff".repeat(n)), `0xff x ${n}`).toBe(zlibAdler("\xff".repeat(n)));
  });

  it("is four bytes, sum B then sum A, most significant first, of the given range only", () => {
    expect(latin1(check("xxWikipediayy", 2, 11)).toString("hex")).toBe("11e60398");
  });

  it("never has 0xffff in either half, so a check left erased by a power cut never matches", () => {
    for (let n = 0; n < 300; n++) {
      const c = check(pseudoRandom(n, 3 * n + 1) + "\xff".repeat(n), 0, 2 * n);
      expect(c.slice(0, 2), `length ${2 * n}`).not.toBe("\xff\xff");
      expect(c.slice(2, 4), `length ${2 * n}`).not.toBe("\xff\xff");
    }
  });

  it("changes, in sum B alone (what an audit event keeps), when any one byte of an event changes", () => {
    const event = pseudoRandom(14, 99);
    for (let i = 0; i < 14; i++) {
      for (let v = 0; v < 256; v++) {
        if (v === event.charCodeAt(i)) continue;
        const changed = event.slice(0, i) + String.fromCharCode(v) + event.slice(i + 1);
        expect(check(changed, 0, 14).slice(0, 2), `byte ${i} = ${v}`).not.toBe(check(event, 0, 14).slice(0, 2));
      }
    }
  });
});
