/**
 * NodeMCU's uart module (ESP8266) on the board's USB serial link: UART 0 is the USB port and, at
 * boot, the Lua interpreter's (./usb-input.ts). uart.on("data", n, cb, run_input) hands the bytes
 * to cb; run_input 0 takes them away from the interpreter, which is how firmware owns the port.
 * ESP8266 has no console module: print() writes here too.
 */
import { bytesOfHex, intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";
import { attachUsbInput } from "./usb-input.ts";

export function installUart(boot: NodeMcuBoot): void {
  const usb = boot.board.usb;
  const input = attachUsbInput(boot, "uart");
  const write = (hex: string): undefined => {
    usb.fromBox(bytesOfHex(hex));
    return undefined;
  };

  boot.register("__host_uart_on", (n, endHex, id, runInput) => {
    const callback = intArg(id, "uart.on");
    input.listen(callback, intArg(n, "uart.on"), bytesOfHex(endHex));
    // Unregistering the callback gives the port back to the interpreter, as on the device.
    input.interpreter = callback === 0 || intArg(runInput, "uart.on") !== 0;
    return undefined;
  });
  boot.register("__host_uart_write", (id, hex) => {
    if (intArg(id, "uart.write") !== 0) throw new Error(`uart.write: uart ${id} is not wired (only 0, the USB port)`);
    return write(hex);
  });
  // print() (modules/host.lua) writes to the console, which on ESP8266 is UART 0.
  boot.register("__host_console_write", write);
  boot.vm.run(luaModuleSource("uart"), "uart.lua");
}
