/**
 * The fit verdicts in words: a Markdown table for docs/boards.md, the paragraph the README and
 * the owner's guide carry (between `<!-- fit:begin -->` and `<!-- fit:end -->`, made by
 * `make docs`, checked by test/fit), and a plain table for `make bench`. All from fitVerdicts, so
 * the text changes when the figures do.
 */
import { BOARD_NOTES } from "../../firmware/boards/notes.ts";
import { capacityOf } from "./capacity.ts";
import { FIGURE_NAMES, type Figure, type FigureName, type FigureSource, type FitFigures } from "./figures.ts";
import { fittingBoards, fitVerdicts, nearestBoard, type BoardVerdict, type Check } from "./verdict.ts";

/** How the tables tag each figure; the legend above each table says what the words mean. */
export const SOURCE_WORDS: Record<FigureSource, string> = {
  real: "real",
  exact: "exact",
  simulator: "simulator only",
};

const title = (board: string): string => BOARD_NOTES[board]?.title.split(" (")[0].replace(" running NodeMCU", "") ?? board;

export function kb(bytes: number): string {
  return bytes === 0 ? "none" : `${(bytes / 1024).toFixed(1)} KB`;
}

function amount(value: number, unit: Check["unit"]): string {
  return unit === "bytes" ? kb(value) : `${value.toLocaleString("en")} JsVars`;
}

/** "86.7 KB of 48.0 KB", "at least 5,100 JsVars of 5,100", "not measured of 200.0 KB (estimate)". */
export function checkText(c: Check): string {
  const have = `${amount(c.have, c.unit)}${c.haveEstimated ? " (estimate)" : ""}`;
  if (c.need === undefined) return `not measured, of ${have}`;
  const need = c.needAtLeast ? `over ${amount(c.need, c.unit)} (ran out)` : amount(c.need, c.unit);
  if (c.needAtLeast && c.need >= c.have) return `ran out at ${amount(c.have, c.unit)}`;
  return `${need} of ${have}`;
}

function sourcesOf(c: Check): string {
  const kinds = [...new Set(c.figures.map((f) => SOURCE_WORDS[f.source]))];
  return kinds.length === 0 ? "" : ` [${kinds.join(", ")}]`;
}

const VERDICT_WORDS: Record<BoardVerdict["fit"], string> = { fits: "**fits**", "does not fit": "**does not fit**", unknown: "**not known**" };

