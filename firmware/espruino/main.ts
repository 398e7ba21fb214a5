/**
 * Entry point of build/espruino/parcelbox.js, the Storage file `.bootcde` Espruino runs at every
 * power-up: the box itself. The board is built, and the box started, from the E.on("init") event
 * Espruino fires after running the saved code, for the board the file is built for: the build
 * writes one box file per Espruino board (./build-board.ts), and `parcelbox flash` uploads the one
 * for the board it finds (process.env.BOARD). The owner's side (USB, provisioning, the log) is a Storage
 * file of its own, loaded only while the port talks (./owner-on-demand.ts); the test-only hash API
 * is another build file (./conformance.ts) that never ships.
 */
import { startBox } from "../core/box";
import { espruinoBoard } from "./board";
import { ownerOnDemand } from "./owner-on-demand";

function start(): void {
  const board = espruinoBoard();
  // The board and the box stay reachable for the simulator's probes (test/sim, sim/espruino/mangled.ts).
  global.parcelboxBoard = board;
  const box = startBox(board);
  global.parcelboxBox = box;
  ownerOnDemand(board, box);
}

// A bare interpreter has no E.on and no pins.
if (typeof E.on === "function") E.on("init", start);
