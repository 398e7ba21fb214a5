/**
 * Entry point of build/nodemcu/parcelbox.lua, the LFS module `parcelbox` init.lua starts at every
 * power-up: the box itself. The board is built when NodeMCU's modules are there. The owner's side
 * (USB, provisioning, the log) is an LFS module of its own, loaded only while the port talks
 * (./owner-on-demand.ts); the test-only hash API is another build file (./conformance.ts) that
 * never ships.
 *
 * One file runs on both chips: the board profile is picked at run time from the gpio module,
 * whose shape differs between the two NodeMCU firmwares. ESP32 NodeMCU configures pins with
 * gpio.config and has no gpio.mode; ESP8266 NodeMCU has gpio.mode (and gpio.serout) and no
 * gpio.config. Both modules are always built in, unlike node.chipid or node.info, whose presence
 * and fields differ between firmware versions.
 */
import type { BoardProfile } from "../boards/board-profile";
import { ESP32_NODEMCU, ESP8266_NODEMCU } from "../boards/nodemcu-profiles";
import { startBox } from "../core/box";
import { connectPcf8574 } from "../core/drivers/pcf8574";
import { nodeMcuBattery } from "./battery";
import { nodeMcuBoard } from "./board";
import { nodeMcuClock, nodeMcuI2c } from "./clock";
import { nodeMcuLightSleep } from "./light-sleep";
import { ownerOnDemand } from "./owner-on-demand";
import { expanderIdleByte, gpioNumber, nodeMcuPins } from "./pin-map";
import { pinWriter } from "./pin-writer";
import { nodeMcuSystem } from "./system";
import { nodeMcuTimers } from "./timers";

/** The profile of the chip this file runs on (see above). */
function chipProfile(): BoardProfile {
  return gpio.config !== undefined ? ESP32_NODEMCU : ESP8266_NODEMCU;
}

function start(): void {
  const profile = chipProfile();
  const pins = nodeMcuPins(profile);
  const port = nodeMcuI2c(gpioNumber(profile.pins.i2cSda), gpioNumber(profile.pins.i2cScl), gpioNumber(profile.pins.rtcPower));
  // The expander first: a PCF8574 powers up with every pin released (high), which is every output
  // off, since they are wired active low; its idle byte pulls the keypad rows low and keeps the
  // outputs off.
  const expander = pins.expanderAddress >= 0 ? connectPcf8574(port, pins.expanderAddress, expanderIdleByte(pins)) : undefined;
  const system = nodeMcuSystem();
  const clock = nodeMcuClock(port, system);
  const timers = nodeMcuTimers(system);
  const sleep = nodeMcuLightSleep(timers);
  const board = nodeMcuBoard(profile.name, pins, clock, pinWriter(expander), system, timers, sleep, nodeMcuBattery(profile));
  // The board stays reachable for the simulator's probes (test/sim); the box owns its handlers.
  _G.parcelboxBoard = board;
  const box = startBox(board);
  _G.parcelboxBox = box;
  // The owner's side (USB, provisioning, the log) reaches the box only through its BoxPort, and is
  // in heap only while the port talks.
  ownerOnDemand(board, box);
  // ESP32 light sleep whenever idle (light-sleep.ts); the owner's tool wakes the box with
  // WAKE_PREAMBLE (docs/protocol.md). parcelboxSleep.enable(false) keeps the chip awake.
  sleep.enable(sleep.available());
  _G.parcelboxSleep = sleep;
}

// A bare Lua VM has no gpio module and no pins.
if (gpio !== undefined && (gpio.config !== undefined || gpio.mode !== undefined)) start();
