/**
 * The box's day, as docs/energy.md's figures take it: 5 deliveries and 2 owner openings, the rest
 * idle, each part metered on the built firmware (./scenarios.ts) and charged with a board's power
 * profile (./profiles.ts). `make bench` prints it per board and cell type; the firmware's battery
 * levels (firmware/boards/profiles.ts, `batteryMv`) are computed from it (./cells.ts), and
 * test/energy/thresholds.test.ts holds them to it.
 */
import { boardProfile } from "../../firmware/boards/profiles.ts";
import { cellTypes, CELLS_NAMES, thresholdsMv, type CellType } from "./cells.ts";
import { chargeOf, dailyCharge, masToMah, type ChargeBreakdown, type DayEvent } from "./model.ts";
import { BOX_PERIPHERALS, ESP32_LIGHT_SLEEP_POWER, ESP8266_POWER, PICO_POWER, type PowerProfile } from "./profiles.ts";
import { measureDelivery, measureIdleDay, measureOwnerOpening, type BuildChoice, type Measured } from "./scenarios.ts";

export const DELIVERIES_PER_DAY = 5;
export const OWNER_OPENINGS_PER_DAY = 2;

/** A board as its firmware runs it: the build the simulator meters, and its power profile. */
export interface BoardRun {
  /** Board profile name (firmware/boards/profiles.ts). */
  board: string;
  profile: PowerProfile;
  build: BuildChoice;
  /** The build, as the tables name it. */
  buildName: string;
}

/** The way each board runs as built, by board profile name. */
export const BOARD_RUNS: BoardRun[] = [
  { board: "espruino-pico", profile: PICO_POWER, build: { runtime: "espruino" }, buildName: "espruino" },
  { board: "esp32-nodemcu", profile: ESP32_LIGHT_SLEEP_POWER, build: { runtime: "nodemcu", lua: "wasmoon" }, buildName: "nodemcu (wasmoon)" },
  { board: "esp8266-nodemcu", profile: ESP8266_POWER, build: { runtime: "nodemcu", lua: "wasmoon", profile: "esp8266-nodemcu" }, buildName: "nodemcu (wasmoon), esp8266 profile" },
];

/**
 * The run whose day stands for a board's: the Espruino WiFi has no power profile of its own (no
 * sleep figure of the board's), so the Pico's day, the same firmware on a sibling STM32, stands in.
 */
export function runFor(board: string): BoardRun {
  const run = BOARD_RUNS.find((r) => r.board === (board === "espruino-wifi" ? "espruino-pico" : board));
  if (run === undefined) throw new Error(`no power figures for ${board}`);
  return run;
}

export interface Metered {
  idle: Measured;
  delivery: Measured;
  owner: Measured;
}

/** A metered day charged on a profile. */
export interface BoxDay {
  run: BoardRun;
  profile: PowerProfile;
  metered: Metered;
  idleCharge: ChargeBreakdown;
  deliveryCharge: ChargeBreakdown;
  ownerCharge: ChargeBreakdown;
  /** mAs a day at 5 deliveries and 2 owner openings. */
  dailyMas: number;
}

const meteredCache = new Map<string, Promise<Metered>>();

/** The three stretches metered on a build, once per process for each build. */
export function meter(build: BuildChoice): Promise<Metered> {
  const key = JSON.stringify(build);
  let found = meteredCache.get(key);
  if (found === undefined) {
    found = (async () => {
      const metered = { idle: await measureIdleDay(build), delivery: await measureDelivery(build), owner: await measureOwnerOpening(build) };
      const errors = [...metered.idle.errors, ...metered.delivery.errors, ...metered.owner.errors];
      if (errors.length > 0 || !metered.delivery.opened || !metered.owner.opened) throw new Error(`${key}: an opening failed (${errors.join(" | ")})`);
      return metered;
    })();
    meteredCache.set(key, found);
  }
  return found;
}

/** The day of `run`, charged on `profile` (a what-if variant of the run's, or its own). */
export async function boxDay(run: BoardRun, profile: PowerProfile = run.profile): Promise<BoxDay> {
  const metered = await meter(run.build);
  const idleCharge = chargeOf(metered.idle.tally, 0, profile, BOX_PERIPHERALS);
  const deliveryCharge = chargeOf(metered.delivery.tally, metered.delivery.hmacs, profile, BOX_PERIPHERALS);
  const ownerCharge = chargeOf(metered.owner.tally, metered.owner.hmacs, profile, BOX_PERIPHERALS);
  const events: DayEvent[] = [
    { label: "delivery", perDay: DELIVERIES_PER_DAY, charge: deliveryCharge },
    { label: "owner opening", perDay: OWNER_OPENINGS_PER_DAY, charge: ownerCharge },
  ];
  return { run, profile, metered, idleCharge, deliveryCharge, ownerCharge, dailyMas: dailyCharge(idleCharge, events) };
}

/**
 * The `batteryMv` list a board profile should carry: low and critical for each cell type in the
 * `cells` setting's order, then 0, 0 for a mains supply.
 */
export async function batteryMvFor(board: string): Promise<number[]> {
  const day = await boxDay(runFor(board));
  const dailyMah = masToMah(day.dailyMas);
  const out: number[] = [];
  for (const cell of cellTypes()) out.push(...thresholdsMv(cell, dailyMah));
  out.push(0, 0);
  return out;
}

/** The cell type the board's guide fits (the `cells` setting's 0), undefined for a supply. */
export function boardCells(board: string): CellType | undefined {
  const profile = boardProfile(board);
  if (profile === undefined) throw new Error(`no board profile ${board}`);
  return cellTypes().find((c) => c.index === profile.cells);
}

export function cellsName(index: number): string {
  return CELLS_NAMES[index] ?? `cells-${index}`;
}
