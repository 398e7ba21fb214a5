import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc } from "../../../firmware/core/store/store.ts";

const latin1 = (text: string): Buffer => Buffer.from(text, "latin1");
const crc32 = (text: string): number => latin1(crc(text, 0, text.length)).readUInt32BE(0);

describe("CRC-32", () => {
  it("gives the standard check value for 123456789", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
  });

  it("is 0 for no bytes", () => {
    expect(crc32("")).toBe(0);
  });

  it("equals zlib's crc32 on every byte value and on pseudo-random strings", () => {
    let all = "";
    for (let b = 0; b < 256; b++) all += String.fromCharCode(b);
    expect(crc32(all)).toBe(zlibCrc32(latin1(all)));
    let seed = 12345;
    for (let n = 0; n < 200; n++) {
      let text = "";
      for (let i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += String.fromCharCode(seed % 256);
      }
      expect(crc32(text), `length ${n}`).toBe(zlibCrc32(latin1(text)));
    }
  });

  it("is four bytes most significant first, of the given range only", () => {
    expect(latin1(crc("xx123456789yy", 2, 11)).toString("hex")).toBe("cbf43926");
  });

  it("changes when one bit of the data changes", () => {
    expect(crc32("123456789")).not.toBe(crc32("123456788"));
  });
});
