/**
 * The box's start on NodeMCU, shared by the two chips' entry points (./main-esp8266.ts,
 * ./main-esp32.ts): each is the LFS module `parcelbox` init.lua starts at every power-up in its
 * chip's build (build/nodemcu/<chip>/parcelbox.lua), and hands in what differs between the two
 * NodeMCU firmwares: the board profile, the system services (./system-port.ts) and, on ESP32 only,
 * light sleep. A build per chip, not one file that picks at run time: each LFS image then carries
 * only its own chip's code (flash), and the ESP8266 no closures of light sleep (heap).
 *
 * The owner's side (USB, provisioning, the log) is a later module of the same bundle, loaded only
 * while the port talks (./owner-on-demand.ts); the test-only hash API is another build file
 * (./conformance.ts) that never ships.
 */
import type { BoardProfile } from "../boards/board-profile";
import { startBox } from "../core/box";
import type { I2cPort } from "../core/drivers/i2c-port";
import type { Pcf8574 } from "../core/drivers/pcf8574";
import { nodeMcuBattery } from "./battery";
import { nodeMcuBoard, type NodeMcuCoil } from "./board";
import { nodeMcuClock, nodeMcuI2c } from "./clock";
import { nodeMcuFlash } from "./flash";
import type { LightSleep } from "./light-sleep";
import { ownerOnDemand } from "./owner-on-demand";
import { gpioNumber, nodeMcuPins, type NodeMcuPins } from "./pin-map";
import { pinWriter } from "./pin-writer";
import { nodeMcuSerial } from "./serial";
import type { NodeMcuSystem } from "./system-port";
import { nodeMcuTimers, type NodeMcuTimers } from "./timers";

/** What differs between the two chips' NodeMCU firmwares, handed in by each chip's entry point. */
export interface NodeMcuChipParts {
  profile: BoardProfile;
  system: NodeMcuSystem;
  /** How file contents are opened: file.open on ESP8266, Lua's io.open on ESP32 (./flash.ts). */
  open: (this: void, name: string, mode: string) => NodeMcuFile | undefined;
  /** ESP32: the chip's light sleep, made from the timers (undefined where the firmware cannot). ESP8266 NodeMCU cannot light-sleep. */
  lightSleep?: (this: void, timers: NodeMcuTimers) => LightSleep | undefined;
  /** ESP32: the console module, which owns the USB port on later dev-esp32 builds; else the uart module's. */
  usbConsole?: NodeMcuConsole;
  /** The lock's coil: gpio.serout on ESP8266 (./coil-serout.ts), a Lua timer on ESP32 (./coil-timer.ts). */
  coil: NodeMcuCoil;
  /** ESP8266: the port expander (its profile puts the rows and slow outputs on a PCF8574; ./expander.ts). */
  expander?: (this: void, port: I2cPort, pins: NodeMcuPins) => Pcf8574 | undefined;
}

/** Starts the box on the chip's board; gives its light sleep, for the entry to switch on. */
export function startNodeMcu(chip: NodeMcuChipParts): LightSleep | undefined {
  // Every module of the box is loaded by now (their requires ran as the entry loaded): the bundle
  // forgets their exports tables before the box starts, so they are garbage while it reads its
  // flash (the boot's peak: 30.3 -> 23.2 KB live on ESP8266); the modules the owner's side shares
  // with the box stay cached as the names it reads (tools/build/lua-bundle-plugin.ts).
  ____bundleForget();
  const profile = chip.profile;
  const pins = nodeMcuPins(profile);
  const port = nodeMcuI2c(gpioNumber(profile.pins.i2cSda), gpioNumber(profile.pins.i2cScl), gpioNumber(profile.pins.rtcPower));
  // The expander first: a PCF8574 powers up with every pin released (high), which is every output
  // off, since they are wired active low; its idle byte pulls the keypad rows low and keeps the
  // outputs off.
  const expander = chip.expander === undefined ? undefined : chip.expander(port, pins);
  const clock = nodeMcuClock(port, chip.system);
  const timers = nodeMcuTimers(chip.system);
  const sleep = chip.lightSleep === undefined ? undefined : chip.lightSleep(timers);
  const usb = nodeMcuSerial(sleep === undefined ? undefined : sleep.usbActivity, chip.usbConsole);
  const board = nodeMcuBoard(profile.name, pins, clock, pinWriter(expander), chip.system, timers, sleep, nodeMcuBattery(profile), nodeMcuFlash(chip.open), usb, chip.coil);
  // The board stays reachable for the simulator's probes (test/sim); the box owns its handlers.
  _G.parcelboxBoard = board;
  const box = startBox(board);
  _G.parcelboxBox = box;
  // The owner's side (USB, provisioning, the log) reaches the box only through its BoxPort, and is
  // in heap only while the port talks.
  ownerOnDemand(board, box);
  return sleep;
}
