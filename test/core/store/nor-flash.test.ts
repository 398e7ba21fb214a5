/** The fake NOR flash keeps the rules the store relies on; a fake that lied would hide bugs. */
import { describe, expect, it } from "vitest";
import { NorFlash, PowerCut } from "../../fakes/nor-flash.ts";

describe("the fake NOR flash", () => {
  it("creates files erased", () => {
    const flash = new NorFlash();
    expect(flash.create("f", 4)).toBe(true);
    expect(flash.read("f")).toBe("\xff\xff\xff\xff");
    expect(flash.read("missing")).toBeUndefined();
  });

  it("reads a part: from an offset, at most a length, fewer where the file ends", () => {
    const flash = new NorFlash();
    flash.create("f", 6);
    flash.write("f", 0, "abcd");
    expect(flash.read("f", 1, 2)).toBe("bc");
    expect(flash.read("f", 3)).toBe("d\xff\xff");
    expect(flash.read("f", 4, 10)).toBe("\xff\xff");
    expect(flash.read("missing", 0, 1)).toBeUndefined();
  });

  it("refuses to create an existing name or beyond its capacity", () => {
    const flash = new NorFlash(10);
    expect(flash.create("f", 8)).toBe(true);
    expect(flash.create("f", 1)).toBe(false);
    expect(flash.create("g", 3)).toBe(false);
    expect(flash.free()).toBe(2);
  });

  it("writes into erased bytes only", () => {
    const flash = new NorFlash();
    flash.create("f", 4);
    expect(flash.write("f", 1, "ab")).toBe(true);
    expect(flash.write("f", 2, "c")).toBe(false);
    expect(flash.counts.refusedWrites).toBe(1);
    expect(flash.read("f")).toBe("\xffab\xff");
  });

  it("refuses writes past the end or to a missing file", () => {
    const flash = new NorFlash();
    flash.create("f", 2);
    expect(flash.write("f", 1, "ab")).toBe(false);
    expect(flash.write("g", 0, "a")).toBe(false);
  });

  it("erases a file by removing it whole", () => {
    const flash = new NorFlash();
    flash.create("f", 2);
    flash.write("f", 0, "ab");
    flash.remove("f");
    expect(flash.read("f")).toBeUndefined();
    expect(flash.create("f", 2)).toBe(true);
    expect(flash.read("f")).toBe("\xff\xff");
  });

  it("cuts power inside a write, leaving the prefix written", () => {
    const flash = new NorFlash();
    flash.create("f", 6);
    flash.cutAfterBytes(3);
    expect(() => flash.write("f", 0, "abcdef")).toThrow(PowerCut);
    expect(() => flash.read("f")).toThrow(PowerCut);
    flash.restart();
    expect(flash.read("f")).toBe("abc\xff\xff\xff");
  });

  it("cuts power before the next operation when the limit falls at the end of a write", () => {
    const flash = new NorFlash();
    flash.create("f", 6);
    flash.cutAfterBytes(3);
    expect(flash.write("f", 0, "abc")).toBe(true);
    expect(() => flash.remove("f")).toThrow(PowerCut);
    flash.restart();
    expect(flash.read("f")).toBe("abc\xff\xff\xff");
  });

  it("cuts power before the n+1-th create, write or remove", () => {
    const flash = new NorFlash();
    flash.cutAfterOperations(2);
    flash.create("f", 2);
    flash.write("f", 0, "a");
    expect(() => flash.create("g", 2)).toThrow(PowerCut);
    flash.restart();
    expect(flash.names()).toEqual(["f"]);
  });

  it("counts writes, bytes and erase cycles per file", () => {
    const flash = new NorFlash();
    flash.create("f", 4);
    flash.write("f", 0, "ab");
    flash.remove("f");
    flash.create("f", 4);
    expect(flash.counts).toMatchObject({ writes: 1, bytesWritten: 2, creates: 2, removes: 1, createsByFile: { f: 2 } });
  });

  it("restores an image", () => {
    const flash = new NorFlash();
    flash.create("f", 2);
    const image = flash.image();
    flash.write("f", 0, "zz");
    flash.restore(image);
    expect(flash.read("f")).toBe("\xff\xff");
  });
});
