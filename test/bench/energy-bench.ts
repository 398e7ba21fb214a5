/**
 * The battery figures for `make bench` and docs/energy.md: the box's day (sim/energy/day.ts: an
 * idle day, a delivery and an owner opening metered on the built firmware, charged with each
 * board's power profile) at 5 deliveries and 2 owner openings, on each cell type a board is offered
 * with, until the pack reaches the level where the coil may no longer pull (sim/energy/cells.ts).
 */
import { cellTypes, criticalMv, lowMv, usableMah, type CellType } from "../../sim/energy/cells.ts";
import { BOARD_RUNS, boxDay, DELIVERIES_PER_DAY, OWNER_OPENINGS_PER_DAY, type BoardRun, type BoxDay } from "../../sim/energy/day.ts";
import { daysOn, masToMah, type ChargeBreakdown } from "../../sim/energy/model.ts";
import { ESP32_POWER } from "../../sim/energy/profiles.ts";
import { boardProfile } from "../../firmware/boards/profiles.ts";

export { DELIVERIES_PER_DAY, OWNER_OPENINGS_PER_DAY };

export interface EnergyRow {
  day: BoxDay;
  cell: CellType;
  /** Whether this is the cell type the board's guide fits (the `cells` setting's 0). */
  fitted: boolean;
  usableMah: number;
  days: number;
  daysPessimistic: number;
  lowMv: number;
  criticalMv: number;
}

/** The ESP32 with light sleep switched off, for comparison: the same build, charged awake. */
const ESP32_AWAKE: BoardRun = { board: "esp32-nodemcu", profile: ESP32_POWER, build: { runtime: "nodemcu", lua: "wasmoon", lightSleep: false }, buildName: "nodemcu (wasmoon)" };

/** The cell types each run is shown on: the fitted one first, then what it is compared with. */
function cellsShown(run: BoardRun): CellType[] {
  const fitted = boardProfile(run.board)?.cells;
  const all = cellTypes();
  const own = all.filter((c) => c.index === fitted);
  return own.concat(all.filter((c) => c.index !== fitted && (c.name === "aa-alkaline" || c.name === "aa-lithium" || run.board === "esp8266-nodemcu")));
}

export async function energyRows(): Promise<EnergyRow[]> {
  const rows: EnergyRow[] = [];
  for (const run of [...BOARD_RUNS, ESP32_AWAKE]) {
    const day = await boxDay(run);
    const dailyMah = masToMah(day.dailyMas);
    const cells = run === ESP32_AWAKE ? cellTypes().filter((c) => c.name === "d-alkaline") : cellsShown(run);
    for (const cell of cells) {
      rows.push({
        day,
        cell,
        fitted: boardProfile(run.board)?.cells === cell.index && run !== ESP32_AWAKE,
        usableMah: usableMah(cell),
        days: daysOn(usableMah(cell), day.dailyMas),
        daysPessimistic: daysOn(usableMah(cell, cell.pessimisticMah), day.dailyMas),
        lowMv: lowMv(cell, dailyMah),
        criticalMv: criticalMv(cell),
      });
    }
  }
  return rows;
}

function lifeText(days: number): string {
  return days >= 365 ? `${(days / 365.25).toFixed(2)} years` : `${days.toFixed(0)} days`;
}

/** The battery-life table: one row per board and cell type. */
export function energyTable(rows: EnergyRow[]): { headers: string[]; cells: string[][] } {
  return {
    headers: [
      "board (build measured)",
      "cells",
      "wake-ups / idle day",
      "HMACs / delivery",
      "delivery mAh",
      "owner opening mAh",
      "idle mA (avg)",
      `mAh / day (${DELIVERIES_PER_DAY} + ${OWNER_OPENINGS_PER_DAY})`,
      "usable mAh (to critical)",
      "life",
      "life, pessimistic",
      "low / critical mV",
    ],
    cells: rows.map((r) => [
      `${r.day.profile.label} [${r.day.run.buildName}]`,
      `${r.cell.label}${r.fitted ? " (fitted)" : ""}`,
      String(r.day.metered.idle.tally.wakeUps),
      String(r.day.metered.delivery.hmacs),
      masToMah(r.day.deliveryCharge.total).toFixed(3),
      masToMah(r.day.ownerCharge.total).toFixed(3),
      (r.day.idleCharge.total / (r.day.idleCharge.windowMs / 1000)).toFixed(3),
      masToMah(r.day.dailyMas).toFixed(2),
      r.usableMah.toFixed(0),
      lifeText(r.days),
      lifeText(r.daysPessimistic),
      `${Math.ceil(r.lowMv / 10) * 10} / ${Math.ceil(r.criticalMv / 10) * 10}`,
    ]),
  };
}

/** One column per board run (the first row of each), for the breakdown tables. */
function byRun(rows: EnergyRow[]): EnergyRow[] {
  const seen = new Set<BoxDay>();
  return rows.filter((r) => (seen.has(r.day) ? false : (seen.add(r.day), true)));
}

/** Where an idle day's charge goes, mAh per day, per consumer. */
export function idleBreakdownTable(rows: EnergyRow[]): { headers: string[]; cells: string[][] } {
  const parts: [string, keyof ChargeBreakdown][] = [
    ["microcontroller asleep (or idling)", "asleep"],
    ["microcontroller awake, waiting", "idle"],
    ["CPU running (est.)", "cpu"],
    ["pull-ups held low (the lid's 1 MOhm)", "pullUps"],
    ["DS3231 (powered only to be read, or on 3.3 V)", "ds3231"],
    ["battery divider", "divider"],
    ["regulator quiescent", "quiescent"],
  ];
  const runs = byRun(rows);
  return {
    headers: ["idle day, mAh", ...runs.map((r) => r.day.profile.name)],
    cells: [
      ...parts.map(([label, key]) => [label, ...runs.map((r) => masToMah(r.day.idleCharge[key] as number).toFixed(3))]),
      ["total", ...runs.map((r) => masToMah(r.day.idleCharge.total).toFixed(3))],
    ],
  };
}

/** Where one delivery's charge goes, mAh, per consumer. */
export function deliveryBreakdownTable(rows: EnergyRow[]): { headers: string[]; cells: string[][] } {
  const parts: [string, keyof ChargeBreakdown][] = [
    ["microcontroller asleep (or idling)", "asleep"],
    ["microcontroller awake, waiting", "idle"],
    ["CPU running (est.)", "cpu"],
    ["pull-ups (keys, lid)", "pullUps"],
    ["LED", "led"],
    ["buzzer", "buzzer"],
    ["coil", "coil"],
    ["DS3231, divider, regulator", "ds3231"],
  ];
  const runs = byRun(rows);
  return {
    headers: ["one delivery (60 s), mAh", ...runs.map((r) => r.day.profile.name)],
    cells: [
      ...parts.map(([label, key]) => [
        label,
        ...runs.map((r) => {
          const c = r.day.deliveryCharge;
          return masToMah((c[key] as number) + (key === "ds3231" ? c.quiescent + c.divider : 0)).toFixed(4);
        }),
      ]),
      ["total", ...runs.map((r) => masToMah(r.day.deliveryCharge.total).toFixed(4))],
    ],
  };
}
