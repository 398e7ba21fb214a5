/**
 * NodeMCU's LFS on the simulated chip (sim/nodemcu/lfs.ts), as lnodemcu.c's luaL_lfsreload and
 * luaN_init behave: node.LFS.reload refuses without a partition or the file, otherwise restarts
 * and loads the image at the next boot; an image that does not load leaves LFS empty; and the boot
 * runs init.lua from flash (NodeMCU's LUA_INIT_STRING "@init.lua"), which the flash command writes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { LfsCatalogue, sha256 } from "../../../sim/nodemcu/lfs.ts";
import { initLua } from "../../../tools/cli/flash-nodemcu.ts";
import { bootBox, closeBoxes, type TestBox } from "./helpers.ts";

afterEach(closeBoxes);

const IMAGE = Buffer.from("\x1bLuaS not really bytecode: the catalogue knows these bytes", "latin1");
/** A module standing in for the firmware: it leaves a mark and takes the USB port, as the box does. */
const MODULE = `booted_from_lfs = true uart.on("data", 0, function() end, 0)`;

function catalogue(flashBytes: number): LfsCatalogue {
  const c = new LfsCatalogue();
  c.add({ sha256: sha256(IMAGE), modules: { parcelbox: MODULE }, flashBytes, timestamp: 1795856400 });
  return c;
}

async function chip(flashBytes = 4096, lfsPartitionBytes = 0x20000): Promise<TestBox> {
  const t = await bootBox("fengari", { flashBytes: 256 * 1024 }, { boot: "init.lua", lfsCatalogue: catalogue(flashBytes), lfsPartitionBytes });
  t.board.flash.create("parcelbox.img", IMAGE.length);
  t.board.flash.write("parcelbox.img", 0, IMAGE);
  return t;
}

describe("LFS on a simulated ESP32", () => {
  it("a fresh chip shows NodeMCU's banner and prompt, with LFS empty", async () => {
    const t = await chip();
    expect(t.board.usb.takeOutput()).toMatch(/NodeMCU .*\n> $/);
    expect(t.lua("return tostring(node.LFS.list()) .. ' ' .. tostring(node.LFS.get('parcelbox'))")).toBe("nil nil");
  });

  it("node.LFS.reload of a missing file answers 'No LFS partition allocated' and does not restart", async () => {
    const t = await chip();
    expect(t.lua(`return node.LFS.reload("absent.img")`)).toBe("No LFS partition allocated");
    t.board.advance(10);
    expect(t.board.bootCount).toBe(1);
  });

  it("with no LFS partition, node.LFS.reload refuses the same way", async () => {
    const t = await chip(4096, 0);
    expect(t.lua(`return node.LFS.reload("parcelbox.img")`)).toBe("No LFS partition allocated");
  });

  it("node.LFS.reload restarts the chip, which loads the image: node.LFS.get runs its code", async () => {
    const t = await chip();
    t.lua(`node.LFS.reload("parcelbox.img")`);
    t.board.advance(10);
    expect(t.board.bootCount).toBe(2);
    expect(t.lua("return table.concat(node.LFS.list(), ',') .. ' ' .. node.LFS.config.lfs_used")).toBe("parcelbox 4096");
    t.lua(`node.LFS.get("parcelbox")()`);
    expect(t.lua("return booted_from_lfs")).toBe("true");
  });

  it("an image larger than the partition leaves LFS empty, and says so", async () => {
    const t = await chip(0x30000);
    t.lua(`node.LFS.reload("parcelbox.img")`);
    t.board.advance(10);
    expect(t.board.usb.takeOutput()).toContain("LFS partition has 131072");
    expect(t.lua("return tostring(node.LFS.list())")).toBe("nil");
  });

  it("bytes the catalogue does not know are refused like a bad image", async () => {
    const t = await chip();
    t.board.flash.create("other.img", 4);
    t.board.flash.write("other.img", 0, Buffer.from("junk"));
    t.lua(`node.LFS.reload("other.img")`);
    t.board.advance(10);
    expect(t.lua("return tostring(node.LFS.list())")).toBe("nil");
  });

  it("the flash command's init.lua starts the LFS module at boot, and takes the USB port with it", async () => {
    const t = await chip();
    t.lua(`node.LFS.reload("parcelbox.img")`);
    t.board.advance(10);
    t.board.flash.create("init.lua", initLua("esp32").length);
    t.board.flash.write("init.lua", 0, Buffer.from(initLua("esp32"), "latin1"));
    t.board.reset("test");
    t.board.advance(10);
    expect(t.lua("return booted_from_lfs")).toBe("true");
    t.board.usb.takeOutput();
    t.board.usb.send("hacked = 1\r\n");
    t.board.advance(10);
    expect(t.lua("return tostring(hacked)")).toBe("nil");
    expect(t.box.failures).toEqual([]);
  });

  it("with the service button held at boot, init.lua still starts the box: the button is its factory reset, not a way to the prompt", async () => {
    const t = await chip();
    t.lua(`node.LFS.reload("parcelbox.img")`);
    t.board.advance(10);
    t.board.flash.create("init.lua", initLua("esp32").length);
    t.board.flash.write("init.lua", 0, Buffer.from(initLua("esp32"), "latin1"));
    t.board.serviceButton.press();
    t.board.reset("test");
    t.board.advance(10);
    expect(t.lua("return booted_from_lfs")).toBe("true");
    t.board.usb.takeOutput();
    t.board.usb.send("print(6 * 7)\r\n");
    t.board.advance(10);
    expect(t.board.usb.takeOutput()).not.toContain("42");
    expect(t.box.failures).toEqual([]);
  });
});
