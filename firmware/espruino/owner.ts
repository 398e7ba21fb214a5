/**
 * Entry point of build/espruino/owner.js, the Storage file `.pbowner`: the owner's side of the
 * box (firmware/core/owner: the USB protocol, provisioning, the clock, the log). The build makes
 * the file a single expression whose value is startOwnerSide, so that the box's file can
 * evaluate it straight from Storage while USB talks and drop it afterwards
 * (./owner-on-demand.ts); the functions' code stays in flash.
 */
import { startOwnerSide } from "../core/owner/index";

export default startOwnerSide;
