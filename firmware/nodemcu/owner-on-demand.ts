/**
 * The owner's side on demand, as on Espruino (firmware/espruino/owner-on-demand.ts). An ESP8266
 * has about 40 KB of heap; the owner's side (the USB protocol, provisioning, the log:
 * firmware/core/owner) is needed only while the owner's laptop talks. Its modules are in the
 * box's own bundle (build/nodemcu/<chip>/parcelbox.lua, one LFS module: their code stays in flash), but
 * nothing imports them: they are loaded at the first USB data (____bundleLoad, the bundle's own
 * loader, tools/build/lua-bundle-plugin.ts), which is when their closures and tables take heap,
 * and forgotten when the port has been quiet for OWNER_IDLE_MS (____bundleForget), so an idle box
 * at the door does not carry them. Before the box starts (main.ts), the bundle forgets every module
 * it loaded, so no module's exports stay in heap for a later `require`.
 *
 * The chunk that wakes the owner's side is handed on, so the first line after a wake is answered.
 * While it is loaded the box's news goes out as `* EVENT` lines; released, nobody listens, and the
 * nonces it handed out are forgotten as after a reboot (docs/protocol.md). Every USB chunk passes
 * through here, so the port's quiet time is measured from the last byte the owner sent.
 */
import type { Board, SerialLink } from "../core/board";
import type { BoxPort } from "../core/box-port";
import { USB_AWAKE_MS } from "./light-sleep";

/**
 * How long the port stays quiet before the owner's side is released: the window an ESP32 stays
 * awake after USB bytes (light-sleep.ts), so the release never wakes a sleeping chip by itself.
 * Each command of the owner's tool asks for its nonce first (HELLO), so a release between two
 * commands costs nothing but the reload.
 */
export const OWNER_IDLE_MS = USB_AWAKE_MS;

type OwnerModule = typeof import("../core/owner/index");

export function ownerOnDemand(board: Board, box: BoxPort): void {
  let receive: ((chunk: string) => void) | undefined = undefined;
  let idle = -1;
  const release = (): void => {
    receive = undefined;
    idle = -1;
    box.onNews(undefined);
    ____bundleForget();
  };
  board.usb.onData((chunk) => {
    if (receive === undefined) {
      // typescript-to-lua's module path of firmware/core/owner/index.ts, a string literal: the
      // build keeps in the bundle what it names (tools/build/lua-bundle-plugin.ts).
      const owner = ____bundleLoad("core.owner.index") as OwnerModule;
      // The owner's side sees the board through a view whose USB input is ours to hand on (and to
      // take back at release); everything else is the board's own.
      const usb: SerialLink = {
        write: board.usb.write,
        onData: (handler) => {
          receive = handler;
        },
      };
      owner.startOwnerSide(setmetatable({ usb: usb }, { __index: board }) as Board, box);
      // What it loaded is held by its own closures now: the bundle forgets the modules' exports
      // tables at once rather than carry them through the session until the release.
      ____bundleForget();
    }
    if (idle >= 0) board.timers.cancel(idle);
    idle = board.timers.after(OWNER_IDLE_MS, release);
    if (receive !== undefined) receive(chunk);
  });
}
