/**
 * NodeMCU's console module (ESP32) on the board's USB serial link (./usb-input.ts does the
 * receiving). At boot the console is interactive: it echoes and runs each line as Lua;
 * console.mode(NONINTERACTIVE) stops that, and console.on("data", n, cb) gets the bytes.
 */
import { bytesOfHex, intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";
import { attachUsbInput } from "./usb-input.ts";

/** console.c's enum { NONINTERACTIVE, INTERACTIVE }. */
const NONINTERACTIVE = 0;
const INTERACTIVE = 1;

export function installConsole(boot: NodeMcuBoot): void {
  const usb = boot.board.usb;
  const input = attachUsbInput(boot, "console");

  boot.register("__host_console_mode", (m) => {
    const mode = intArg(m, "console.mode");
    if (mode !== INTERACTIVE && mode !== NONINTERACTIVE) throw new Error("console.mode: invalid mode");
    input.interpreter = mode === INTERACTIVE;
    return undefined;
  });
  boot.register("__host_console_on", (n, endHex, id) => {
    input.listen(intArg(id, "console.on"), intArg(n, "console.on"), bytesOfHex(endHex));
    return undefined;
  });
  boot.register("__host_console_write", (hex) => {
    usb.fromBox(bytesOfHex(hex));
    return undefined;
  });
  boot.vm.run(luaModuleSource("console"), "console.lua");
}
