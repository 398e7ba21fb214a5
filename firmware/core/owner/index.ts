/**
 * The owner's side of the box: the USB port (../usb/), provisioning, the clock, the log and the
 * rest of the owner's operations (./commands.ts). It reaches the box only through the BoxPort an
 * entry point hands it (../box-port.ts), and the box never imports it, so it can be left out, or
 * loaded only while USB is connected, without the box noticing.
 */
import type { Board } from "../board";
import type { BoxPort } from "../box-port";
import { Pb1 } from "../usb/protocol";
import { BOX_LINE_END, serveUsb } from "../usb/server";
import { ownerCommands } from "./commands";

/** Starts serving the USB port for the box: reads every chunk, answers, and forwards the box's news as `* EVENT` lines. */
export function startOwnerSide(board: Board, box: BoxPort): void {
  const receive = serveUsb(board, box.memory, ownerCommands(board, box));
  board.usb.onData((chunk) => {
    box.awake();
    receive(chunk);
  });
  box.onNews((kind, fields) => {
    // The box's news carries numbers and its own words only, so no value needs a `%` escape.
    let line = Pb1.EventId + " EVENT " + kind;
    for (let i = 0; i < fields.length; i++) line += " " + fields[i].key + "=" + fields[i].value;
    board.usb.write(line + BOX_LINE_END);
  });
}
