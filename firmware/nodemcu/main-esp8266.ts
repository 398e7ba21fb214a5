/**
 * Entry point of the ESP8266 build, build/nodemcu/esp8266/parcelbox.lua (./main.ts): file.open for
 * file contents, the PCF8574 port expander, no light sleep, the uart module for USB. ESP8266 NodeMCU has gpio.mode and no
 * gpio.config (ESP32's): on a bare Lua VM (no gpio) nothing starts, and on the other chip the file
 * says so instead of starting on the wrong pins and APIs.
 */
import { ESP8266_NODEMCU } from "../boards/nodemcu-esp8266";
import { seroutCoil } from "./coil-serout";
import { nodeMcuExpander } from "./expander";
import { startNodeMcu } from "./main";
import { esp8266System } from "./system-esp8266";

if (gpio !== undefined && gpio.mode !== undefined && file.open !== undefined) {
  startNodeMcu({ profile: ESP8266_NODEMCU, system: esp8266System(), open: file.open, expander: nodeMcuExpander, coil: seroutCoil });
} else if (gpio !== undefined) print("parcelbox: this is the ESP8266 build (lfs-esp8266.img)");
