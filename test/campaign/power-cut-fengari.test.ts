/**
 * The power-cut campaign (./campaign-suite.ts) on build/nodemcu/esp8266/parcelbox.lua in fengari, whose
 * 32-bit integers are NodeMCU's own. Skipped unless PARCELBOX_CAMPAIGN_FENGARI=1: a month of
 * keypad entries is about five times slower there than in wasmoon (./power-cut-nodemcu.test.ts).
 */
import { campaign } from "./campaign-suite.ts";

campaign("nodemcu (fengari)", { runtime: "nodemcu", lua: "fengari" }, {
  skip: process.env.PARCELBOX_CAMPAIGN_FENGARI !== "1",
  why: "a month of keypad entries is about five times slower in fengari than in wasmoon, which make test runs",
  how: "PARCELBOX_CAMPAIGN_FENGARI=1 npx vitest run test/campaign/power-cut-fengari.test.ts",
});
