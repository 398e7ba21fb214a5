/**
 * Whether the box fits a board: one function, fitVerdict, from a board's capacity (./capacity.ts)
 * and its figures (./figures.ts). `make bench` hands it measured figures, the docs generator the
 * committed ones, so both say the same thing from the same numbers.
 */
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import { capacityOf, type BoardCapacity } from "./capacity.ts";
import type { BoardFigures, Figure, FitFigures } from "./figures.ts";

export type Fit = "fits" | "does not fit" | "unknown";

export interface Check {
  /** "Storage" (Espruino: code and files together), "LFS region", "file system", "memory". */
  what: string;
  fit: Fit;
  /** What the box needs and what the board has, in `unit`; need undefined when not measured. */
  need: number | undefined;
  /** The need is a lower bound (the interpreter ran out first). */
  needAtLeast: boolean;
  have: number;
  unit: "bytes" | "JsVars";
  /** The figures the need is made of. */
  figures: Figure[];
  /** The board's side is an estimate. */
  haveEstimated: boolean;
  /** What would make a check that does not fit pass, when a firmware build setting can: "a NodeMCU firmware whose ... is at least 235 KB". */
  remedy?: string;
}

export interface BoardVerdict {
  board: string;
  fit: Fit;
  checks: Check[];
  /** Every figure behind the verdict was measured on a real interpreter or is exact. */
  measuredOnReal: boolean;
}

function sum(figures: (Figure | undefined)[]): { value: number | undefined; atLeast: boolean; figures: Figure[] } {
  const present = figures.filter((f): f is Figure => f !== undefined);
  if (present.length < figures.length) return { value: undefined, atLeast: false, figures: present };
  return { value: present.reduce((a, f) => a + f.value, 0), atLeast: present.some((f) => f.atLeast === true), figures: present };
}

function judge(need: number | undefined, atLeast: boolean, have: number): Fit {
  if (need === undefined) return "unknown";
  if (need > have || (atLeast && need >= have)) return "does not fit";
  // A lower bound under the capacity says nothing about the rest.
  return atLeast ? "unknown" : "fits";
}

const KIB = (bytes: number): string => `${Math.ceil(bytes / 1024)} KB`;

function check(what: string, parts: (Figure | undefined)[], have: number, unit: Check["unit"], haveEstimated: boolean, settable?: string): Check {
  const need = sum(parts);
  const fit = judge(need.value, need.atLeast, have);
  const remedy = fit === "does not fit" && settable && need.value !== undefined && !need.atLeast ? `${settable} at least ${KIB(need.value)}` : undefined;
  return { what, fit, need: need.value, needAtLeast: need.atLeast, have, unit, figures: need.figures, haveEstimated, remedy };
}

/** The verdict for one board from its capacity and figures. Missing figures make a check unknown. */
export function fitVerdict(capacity: BoardCapacity, figures: BoardFigures): BoardVerdict {
  const checks: Check[] = [];
  if (capacity.files.sharedWithCode) {
    checks.push(check(capacity.code.name, [figures.codeBytes, figures.boxFileBytes], capacity.code.bytes, "bytes", false));
  } else {
    checks.push(check(capacity.code.name, [figures.codeBytes], capacity.code.bytes, "bytes", false, capacity.code.settable));
    checks.push(check(capacity.files.name, [figures.boxFileBytes], capacity.files.bytes, "bytes", false));
  }
  // The peak decides; without a peak, memory after boot is a lower bound of it.
  const peak = figures.memoryPeak ?? (figures.memoryAfterBoot && { ...figures.memoryAfterBoot, atLeast: true });
  checks.push(check("memory", [peak], capacity.memory.capacity, capacity.memory.unit, capacity.memory.estimate));
  const fit: Fit = checks.some((c) => c.fit === "does not fit") ? "does not fit" : checks.some((c) => c.fit === "unknown") ? "unknown" : "fits";
  const all = [figures.codeBytes, figures.boxFileBytes, figures.memoryAfterBoot, figures.memoryPeak].filter((f): f is Figure => f !== undefined);
  return { board: capacity.board, fit, checks, measuredOnReal: all.length === 4 && all.every((f) => f.source !== "simulator") };
}

/** Every board profile's verdict, in the profiles' order. */
export function fitVerdicts(figures: FitFigures): BoardVerdict[] {
  return boardProfiles().map((p) => fitVerdict(capacityOf(p.name), figures.boards[p.name] ?? {}));
}

/** The boards the guides may recommend: every check fits. */
export function fittingBoards(verdicts: BoardVerdict[]): BoardVerdict[] {
  return verdicts.filter((v) => v.fit === "fits");
}

/**
 * The board that comes closest when none fits: fewest checks that do not fit, then those only a
 * firmware build setting stands in the way of, then fewest unknowns, then the smallest overshoot.
 */
export function nearestBoard(verdicts: BoardVerdict[]): BoardVerdict | undefined {
  const score = (v: BoardVerdict): number[] => {
    const failing = v.checks.filter((c) => c.fit === "does not fit");
    return [
      failing.filter((c) => c.remedy === undefined).length,
      failing.length,
      v.checks.filter((c) => c.fit === "unknown").length,
      failing.reduce((worst, c) => Math.max(worst, (c.need ?? 0) / Math.max(1, c.have)), 0),
    ];
  };
  const sorted = [...verdicts].sort((a, b) => {
    const x = score(a);
    const y = score(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
  });
  return sorted[0];
}
