/**
 * The NodeMCU boards' profiles (what firmware/boards/profiles.ts says about them). Each is a file of
 * its own, so each chip's NodeMCU build (and its LFS image) carries only its own board.
 */
export { ESP32_NODEMCU } from "./nodemcu-esp32";
export { ESP8266_NODEMCU } from "./nodemcu-esp8266";
