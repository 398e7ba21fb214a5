/**
 * The cells a box runs on, and what the lock's coil needs from them: how much charge a pack gives
 * before the coil may no longer pull (not before the cells are flat: a box that cannot open is a
 * dead box), and the two pack voltages the firmware warns at (firmware/boards/profiles.ts,
 * `batteryMv`, held to this file by test/energy/thresholds.test.ts):
 *
 * - **critical**: the resting voltage below which the pack, sagging under the coil's current
 *   through its internal resistance and the Schottky diode that keeps the emergency supply out of
 *   it (docs/wiring/power.svg), gives the coil less than it needs to pull;
 * - **low**: the resting voltage that leaves four weeks of the box's day before critical.
 *
 * Pure arithmetic on figures each tagged with its source in docs/energy.md ([S9], [A8]...).
 */

/** One chemistry and size of cell, four of them in series. */
export interface CellType {
  /** The `cells` setting's value (firmware/boards/profiles.ts, CELLS_COUNT). */
  index: number;
  name: string;
  label: string;
  cellsInPack: number;
  /** Usable capacity of the pack (series cells: one cell's), and the pessimistic figure, mAh. */
  capacityMah: number;
  pessimisticMah: number;
  /** Resting voltage of one cell by the fraction of its capacity used: [fraction, volts], fraction rising. */
  curve: number[][];
  /** Internal resistance of one cell under a short pulse, ohms. */
  ohmsPerCell: number;
  sources: Record<string, string>;
}

/** The lock's coil, as the battery sees it. */
export interface Coil {
  /** Resistance (6 V at 1 A: the model's coil, A7). */
  ohms: number;
  /** The least voltage across it that still pulls the bolt. */
  pullVolts: number;
  /** The pack's diode (it keeps the emergency supply from charging the cells) at the coil's current. */
  diodeVolts: number;
  sources: Record<string, string>;
}

export const COIL: Coil = { ohms: 6, pullVolts: 4.5, diodeVolts: 0.35, sources: { ohms: "A7", pullVolts: "A8", diodeVolts: "A11" } };

/** Alkaline cells at the box's light drain: a sloping curve, fresh 1.58 V. */
const ALKALINE_CURVE = [
  [0, 1.58],
  [0.05, 1.5],
  [0.2, 1.42],
  [0.4, 1.33],
  [0.6, 1.25],
  [0.75, 1.18],
  [0.85, 1.12],
  [0.92, 1.05],
  [1, 0.9],
];

export const AA_ALKALINE: CellType = {
  index: 1,
  name: "aa-alkaline",
  label: "4 x AA alkaline",
  cellsInPack: 4,
  capacityMah: 2500,
  pessimisticMah: 2000,
  curve: ALKALINE_CURVE,
  ohmsPerCell: 0.2,
  sources: { capacityMah: "S9", curve: "S15, A10", ohmsPerCell: "S9, A9" },
};

/** Lithium iron disulfide AA (Energizer Ultimate Lithium L91 and the like): flat until nearly empty. */
export const AA_LITHIUM: CellType = {
  index: 2,
  name: "aa-lithium",
  label: "4 x AA lithium (Li-FeS2)",
  cellsInPack: 4,
  capacityMah: 3000,
  pessimisticMah: 2500,
  curve: [
    [0, 1.78],
    [0.03, 1.55],
    [0.1, 1.5],
    [0.5, 1.46],
    [0.8, 1.42],
    [0.9, 1.38],
    [0.95, 1.3],
    [0.98, 1.15],
    [1, 0.9],
  ],
  ohmsPerCell: 0.12,
  sources: { capacityMah: "S16", curve: "S16, A10", ohmsPerCell: "A9" },
};

/** Five D cells: four would reach the coil's limit at half their charge once the pack's diode is counted. */
export const D_ALKALINE: CellType = {
  index: 3,
  name: "d-alkaline",
  label: "5 x D alkaline",
  cellsInPack: 5,
  capacityMah: 15000,
  pessimisticMah: 12000,
  curve: ALKALINE_CURVE,
  ohmsPerCell: 0.1,
  sources: { capacityMah: "S17", curve: "S15, A10", ohmsPerCell: "A9" },
};

