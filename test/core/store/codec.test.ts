import { describe, expect, it } from "vitest";
import { ints, item, num } from "../../../firmware/core/store/store.ts";

const hex = (s: string): string => Buffer.from(s, "latin1").toString("hex");

describe("the journal's integer and item encoding", () => {
  it("writes signed 32-bit integers big-endian in two's complement", () => {
    expect(hex(ints([0]))).toBe("00000000");
    expect(hex(ints([1]))).toBe("00000001");
    expect(hex(ints([-1]))).toBe("ffffffff");
    expect(hex(ints([2147483647]))).toBe("7fffffff");
    expect(hex(ints([-2147483648]))).toBe("80000000");
    expect(hex(ints([217000000, -7]))).toBe("0cef2840" + "fffffff9");
  });

  it("reads back every signed 32-bit integer it writes", () => {
    for (const v of [0, 1, -1, 255, 256, -256, 65535, 65536, -65536, -65537, 2147483647, -2147483648, 217000000, -7]) {
      expect(num("zz" + ints([v]), 2, 0)).toBe(v);
    }
  });

  it("gives the fallback for a missing entry or one too short", () => {
    expect(num(undefined, 0, -1)).toBe(-1);
    expect(num(ints([5]), 4, 9)).toBe(9);
    expect(num("\x00\x00\x01", 0, 9)).toBe(9);
  });

  it("lays an item out as key length, key, value length, value", () => {
    expect(hex(item("ab", "\x01\x02\x03"))).toBe("02" + "6162" + "03" + "010203");
    expect(hex(item("c", ""))).toBe("01" + "63" + "00");
  });
});
