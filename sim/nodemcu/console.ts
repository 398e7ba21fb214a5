/**
 * NodeMCU's console module (ESP32) on the board's USB serial link. Bytes from the host arrive
 * as tasks on the boot's queue. At boot the console is interactive: it echoes and runs each line
 * as Lua, printing "> " after it, as NodeMCU's prompt does; console.mode(NONINTERACTIVE) stops
 * that, and console.on("data", n, cb) gets the bytes (n = 0: each chunk as it comes; n > 0: n
 * bytes at a time; a one-byte string: up to and including that byte).
 */
import { bytesOfHex, intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";

const INTERACTIVE = 0;

export function installConsole(boot: NodeMcuBoot): void {
  const usb = boot.board.usb;
  let mode = INTERACTIVE;
  let callback = 0;
  let size = 0;
  let terminator = "";
  let buffered = "";
  let line = "";

  const deliver = (chunk: string): void => {
    if (mode === INTERACTIVE) {
      usb.fromBox(chunk);
      line += chunk;
      let end: number;
      while ((end = line.search(/[\r\n]/)) >= 0) {
        const text = line.slice(0, end);
        line = line.slice(end + 1);
        if (text.length > 0) boot.interpret("console", text);
        if (boot.alive && mode === INTERACTIVE) usb.fromBox("> ");
      }
    }
    if (callback === 0) return;
    if (size === 0 && terminator === "") {
      boot.runBytes("console", callback, chunk);
      return;
    }
    buffered += chunk;
    for (;;) {
      let take = -1;
      if (terminator !== "") {
        const at = buffered.indexOf(terminator);
        if (at >= 0) take = at + 1;
      } else if (buffered.length >= size) {
        take = size;
      }
      if (take < 0 || !boot.alive) return;
      const piece = buffered.slice(0, take);
      buffered = buffered.slice(take);
      boot.runBytes("console", callback, piece);
    }
  };
  const toBox = (chunk: string): void => {
    if (boot.alive) boot.queueTask(0, () => deliver(chunk));
  };
  usb.on("toBox", toBox);
  boot.onEnd(() => usb.off("toBox", toBox));

  boot.register("__host_console_mode", (m) => {
    mode = intArg(m, "console.mode");
    return undefined;
  });
  boot.register("__host_console_on", (n, endHex, id) => {
    callback = intArg(id, "console.on");
    size = intArg(n, "console.on");
    terminator = bytesOfHex(endHex);
    buffered = "";
    return undefined;
  });
  boot.register("__host_console_write", (hex) => {
    usb.fromBox(bytesOfHex(hex));
    return undefined;
  });
  boot.vm.run(luaModuleSource("console"), "console.lua");
}
