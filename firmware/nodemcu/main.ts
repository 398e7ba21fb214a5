/**
 * Entry point of build/nodemcu/parcelbox.lua. The hash API (`parcelbox`) is there as soon as the
 * file has run, on any Lua; the board (ESP32 profile) is built when NodeMCU's modules are there.
 */
import { ESP32_NODEMCU } from "../boards/profiles";
import { coreApi } from "../core/api";
import { startBox } from "../core/box";
import { nodeMcuBoard } from "./board";
import { nodeMcuClock, nodeMcuI2c } from "./clock";
import { nodeMcuHasher } from "./native-hash";
import { gpioNumber, nodeMcuPins } from "./pin-map";

_G.parcelbox = coreApi("nodemcu", crypto !== undefined ? nodeMcuHasher() : undefined);

function start(): void {
  const profile = ESP32_NODEMCU;
  const clock = nodeMcuClock(nodeMcuI2c(gpioNumber(profile.pins.i2cSda), gpioNumber(profile.pins.i2cScl)));
  const board = nodeMcuBoard(profile.name, nodeMcuPins(profile), clock);
  // The board stays reachable for the simulator's probes (test/sim); the box owns its handlers.
  _G.parcelboxBoard = board;
  _G.parcelboxBox = startBox(board);
}

// A bare Lua VM (the conformance harness offers only crypto) has no gpio module and no pins.
if (gpio !== undefined) start();
