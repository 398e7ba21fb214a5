import { describe, expect, it } from "vitest";
import { VirtualBoard } from "../../sim/state/board.ts";
import { FILE_HEADER_BYTES, NorFlash, PowerCut } from "../../sim/state/flash.ts";

const bytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, "latin1"));
const text = (data: Uint8Array | undefined): string | undefined => (data ? Buffer.from(data).toString("latin1") : undefined);

describe("NOR flash", () => {
  it("creates files erased, every byte 0xff", () => {
    const flash = new NorFlash(1024);
    expect(flash.create("log", 4)).toBe(true);
    expect([...(flash.read("log") as Uint8Array)]).toEqual([0xff, 0xff, 0xff, 0xff]);
  });

  it("writes into erased bytes", () => {
    const flash = new NorFlash(1024);
    flash.create("log", 4);
    flash.write("log", 1, bytes("ab"));
    expect(text(flash.read("log"))).toBe("\xffab\xff");
    expect(flash.violations).toEqual([]);
  });

  it("a write over written bytes leaves the AND of both and is recorded", () => {
    const flash = new NorFlash(1024);
    flash.create("log", 1);
    flash.write("log", 0, Uint8Array.of(0xf0));
    flash.write("log", 0, Uint8Array.of(0x3c));
    expect(flash.read("log")?.[0]).toBe(0x30);
    expect(flash.violations).toEqual([{ name: "log", offset: 0, was: 0xf0, wrote: 0x3c }]);
  });

  it("refuses a write past the end of the file", () => {
    const flash = new NorFlash(1024);
    flash.create("log", 2);
    expect(() => flash.write("log", 1, bytes("ab"))).toThrow(/outside/);
  });

  it("refuses to create a file when there is no room", () => {
    const flash = new NorFlash(100);
    expect(flash.create("big", 100 - FILE_HEADER_BYTES + 1)).toBe(false);
    expect(flash.has("big")).toBe(false);
  });

  it("a removed file's space is trash until compaction, which a full flash runs by itself", () => {
    const flash = new NorFlash(200);
    flash.create("a", 100);
    flash.remove("a");
    expect(flash.trashBytes()).toBe(100 + FILE_HEADER_BYTES);
    expect(flash.create("b", 120)).toBe(true);
    expect(flash.trashBytes()).toBe(0);
  });

  it("refuses names longer than 28 characters", () => {
    expect(() => new NorFlash(1024).create("x".repeat(29), 1)).toThrow(/1-28 characters/);
  });

  it("a power cut during a write keeps a prefix and throws PowerCut", () => {
    const flash = new NorFlash(1024);
    flash.create("log", 8);
    flash.cutPowerAt(1, 3);
    expect(() => flash.write("log", 0, bytes("abcdefgh"))).toThrow(PowerCut);
    expect(text(flash.read("log"))).toBe("abc\xff\xff\xff\xff\xff");
  });

  it("counts operations to the one the power goes at", () => {
    const flash = new NorFlash(1024);
    flash.cutPowerAt(2);
    expect(flash.create("a", 1)).toBe(true);
    expect(() => flash.create("b", 1)).toThrow(PowerCut);
    expect(flash.list()).toEqual(["a"]);
  });

  it("a cut in the flash powers the board off, and the files stay", () => {
    const board = new VirtualBoard();
    board.flash.create("log", 4);
    board.flash.cutPowerAt(1, 0);
    expect(() => board.flash.write("log", 0, bytes("x"))).toThrow(PowerCut);
    expect(board.powered).toBe(false);
    expect(board.flash.list()).toEqual(["log"]);
  });
});
