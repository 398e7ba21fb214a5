/**
 * The power-cut campaign (./campaign-suite.ts) on build/nodemcu/esp8266/parcelbox.lua in the wasmoon Lua
 * VM (fengari, the default VM, is several times slower for a month of keypad entries). Switches
 * for the full run are documented there: PARCELBOX_FULL_CAMPAIGN=1, PARCELBOX_CAMPAIGN_TO_END=1.
 */
import { campaign } from "./campaign-suite.ts";

campaign("nodemcu (wasmoon)", { runtime: "nodemcu", lua: "wasmoon" });