/** The Markdown section of docs/boards.md: one row per board, then how each figure was got. */
export function fitSection(figures: FitFigures): string[] {
  const verdicts = fitVerdicts(figures);
  const lines: string[] = [];
  lines.push("## Does the box fit each board?");
  lines.push("");
  lines.push("<!-- From tools/fit/figures.json (the figures) and tools/fit/capacity.ts (the boards) by `make docs`;");
  lines.push(`     \`make bench\` prints the same verdicts from figures it measures. New figures: \`${"npx tsx tools/fit/measure.ts --write"}\`. -->`);
  lines.push("");
  lines.push("Code and the box's own files must fit where the board keeps them, and the box's memory at its");
  lines.push("peak must fit the board's. Each figure says how it was got: **real** (measured on the real");
  lines.push("Espruino 2v29 interpreter or with NodeMCU's own Lua tools, `../shared/tools`), **exact** (a byte");
  lines.push("count of what ships), or **simulator only** (not measured on a real interpreter).");
  lines.push("");
  lines.push("| board | the code, where the board keeps it | the box's files | memory at peak | verdict |");
  lines.push("| --- | --- | --- | --- | --- |");
  for (const v of verdicts) {
    const store = v.checks[0];
    const files = v.checks.length === 3 ? v.checks[1] : undefined;
    const memory = v.checks[v.checks.length - 1];
    const cell = (c: Check): string => `${c.what}: ${checkText(c)}${sourcesOf(c)} (${c.fit})`;
    lines.push(`| ${title(v.board)} (\`${v.board}\`) | ${cell(store)} | ${files ? cell(files) : "in the same Storage"} | ${cell(memory)} | ${VERDICT_WORDS[v.fit]} |`);
  }
  lines.push("");
  lines.push(`${recommendation(figures)}`);
  lines.push("");
  lines.push("How each figure was got, and what each board offers:");
  lines.push("");
  for (const v of verdicts) {
    const c = capacityOf(v.board);
    const f = figures.boards[v.board] ?? {};
    lines.push(`- **${title(v.board)}** offers: ${c.code.name} ${kb(c.code.bytes)}: ${c.code.note}.${c.files.sharedWithCode ? "" : ` A ${c.files.name} with ${kb(c.files.bytes)} for the box: ${c.files.note}.`} Memory ${amount(c.memory.capacity, c.memory.unit)}: ${c.memory.note}.`);
    for (const [label, figure] of [["code", f.codeBytes], ["box files", f.boxFileBytes], ["memory after boot", f.memoryAfterBoot], ["memory at peak", f.memoryPeak]] as [string, Figure | undefined][]) {
      lines.push(`  - ${label}: ${figure ? `${figure.atLeast ? "over " : ""}${c.memory.unit === "JsVars" && label.startsWith("memory") ? amount(figure.value, "JsVars") : kb(figure.value)} [${SOURCE_WORDS[figure.source]}]: ${figure.how}` : "not measured"}`);
    }
    for (const check of v.checks.filter((x) => x.remedy)) lines.push(`  - ${capitalise(check.remedy ?? "")} would take the code (not tried on a device).`);
  }
  return lines;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A list of checks in a few words each: "LFS region 234.0 KB of 64.0 KB [real]". */
function checksText(checks: Check[]): string {
  return checks.map((c) => `${c.what} ${checkText(c)}${sourcesOf(c)}`).join(", ");
}

function byFit(v: BoardVerdict, fit: Check["fit"]): Check[] {
  return v.checks.filter((c) => c.fit === fit);
}

/** What stands in the way on one board. */
function obstacles(v: BoardVerdict): string {
  const parts: string[] = [];
  if (byFit(v, "does not fit").length > 0) parts.push(`too small: ${checksText(byFit(v, "does not fit"))}`);
  if (byFit(v, "unknown").length > 0) parts.push(`not known: ${checksText(byFit(v, "unknown"))}`);
  return parts.join("; ");
}

const LEGEND = "([real]: measured on the real Espruino interpreter or with NodeMCU's own Lua tools; [exact]: a byte count of what ships; [simulator only]: not measured on a real interpreter.)";

/** The one paragraph every guide carries: which boards to buy, by the figures. */
export function recommendation(figures: FitFigures): string {
  const verdicts = fitVerdicts(figures);
  const fitting = fittingBoards(verdicts);
  const others = (shown: BoardVerdict[]): string =>
    verdicts
      .filter((v) => !shown.includes(v))
      .map((v) => `${title(v.board)}: ${obstacles(v)}.`)
      .join(" ");
  if (fitting.length > 0) {
    const names = fitting.map((v) => `${title(v.board)}${v.measuredOnReal ? "" : " (some figures from the simulator only)"}`);
    return `**The box fits ${names.join(", ")}, by the figures in \`docs/boards.md\` ("Does the box fit each board?").** ${others(fitting)} ${LEGEND}`;
  }
  const nearest = nearestBoard(verdicts);
  let near = "";
  if (nearest) {
    const fits = byFit(nearest, "fits");
    const remedies = nearest.checks.filter((c) => c.remedy).map((c) => ` ${capitalise(c.remedy ?? "")} would take the code: not yet tried on a device.`);
    near = ` The nearest is the ${title(nearest.board)}${fits.length > 0 ? `: ${checksText(fits)} fit` : ""}, but ${obstacles(nearest)}.${remedies.join("")}`;
  }
  return `**No board fits the box yet, by the figures in \`docs/boards.md\` ("Does the box fit each board?").**${near} ${others(nearest ? [nearest] : [])} Until one fits, build and try the box on the simulator (\`make sim\`), which runs the same firmware files. ${LEGEND}`;
}

/**
 * A few words for a view of the simulated `board` on whether a real one holds the firmware, by
 * the committed figures: "a real espruino-pico is too small: Storage 84.7 KB of 48.0 KB".
 */
export function boardFitNote(board: string, figures: FitFigures): string {
  const v = fitVerdicts(figures).find((x) => x.board === board);
  if (!v) return `no fit figures for ${board}`;
  if (v.fit === "fits") return `a real ${board} holds the firmware`;
  const first = v.checks.find((c) => c.fit === "does not fit") ?? v.checks.find((c) => c.fit === "unknown");
  const why = first ? `: ${first.what} ${checkText(first)}` : "";
  return v.fit === "unknown" ? `not known whether a real ${board} holds the firmware${why}` : `a real ${board} is too small${why}`;
}

export const FIT_BEGIN = "<!-- fit:begin (made by `make docs` from tools/fit/figures.json; do not edit by hand) -->";
export const FIT_END = "<!-- fit:end -->";

/** `text` with the part between the fit markers replaced by `block`; throws when the markers are missing. */
export function replaceFitBlock(text: string, block: string): string {
  const begin = text.indexOf(FIT_BEGIN);
  const end = text.indexOf(FIT_END);
  if (begin < 0 || end < begin) throw new Error(`no ${FIT_BEGIN} ... ${FIT_END} block`);
  return text.slice(0, begin + FIT_BEGIN.length) + "\n" + block + "\n" + text.slice(end);
}

/** Lines of at most `width` characters, for Markdown paragraphs. */
export function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

/** The plain table `make bench` prints; `measured` says which figures this run measured itself. */
export function fitTable(figures: FitFigures, measured: (board: string, figure: FigureName) => boolean): string {
  const rows = fitVerdicts(figures).map((v) => {
    const taken = FIGURE_NAMES.filter((n) => figures.boards[v.board]?.[n] !== undefined && !measured(v.board, n));
    return [v.board, v.checks.map((c) => `${c.what} ${checkText(c)}${sourcesOf(c)}`).join("; "), taken.length === 0 ? "-" : taken.join(", "), v.fit];
  });
  const header = ["board", "needs, of what the board has", "committed, not measured here", "verdict"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
