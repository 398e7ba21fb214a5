/**
 * The Flash port on NodeMCU's file module over the simulator's NOR flash: files written through
 * the built Lua file's board are in the board's flash and survive a power cycle.
 */
import { afterEach, describe, expect, it } from "vitest";
import { bootBox, closeBoxes, VMS } from "./helpers.ts";

afterEach(closeBoxes);

const flash = (call: string): string => `return parcelboxBoard.flash.${call}`;

describe.each(VMS)("flash on %s", (vm) => {
  it("creates an erased file of the asked size in the board's flash", async () => {
    const t = await bootBox(vm);
    expect(t.lua(flash(`create("state-a", 600)`))).toBe("true");
    expect(t.board.flash.size("state-a")).toBe(600);
    expect(t.board.flash.isErased("state-a", 0, 600)).toBe(true);
  });

  it("writes bytes, binary ones included, at an offset", async () => {
    const t = await bootBox(vm);
    t.lua(flash(`create("log", 16)`));
    expect(t.lua(flash(`write("log", 4, string.char(0, 1, 128, 254))`))).toBe("true");
    expect([...(t.board.flash.read("log") as Uint8Array)].slice(2, 10)).toEqual([255, 255, 0, 1, 128, 254, 255, 255]);
  });

  it("reads back what it wrote", async () => {
    const t = await bootBox(vm);
    t.lua(flash(`create("log", 8)`));
    t.lua(flash(`write("log", 0, string.char(9, 200))`));
    expect(t.lua(`local d = parcelboxBoard.flash.read("log") return #d .. ":" .. d:byte(1) .. ":" .. d:byte(2) .. ":" .. d:byte(3)`)).toBe("8:9:200:255");
  });

  it("reads a part: from an offset, at most a length, fewer where the file ends", async () => {
    const t = await bootBox(vm);
    t.lua(flash(`create("log", 1500)`));
    t.lua(flash(`write("log", 2, "abcd")`));
    t.lua(flash(`write("log", 1400, "xyz")`));
    expect(t.lua(flash(`read("log", 3, 2)`))).toBe("bc");
    expect(t.lua(`local d = parcelboxBoard.flash.read("log", 1401) return #d .. ":" .. d:sub(1, 2)`)).toBe("99:yz");
    // Longer than one read of the file module (1 KB): still all of it.
    expect(t.lua(`local d = parcelboxBoard.flash.read("log", 2, 1401) return #d .. ":" .. d:sub(1, 4) .. d:sub(-3)`)).toBe("1401:abcdxyz");
    expect(t.lua(`return #parcelboxBoard.flash.read("log", 1490, 16)`)).toBe("10");
    expect(t.lua(flash(`read("nothing", 0, 4)`))).toBe("nil");
  });

  it("keeps files across a power cycle", async () => {
    const t = await bootBox(vm);
    t.lua(flash(`create("journal", 32)`));
    t.lua(flash(`write("journal", 3, "abc")`));
    t.board.powerCycle(5000);
    expect(t.lua(`local d = parcelboxBoard.flash.read("journal") return d:sub(4, 6)`)).toBe("abc");
  });

  it("refuses a write past the end of the file", async () => {
    const t = await bootBox(vm);
    t.lua(flash(`create("small", 4)`));
    expect(t.lua(flash(`write("small", 2, "xyz")`))).toBe("false");
    expect(t.board.flash.isErased("small", 0, 4)).toBe(true);
  });

  it("answers undefined for a missing file and removes files", async () => {
    const t = await bootBox(vm);
    expect(t.lua(flash(`read("nothing")`))).toBe("nil");
    t.lua(flash(`create("gone", 8)`));
    t.lua("parcelboxBoard.flash.remove('gone')");
    expect(t.board.flash.has("gone")).toBe(false);
  });

  it("refuses a file larger than the free space and leaves no part of it", async () => {
    const t = await bootBox(vm, { flashBytes: 4096 });
    expect(t.lua(flash(`create("huge", 5000)`))).toBe("false");
    expect(t.board.flash.has("huge")).toBe(false);
  });

  it("reports the flash's free bytes", async () => {
    const t = await bootBox(vm);
    t.lua(flash(`create("a", 1000)`));
    expect(Number(t.lua(flash("free()")))).toBe(t.board.flash.freeBytes());
  });

  it("leaves a rewrite of written bytes to NOR rules (recorded as a violation)", async () => {
    const t = await bootBox(vm);
    t.lua(flash(`create("n", 4)`));
    t.lua(flash(`write("n", 0, string.char(15))`));
    t.lua(flash(`write("n", 0, string.char(240))`));
    expect(t.board.flash.violations).toEqual([{ name: "n", offset: 0, was: 15, wrote: 240 }]);
  });

  it("keeps only a prefix of a write cut by a power cut, and boots again on the same flash", async () => {
    const t = await bootBox(vm);
    t.lua(flash(`create("cut", 8)`));
    t.board.flash.cutPowerAt(1, 2);
    t.lua(`pcall(parcelboxBoard.flash.write, "cut", 0, "wxyz")`);
    expect(t.board.powered).toBe(false);
    expect(Buffer.from(t.board.flash.read("cut") as Uint8Array).toString("latin1")).toBe("wx\xff\xff\xff\xff\xff\xff");
    t.board.powerOn();
    expect(t.lua(`return parcelboxBoard.flash.read("cut"):sub(1, 2)`)).toBe("wx");
  });
});