/** Every cell type a box can be given, by the `cells` setting (4, a mains supply, has none). */
export function cellTypes(): CellType[] {
  return [AA_ALKALINE, AA_LITHIUM, D_ALKALINE];
}

/** The `cells` setting's value of a mains supply: no battery, no warnings. */
export const SUPPLY_CELLS = 4;

/** The names of the `cells` setting's values (0: the board's own, firmware/boards/profiles.ts). */
export const CELLS_NAMES = ["board", "aa-alkaline", "aa-lithium", "d-alkaline", "supply"];

/** A cell's resting voltage after `fraction` of its capacity is used (clamped to the curve). */
export function cellVolts(cell: CellType, fraction: number): number {
  const c = cell.curve;
  if (fraction <= c[0][0]) return c[0][1];
  for (let i = 1; i < c.length; i++) {
    if (fraction <= c[i][0]) {
      const [f0, v0] = c[i - 1];
      const [f1, v1] = c[i];
      return v0 + ((fraction - f0) / (f1 - f0)) * (v1 - v0);
    }
  }
  return c[c.length - 1][1];
}

/** The fraction of capacity used when a cell rests at `volts` (the curve read backwards). */
export function fractionAt(cell: CellType, volts: number): number {
  const c = cell.curve;
  if (volts >= c[0][1]) return 0;
  for (let i = 1; i < c.length; i++) {
    if (volts >= c[i][1]) {
      const [f0, v0] = c[i - 1];
      const [f1, v1] = c[i];
      return f0 + ((v0 - volts) / (v0 - v1)) * (f1 - f0);
    }
  }
  return 1;
}

/** The pack's resting voltage, mV, after `usedMah`. */
export function packMv(cell: CellType, usedMah: number, capacityMah = cell.capacityMah): number {
  return cellVolts(cell, usedMah / capacityMah) * cell.cellsInPack * 1000;
}

/**
 * The resting pack voltage, mV, below which the coil may no longer pull: at its pull voltage the
 * coil draws pullVolts / ohms, and the pack loses that current times its internal resistance, and
 * the diode's drop on top.
 */
export function criticalMv(cell: CellType, coil: Coil = COIL): number {
  const amps = coil.pullVolts / coil.ohms;
  return (coil.pullVolts + coil.diodeVolts + amps * cell.ohmsPerCell * cell.cellsInPack) * 1000;
}

/** Charge the pack gives before it reaches the critical level: the box's usable charge, mAh. */
export function usableMah(cell: CellType, capacityMah = cell.capacityMah, coil: Coil = COIL): number {
  return capacityMah * fractionAt(cell, criticalMv(cell, coil) / 1000 / cell.cellsInPack);
}

/** Days before the pack reaches critical at `dailyMah`. */
export function daysToCritical(cell: CellType, dailyMah: number, capacityMah = cell.capacityMah, coil: Coil = COIL): number {
  return usableMah(cell, capacityMah, coil) / dailyMah;
}

/** Weeks of warning the low level must leave before critical. */
export const WARNING_DAYS = 28;

/**
 * The resting pack voltage, mV, that leaves `days` of `dailyMah` before critical: the voltage
 * after (usable charge - days x daily) is used. Taken on the pessimistic capacity, where the same
 * charge is a larger fraction, so the warning comes earlier rather than later.
 */
export function lowMv(cell: CellType, dailyMah: number, days = WARNING_DAYS, coil: Coil = COIL): number {
  const capacity = cell.pessimisticMah;
  const used = usableMah(cell, capacity, coil) - days * dailyMah;
  return packMv(cell, Math.max(0, used), capacity);
}

/**
 * The two numbers the firmware keeps per cell type (profiles.ts `batteryMv`): low and critical,
 * whole tens of mV, rounded up so the box warns no later than the model says.
 */
export function thresholdsMv(cell: CellType, dailyMah: number, coil: Coil = COIL): number[] {
  const up = (mv: number): number => Math.ceil(mv / 10) * 10;
  return [up(lowMv(cell, dailyMah, WARNING_DAYS, coil)), up(criticalMv(cell, coil))];
}
