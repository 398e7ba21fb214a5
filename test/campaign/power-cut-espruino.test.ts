/**
 * The power-cut campaign (./campaign-suite.ts) on build/espruino/parcelbox.js. Switches for the
 * full run are documented there: PARCELBOX_FULL_CAMPAIGN=1, PARCELBOX_CAMPAIGN_TO_END=1.
 */
import { campaign } from "./campaign-suite.ts";

campaign("espruino", { runtime: "espruino" });
