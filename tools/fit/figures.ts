/**
 * The figures a fit verdict is made from, per board: what the code takes where it is kept, what
 * the box's own files take, and the memory after boot and at peak. Each figure says how it was
 * got: on a real interpreter or NodeMCU's own tools, exactly (a byte count of what ships), or only
 * in the simulator. `make bench` measures what this machine can (./measure.ts); the committed
 * figures (./figures.json) are what docs/boards.md, the README and the owner's guide are made from.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * real: measured on the real Espruino interpreter or with NodeMCU's own Lua tools (../shared/tools);
 * exact: a byte count of what ships or of a fixed layout, nothing to measure;
 * simulator: measured only in the simulator (node:vm, fengari, wasmoon), which a device may not match.
 */
export type FigureSource = "real" | "exact" | "simulator";

export interface Figure {
  /** Bytes, or JsVars for Espruino memory. */
  value: number;
  /** The value is a lower bound: the interpreter ran out of memory before the figure was complete. */
  atLeast?: boolean;
  source: FigureSource;
  /** What was measured, with what, on which build: one sentence for the docs' footnotes. */
  how: string;
}

export interface BoardFigures {
  /** The firmware where the board keeps it: Espruino Storage (.bootcde), NodeMCU's LFS region. */
  codeBytes?: Figure;
  /** The box's own files at their largest (journal and log, docs/storage.md). */
  boxFileBytes?: Figure;
  /** Memory in use once the box has started: JsVars on Espruino, Lua heap bytes on NodeMCU. */
  memoryAfterBoot?: Figure;
  /** The most memory in use while the box works (a delivery, a log read). */
  memoryPeak?: Figure;
}

export type FigureName = keyof BoardFigures;
export const FIGURE_NAMES: FigureName[] = ["codeBytes", "boxFileBytes", "memoryAfterBoot", "memoryPeak"];

export interface FitFigures {
  /** The sizes of the built files these figures belong to (a test says when they are stale). */
  build: { espruinoBytes: number; nodemcuBytes: number };
  /** Per board profile name (firmware/boards/profiles.ts). */
  boards: Record<string, BoardFigures>;
}

export const FIGURES_FILE = fileURLToPath(new URL("./figures.json", import.meta.url));
export const WRITE_FIGURES_COMMAND = "npx tsx tools/fit/measure.ts --write && make docs";

export function committedFigures(): FitFigures {
  return JSON.parse(readFileSync(FIGURES_FILE, "utf8")) as FitFigures;
}

export function writeFigures(figures: FitFigures): void {
  writeFileSync(FIGURES_FILE, JSON.stringify(figures, null, 2) + "\n");
}

/** `newer`'s figures over `older`'s, board by board and figure by figure. */
export function mergeFigures(older: FitFigures, newer: Partial<FitFigures>): FitFigures {
  const boards: Record<string, BoardFigures> = {};
  for (const name of new Set([...Object.keys(older.boards), ...Object.keys(newer.boards ?? {})])) {
    boards[name] = { ...older.boards[name], ...newer.boards?.[name] };
  }
  return { build: newer.build ?? older.build, boards };
}
