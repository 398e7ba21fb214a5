/**
 * The two stretches of a box's life the battery figure is made of, run on the BUILT firmware in
 * the simulator: an idle day (nobody at the box) and one delivery (a driver types a delivery
 * code made as the owner's tool makes it, the lock opens, the lid is lifted and shut). USB is
 * unplugged for both, as at the door.
 */
import "../../tools/lib/intrinsics-global.ts";
import { chooseWindow, codeText, deriveKeys } from "../../firmware/core/codes/host.ts";
import { AUTHENTICATOR_TOTP, totp } from "../../firmware/core/otp/totp.ts";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";
import { SimBox, type SimRuntimeName } from "../box.ts";
import type { LuaVmKind } from "../nodemcu/lua-vm.ts";
import { PowerMeter, type EnergyTally } from "./meter.ts";
import { DAY_MS } from "./model.ts";
import { chipSleepOf, countHmacs, luaProbe, type HmacCounter } from "./probes.ts";

export const ENERGY_SECRET = Buffer.from("3132333435363738393031323334353637383930", "hex");
/** 2026-11-28T09:00:00Z, a whole hour. */
export const ENERGY_START_UNIX = Date.parse("2026-11-28T09:00:00Z") / 1000;
/** How long one delivery is metered: typing, opening, the parcel going in, and the signals after. */
export const DELIVERY_WINDOW_MS = 60_000;

export interface Measured {
  tally: EnergyTally;
  hmacs: number;
  /** Whether the delivery code opened the lock (delivery only; true for the idle day). */
  opened: boolean;
  errors: string[];
}

export interface BuildChoice {
  runtime: SimRuntimeName;
  lua?: LuaVmKind;
  /** Board profile (firmware/boards/profiles.ts); default the runtime's (sim/box.ts). */
  profile?: string;
  /**
   * NodeMCU on ESP32: whether its light sleep is on (default: on, as the firmware boots; false
   * switches it off with parcelboxSleep.enable(false)). While on, the meter charges the chip's
   * own sleep, not Espruino's rule.
   */
  lightSleep?: boolean;
}

/** A provisioned box on battery: USB unplugged after provisioning, settled for an hour. */
export async function boxOnBattery(build: BuildChoice): Promise<SimBox> {
  const box = await SimBox.start({ runtime: build.runtime, lua: build.lua, profile: build.profile, unixTime: ENERGY_START_UNIX });
  box.provision(ENERGY_SECRET, ENERGY_START_UNIX);
  if (build.lightSleep === false && sleepsLikeEsp32(build)) luaProbe(box, "parcelboxSleep.enable(false)");
  box.board.usb.connected = false;
  box.advance(3_600_000);
  return box;
}

/** Whether the build is the NodeMCU firmware on an ESP32, the one that can light-sleep. */
function sleepsLikeEsp32(build: BuildChoice): boolean {
  return build.runtime === "nodemcu" && (build.profile === undefined || build.profile === "esp32-nodemcu");
}

/** The meter: on a light-sleeping ESP32, asleep is what the chip reports. */
export function meterFor(box: SimBox, build: BuildChoice): PowerMeter {
  const chipSleeps = sleepsLikeEsp32(build) && build.lightSleep !== false;
  return new PowerMeter(box.board, chipSleeps ? { chipSleep: chipSleepOf(box) } : {});
}

/** Ends a metered run: the tally, the HMACs counted (if they were), the firmware's errors; closes the box. */
function endRun(box: SimBox, meter: PowerMeter, hmacs: HmacCounter | undefined, opened: boolean): Measured {
  const tally = meter.read();
  const counted = hmacs === undefined ? 0 : hmacs.count();
  hmacs?.stop();
  meter.close();
  const errors = box.errors();
  box.close();
  return { tally, hmacs: counted, opened, errors };
}

/** Box seconds at the board's virtual now. */
function boxSecondsNow(box: SimBox): number {
  return ENERGY_START_UNIX - BOX_EPOCH_UNIX + Math.floor(box.board.scheduler.nowMs / 1000);
}

/** A day with nobody at the box, metered from an hour after provisioning. */
export async function measureIdleDay(build: BuildChoice, days = 1): Promise<Measured> {
  const box = await boxOnBattery(build);
  const meter = meterFor(box, build);
  box.advance(days * DAY_MS);
  return endRun(box, meter, undefined, true);
}

/**
 * One delivery, the first entry of a box hour (so the whole candidate table is computed while the
 * driver types): 8 digits and '#', the lid lifted 3 s after the click and shut 20 s later.
 */
export async function measureDelivery(build: BuildChoice): Promise<Measured> {
  return measureOpening(build, (at) => {
    const window = chooseWindow("delivery", at, at + 8 * 3600, 0);
    if (window === undefined) throw new Error("no delivery window");
    return codeText(nodeHasher, deriveKeys(nodeHasher, ENERGY_SECRET.toString("latin1")).codeKey, { kind: "delivery", start: window.start, hours: window.hours, slot: 0 });
  });
}

/**
 * The owner opening the box with the authenticator's 6-digit code, at the same moment of an hour
 * as the delivery (the table is computed while the first digits are typed, as for any entry).
 */
export async function measureOwnerOpening(build: BuildChoice): Promise<Measured> {
  return measureOpening(build, (at) => totp(nodeHasher, deriveKeys(nodeHasher, ENERGY_SECRET.toString("latin1")).ownerKey, at, AUTHENTICATOR_TOTP));
}

/** One opening in the first minute of a box hour: `code(boxSeconds)` typed with '#', the lid lifted 3 s later and shut 20 s after that. */
async function measureOpening(build: BuildChoice, code: (boxSeconds: number) => string): Promise<Measured> {
  const box = await boxOnBattery(build);
  // Into the first minute of the next hour, so this hour's table has not been started.
  const now = boxSecondsNow(box);
  box.advance(((3600 - (now % 3600)) % 3600) * 1000 + 30_000);
  const typed = code(boxSecondsNow(box));
  const meter = meterFor(box, build);
  const hmacs = countHmacs(box);
  const start = box.board.scheduler.nowMs;
  const pulses = box.board.coil.pulseCount;
  box.type(`${typed}#`);
  box.advance(3000);
  const opened = box.board.coil.pulseCount > pulses;
  box.board.lid.open();
  box.advance(20_000);
  box.board.lid.close();
  box.advance(Math.max(0, start + DELIVERY_WINDOW_MS - box.board.scheduler.nowMs));
  return endRun(box, meter, hmacs, opened);
}

/**
 * A day with a pebble on a key (issue 16): key 5 pressed an hour after provisioning and held for
 * the whole metered day. The firmware counts it as stuck after STUCK_KEY_MS (firmware/core/
 * matrix.ts), stops scanning and sleeps again; what stays is the key's column pull-up, drawn low
 * through the key all day, and the one typed digit's candidate windows.
 */
export async function measureStuckKeyDay(build: BuildChoice): Promise<Measured> {
  const box = await boxOnBattery(build);
  const meter = meterFor(box, build);
  const hmacs = countHmacs(box);
  box.board.keypad.press("5");
  box.advance(DAY_MS);
  return endRun(box, meter, hmacs, true);
}
