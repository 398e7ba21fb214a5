/**
 * The Storage files an Espruino board needs to run the box, in the order they are written: what
 * `parcelbox flash` uploads (for the board it finds), what the simulator's real-interpreter runtime (sim/espruino-real)
 * puts into the interpreter's Storage before it boots, and what the node:vm runtime
 * (sim/espruino) runs. The one place that says how the build is laid out in flash; each file is
 * the build's pretokenised form (tools/build/espruino-files.ts), byte for byte. The box's file is
 * built for one board (firmware/espruino/build-board.ts); the owner's side serves them all.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { OWNER_FILE } from "../../firmware/espruino/owner-on-demand.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface StorageFile {
  /** The Storage name (at most 28 characters). */
  name: string;
  /** The built file that goes there, byte for byte. */
  path: string;
}

/** The Storage file Espruino runs at every power-up, then the E.on("init") handlers it registered. */
export const BOOT_FILE = ".bootcde";

/** The reference board, whose box file is build/espruino/parcelbox.js (others': parcelbox-<board>.js). */
export const REFERENCE_BOARD = "espruino-pico";

/** The box's file for Espruino board profile `board`, without its extension (.js, .tok), under build/espruino. */
export function boxFileName(board: string): string {
  return board === REFERENCE_BOARD ? "parcelbox" : `parcelbox-${board}`;
}

/** The Storage files for board profile `board` (the reference board's by default). */
export function espruinoStorageFiles(board = REFERENCE_BOARD, buildDir = join(ROOT, "build/espruino")): StorageFile[] {
  return [
    // The box, built for this board: it runs at every power-up.
    { name: BOOT_FILE, path: join(buildDir, `${boxFileName(board)}.tok`) },
    // The owner's side: the box evaluates it from Storage while USB talks (firmware/espruino/owner-on-demand.ts).
    { name: OWNER_FILE, path: join(buildDir, "owner.tok") },
  ];
}
