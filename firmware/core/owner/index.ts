/**
 * The owner's side of the box: the USB port (../usb/), provisioning, the clock, the log and the
 * rest of the owner's operations (./commands.ts). It reaches the box only through the BoxPort an
 * entry point hands it (../box-port.ts), and the box never imports it, so it can be left out, or
 * loaded only while USB is connected, without the box noticing.
 */
import type { Board } from "../board";
import type { BoxPort } from "../box-port";
import { UsbServer } from "../usb/server";
import { ownerCommands } from "./commands";

/** Starts serving the USB port for the box: reads every chunk, answers, and forwards the box's news. */
export function startOwnerSide(board: Board, box: BoxPort): UsbServer {
  const memory = box.memory;
  const server = new UsbServer({
    handlers: ownerCommands(board, box),
    isProvisioned: () => memory.keys !== undefined,
    usbKey: () => {
      const keys = memory.keys;
      return keys === undefined ? "" : keys.usbKey;
    },
    hasher: board.hasher,
    randomBytes: (n) => board.system.randomBytes(n),
    uptimeMs: () => board.timers.uptimeMs(),
    write: (text) => board.usb.write(text),
  });
  board.usb.onData((chunk) => {
    box.awake();
    server.receive(chunk);
  });
  box.onNews((kind, fields) => server.event(kind, fields));
  return server;
}
