/**
 * The owner's side on demand. A Pico has 5,100 JsVars; the owner's side (the USB protocol,
 * provisioning, the log: firmware/core/owner) is needed only while the owner's laptop talks, so
 * it is a Storage file of its own (OWNER_FILE, built from ./owner.ts), evaluated straight from
 * Storage at the first USB data (its functions' code stays in flash, only their closures take
 * RAM), and released once the port has been quiet for OWNER_IDLE_MS, at the next keypad scan:
 * the first key of the next entry at the door gives the memory back. No timer of its own does
 * it: a box on its battery would wake once more for every USB session (the scenarios count
 * wake-ups), and an untouched box needs no memory back.
 *
 * The chunk that wakes it is handed on, so the first line after a wake is answered. While it is
 * loaded the box's news goes out as `* EVENT` lines; released, nobody listens, and the nonces it
 * handed out are forgotten as after a reboot (docs/protocol.md). Every USB chunk passes through
 * here, so the port's quiet time is measured from the last byte the owner sent.
 */
import type { Board, SerialLink } from "../core/board";
import type { BoxPort } from "../core/box-port";
import { boxShared } from "./box-shared";

/** The owner's side in Storage (tools/build/espruino-storage.ts writes it there). */
export const OWNER_FILE = ".pbowner";
/** How long the port stays quiet before the owner's side is released. */
export const OWNER_IDLE_MS = 300000;
/** What the port answers when the owner's side is not in Storage (an upload of .bootcde alone). */
const MISSING = "- ERR E_INTERNAL no Storage file .pbowner: flash the box again\r\n";

/**
 * What OWNER_FILE evaluates to: a function that takes what the box's file shares with it
 * (./box-shared.ts) and gives firmware/core/owner's startOwnerSide.
 */
type OwnerFile = (shared: object) => (board: Board, box: BoxPort) => void;

export function ownerOnDemand(board: Board, box: BoxPort): void {
  let receive: ((chunk: string) => void) | undefined = undefined;
  let lastDataMs = 0;
  board.keypad.onScan(() => {
    if (receive !== undefined && board.timers.uptimeMs() - lastDataMs >= OWNER_IDLE_MS) {
      receive = undefined;
      box.onNews(undefined);
    }
  });
  board.usb.onData((chunk) => {
    if (receive === undefined) {
      const code = global.require("Storage").read(OWNER_FILE);
      const file = code === undefined ? undefined : (global.eval(code) as OwnerFile);
      const start = typeof file === "function" ? file(boxShared()) : undefined;
      if (typeof start !== "function") {
        board.usb.write(MISSING);
        return;
      }
      // The owner's side sees the board through a view whose USB input is ours to hand on (and to
      // take back at release); everything else is the board's own.
      const usb: SerialLink = {
        write: board.usb.write,
        onData: (handler) => {
          receive = handler;
        },
      };
      const view = Object.create(board) as { usb: SerialLink };
      view.usb = usb;
      start(view as Board, box);
    }
    lastDataMs = board.timers.uptimeMs();
    if (receive !== undefined) receive(chunk);
  });
}
