/** The USB serial link through NodeMCU's console module: bytes both ways, no Lua prompt. */
import { afterEach, describe, expect, it } from "vitest";
import { bootBox, closeBoxes, collected, VMS } from "./helpers.ts";

afterEach(closeBoxes);

const ALL_BYTES = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));

describe.each(VMS)("USB serial on %s", (vm) => {
  it("sends the firmware's bytes, binary ones included, to the host", async () => {
    const t = await bootBox(vm);
    t.lua(`local b = {} for i = 0, 255 do b[#b + 1] = string.char(i) end parcelboxBoard.usb.write(table.concat(b))`);
    expect(t.board.usb.takeOutput()).toBe(ALL_BYTES);
  });

  it("hands the host's bytes to the firmware from the task queue", async () => {
    const t = await bootBox(vm);
    t.lua(`got = {} parcelboxBoard.usb.onData(function(c) got[#got + 1] = c:byte(1) .. "+" .. #c end)`);
    t.board.usb.send("\x00abc");
    expect(collected(t, "got")).toEqual([]);
    t.board.advance(0);
    t.board.usb.send("\xffz");
    t.board.advance(0);
    expect(collected(t, "got")).toEqual(["0+4", "255+2"]);
  });

  it("gives the host no Lua prompt once the firmware owns the port", async () => {
    const t = await bootBox(vm);
    t.board.usb.send("pwned = 1\r\n");
    t.board.advance(10);
    expect(t.lua("return pwned")).toBe("nil");
    // The firmware's USB protocol answers the line as an unknown command; Lua never sees it.
    expect(t.board.usb.takeOutput()).toMatch(/^pwned ERR E_UNKNOWN\r\n/);
  });

  it("runs lines as Lua on a firmware that does not take the port (the prompt exists)", async () => {
    const t = await bootBox(vm, {}, { firmware: "-- empty init.lua" });
    t.board.usb.send("print(6 * 7)\n");
    t.board.advance(0);
    expect(t.board.usb.takeOutput()).toBe("print(6 * 7)\n42\n> ");
  });
});
