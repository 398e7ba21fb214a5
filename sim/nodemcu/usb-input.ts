/**
 * What NodeMCU does with bytes arriving on the USB port, shared by the ESP32 console module and
 * the ESP8266 uart module: while the interpreter listens (console INTERACTIVE, uart.on run_input
 * 1, and always at boot) it echoes them and runs each line as Lua, printing "> " after it, as
 * NodeMCU's prompt does; a data callback gets them framed as the modules' `on("data", n, cb)`
 * asks (n = 0: each chunk as it comes; n > 0: n bytes at a time; a one-byte string: up to and
 * including that byte). Bytes arrive as tasks on the boot's queue, never inside the host's write.
 */
import type { NodeMcuBoot } from "./boot.ts";

export interface UsbInput {
  /** Whether lines go to the Lua interpreter. */
  interpreter: boolean;
  /** Sets the data callback (registry id, 0 for none) and its framing. */
  listen(callback: number, size: number, terminator: string): void;
}

export function attachUsbInput(boot: NodeMcuBoot, source: string): UsbInput {
  const usb = boot.board.usb;
  let callback = 0;
  let size = 0;
  let terminator = "";
  let buffered = "";
  let line = "";
  const input: UsbInput = {
    interpreter: true,
    listen(id, n, end) {
      callback = id;
      size = n;
      terminator = end;
      buffered = "";
    },
  };

  const deliver = (chunk: string): void => {
    if (input.interpreter) {
      usb.fromBox(chunk);
      line += chunk;
      let end: number;
      while ((end = line.search(/[\r\n]/)) >= 0) {
        const text = line.slice(0, end);
        line = line.slice(end + 1);
        if (text.length > 0) boot.interpret(source, text);
        if (boot.alive && input.interpreter) usb.fromBox("> ");
      }
    }
    if (callback === 0) return;
    if (size === 0 && terminator === "") {
      boot.runBytes(source, callback, chunk);
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
      boot.runBytes(source, callback, piece);
    }
  };
  boot.usbInput = input;
  const toBox = (chunk: string): void => {
    if (!boot.alive) return;
    // In ESP32 light sleep the UART receives nothing, unless it is a wake source (./sleep.ts).
    const received = boot.sleeping && boot.sleep !== undefined ? boot.sleep.uartWhileAsleep(0, chunk) : chunk;
    if (received !== "") boot.queueTask(0, () => deliver(received));
  };
  usb.on("toBox", toBox);
  boot.onEnd(() => usb.off("toBox", toBox));
  return input;
}
