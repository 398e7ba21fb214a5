import { describe, expect, it } from "vitest";
import { i32, isErased, readI32, readU16, u16 } from "../../../firmware/core/store/codec.ts";

const hex = (s: string): string => Buffer.from(s, "latin1").toString("hex");

describe("record integer codec", () => {
  it("writes signed 32-bit integers big-endian in two's complement", () => {
    expect(hex(i32(0))).toBe("00000000");
    expect(hex(i32(1))).toBe("00000001");
    expect(hex(i32(-1))).toBe("ffffffff");
    expect(hex(i32(2147483647))).toBe("7fffffff");
    expect(hex(i32(-2147483648))).toBe("80000000");
    expect(hex(i32(217000000))).toBe("0cef2840");
  });

  it("reads back every signed 32-bit integer it writes", () => {
    for (const v of [0, 1, -1, 255, 256, -256, 65535, 65536, -65536, -65537, 2147483647, -2147483648, 217000000, -7]) {
      expect(readI32("zz" + i32(v), 2)).toBe(v);
    }
  });

  it("writes 16-bit counts big-endian", () => {
    expect(hex(u16(0x1234))).toBe("1234");
    expect(readU16(u16(65535), 0)).toBe(65535);
  });

  it("sees erased flash only where every byte is 0xff", () => {
    expect(isErased("\xff\xff\xff", 0, 3)).toBe(true);
    expect(isErased("\xff\xfe\xff", 0, 3)).toBe(false);
    expect(isErased("\x00\xff\xff", 1, 3)).toBe(true);
  });
});
