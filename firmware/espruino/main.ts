/**
 * Entry point of build/espruino/parcelbox.js. The hash API (`parcelbox`) is there as soon as the
 * file has run, on any interpreter; the board is built at power-up, from the E.on("init") event
 * Espruino fires after running the saved code (.bootcde).
 */
import { ESPRUINO_PICO, ESPRUINO_WIFI, type BoardProfile } from "../boards/profiles";
import { coreApi } from "../core/api";
import { startBox } from "../core/box";
import { startOwnerSide } from "../core/owner/index";
import { espruinoBoard } from "./board";
import { espruinoHasher } from "./native-hash";

global.parcelbox = coreApi("espruino", espruinoHasher());

/** The profile of the board we run on (process.env.BOARD), the Pico when it is not one we know. */
function runningProfile(): BoardProfile {
  const found = [ESPRUINO_PICO, ESPRUINO_WIFI].find((p) => p.espruinoBoard === process.env.BOARD);
  return found === undefined ? ESPRUINO_PICO : found;
}

function start(): void {
  const board = espruinoBoard(runningProfile());
  // The board stays reachable for the simulator's probes (test/sim); the box owns its handlers.
  global.parcelboxBoard = board;
  const box = startBox(board);
  global.parcelboxBox = box;
  // The owner's side (USB, provisioning, the log) reaches the box only through its BoxPort.
  startOwnerSide(board, box);
}

// A bare interpreter (the conformance harness offers only crypto) has no E.on and no pins.
if (typeof E.on === "function") E.on("init", start);
