/**
 * Entry point of the ESP32 build, build/nodemcu/esp32/parcelbox.lua (./main.ts): Lua's io.open for
 * file contents (dev-esp32's file module has no open), light sleep, the console module for USB
 * where the firmware has one. ESP32 NodeMCU configures pins with gpio.config and has no gpio.mode
 * (ESP8266's): on a bare Lua VM (no gpio) nothing starts, and on the other chip the file says so
 * instead of starting on the wrong pins and APIs.
 */
import { ESP32_NODEMCU } from "../boards/nodemcu-esp32";
import { timerCoil } from "./coil-timer";
import { nodeMcuLightSleep } from "./light-sleep";
import { startNodeMcu } from "./main";
import { esp32System } from "./system-esp32";

if (gpio !== undefined && gpio.config !== undefined) {
  const sleep = startNodeMcu({ profile: ESP32_NODEMCU, system: esp32System(), open: io.open, lightSleep: nodeMcuLightSleep, coil: timerCoil, usbConsole: _G.console });
  if (sleep !== undefined) {
    // Light sleep whenever idle (light-sleep.ts); the owner's tool wakes the box with WAKE_PREAMBLE
    // (docs/protocol.md). parcelboxSleep.enable(false) keeps the chip awake.
    sleep.enable(true);
    _G.parcelboxSleep = sleep;
  }
} else if (gpio !== undefined) print("parcelbox: this is the ESP32 build (lfs-esp32.img)");
