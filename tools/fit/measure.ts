/**
 * Measures the fit figures this machine can measure, over the committed ones (./figures.json):
 *
 *   npx tsx tools/fit/measure.ts           prints the verdicts from measured figures (make bench does too)
 *   npx tsx tools/fit/measure.ts --write   also records them in tools/fit/figures.json; then
 *                                          `make docs` rewrites docs/boards.md, the README and the guide
 *
 * Each measurer returns the figures it could get, or none when its tools are missing. A measurer
 * for a real-interpreter figure (JsVars on espruino-pico, Lua heap with the code in LFS) goes in
 * MEASURERS; figures nobody measured this run keep their committed value and are shown as such.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import { espruinoStorageFiles, REFERENCE_BOARD } from "../build/espruino-storage.ts";
import { EVENT_SIZE, HEADER_SIZE, JOURNAL_FILES, JOURNAL_SIZE, LOG_SEGMENT_EVENTS, LOG_SEGMENTS } from "../../firmware/core/store/layout.ts";
import { FILE_HEADER_BYTES } from "../../sim/state/flash.ts";
import { lfsRunMissing, missingText } from "../../sim/nodemcu/real/tools.ts";
import { committedFigures, mergeFigures, writeFigures, type BoardFigures, type FigureName, type FitFigures } from "./figures.ts";
import { fitTable } from "./render.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The box's Espruino file (the build writes it and the other Storage files together). */
export const ESPRUINO_FILE = join(ROOT, "build/espruino/parcelbox.js");
/** The NodeMCU build's box file for a chip (a build per chip, tools/build/build.ts). */
export const nodeMcuFile = (chip: "esp8266" | "esp32"): string => join(ROOT, `build/nodemcu/${chip}/parcelbox.lua`);
/** The ESP8266's file: the one the build sizes are checked against. */
export const NODEMCU_FILE = nodeMcuFile("esp8266");
/** NodeMCU's own Lua tools (README in that folder); PARCELBOX_NODEMCU_TOOLS names another folder. */
const NODEMCU_TOOLS = resolve(process.env.PARCELBOX_NODEMCU_TOOLS ?? join(ROOT, "../shared/tools/nodemcu"));

export type Measured = Partial<FitFigures>;
type Measurer = () => Measured | undefined;

/**
 * Bytes of the Espruino build's Storage files for `board` (tools/build/espruino-storage.ts: the box's
 * file is built per board) as built, undefined when one is missing.
 */
export function espruinoStoredBytes(board = REFERENCE_BOARD): { name: string; file: string; bytes: number }[] | undefined {
  const files = espruinoStorageFiles(board);
  if (!files.every((f) => existsSync(f.path))) return undefined;
  return files.map((f) => ({ name: f.name, file: f.path.slice(ROOT.length), bytes: statSync(f.path).size }));
}

/** The Espruino build's Storage files as `parcelbox flash` writes them (pretokenised), byte for byte. */
function espruinoCode(): Measured | undefined {
  const boards: Record<string, BoardFigures> = {};
  for (const profile of boardProfiles().filter((p) => p.runtime === "espruino")) {
    const files = espruinoStoredBytes(profile.name);
    if (!files) return undefined;
    const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
    const list = files.map((f) => `${f.file} as ${f.name} (${f.bytes.toLocaleString("en")} bytes)`).join(" and ");
    const how = `${list}, pretokenised as \`parcelbox flash\` writes them to Storage, each with its ${FILE_HEADER_BYTES}-byte Storage header`;
    boards[profile.name] = { codeBytes: { value: bytes + files.length * FILE_HEADER_BYTES, source: "exact", how } };
  }
  return { boards };
}

/** The box's files at their largest, from the store's layout (docs/storage.md), with Storage's file headers. */
export function storeFootprint(): number {
  const files = JOURNAL_FILES.length + LOG_SEGMENTS;
  return JOURNAL_FILES.length * JOURNAL_SIZE + LOG_SEGMENTS * (HEADER_SIZE + LOG_SEGMENT_EVENTS * EVENT_SIZE) + files * FILE_HEADER_BYTES;
}

function boxFiles(): Measured {
  const value = storeFootprint();
  const how = `both journal files and all ${LOG_SEGMENTS} log segments at their full size, each with a 32-byte file header (docs/storage.md, firmware/core/store/layout.ts)`;
  return { boards: Object.fromEntries(boardProfiles().map((p) => [p.name, { boxFileBytes: { value, source: "exact", how } }])) };
}

/**
 * The NodeMCU file as an LFS image, in the bytes it takes in flash: luac.cross -f makes the image,
 * luac.cross-esp32 -F ... -a writes it as it lies at its flash address (tools/nodemcu/README.md).
 */
function lfsImage(): Measured | undefined {
  const make = join(NODEMCU_TOOLS, "luac.cross");
  const place = join(NODEMCU_TOOLS, "luac.cross-esp32");
  const boards: Record<string, BoardFigures> = {};
  for (const profile of boardProfiles().filter((p) => p.runtime === "nodemcu")) {
    const chip = profile.name.startsWith("esp8266") ? "esp8266" : "esp32";
    const file = nodeMcuFile(chip);
    if (!existsSync(make) || !existsSync(place) || !existsSync(file)) return undefined;
    const dir = mkdtempSync(join(tmpdir(), "parcelbox-lfs-"));
    try {
      // Relative names in the image's folder: luac.cross-esp32 keeps only 31 characters of -F's path.
      execFileSync(make, ["-f", "-o", join(dir, "lfs.img"), "parcelbox.lua"], { stdio: "pipe", cwd: dirname(file) });
      execFileSync(place, ["-F", "lfs.img", "-a", "0x40280000", "-o", "abs.img"], { stdio: "pipe", cwd: dir });
      const value = statSync(join(dir, "abs.img")).size;
      const how = `build/nodemcu/${chip}/parcelbox.lua as an LFS image in flash (luac.cross -f, then luac.cross-esp32 -F -a: NodeMCU's own tools); the image file itself is ${(statSync(join(dir, "lfs.img")).size / 1024).toFixed(1)} KB`;
      boards[profile.name] = { codeBytes: { value, source: "real", how } };
    } catch (error) {
      console.error(`LFS image not measured: ${(error as Error).message}`);
      return undefined;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { boards };
}

/**
 * The sizes of the built files, which the committed figures are checked against (test/fit): the
 * Espruino build's Storage files together, the Lua file.
 */
export function buildSizes(): Measured | undefined {
  const espruino = espruinoStoredBytes();
  if (!espruino || !existsSync(NODEMCU_FILE)) return undefined;
  return { build: { espruinoBytes: espruino.reduce((sum, f) => sum + f.bytes, 0), nodemcuBytes: readFileSync(NODEMCU_FILE).length } };
}

/** In order; later ones win where two measure the same figure. */
export const MEASURERS: Measurer[] = [buildSizes, espruinoCode, boxFiles, lfsImage];

/**
 * The Lua heap with the code in LFS on both NodeMCU boards (test/bench/nodemcu-real-bench.ts: the
 * LFS-running tool under qemu-i386, a session of the box's work), in a child process: about half a
 * minute, so only `make bench` and --write ask for it.
 */
function nodeMcuHeap(): Measured | undefined {
  const missing = lfsRunMissing();
  if (missing !== undefined || !existsSync(NODEMCU_FILE)) {
    if (missing !== undefined) console.error(`Lua heap with the code in LFS not measured: ${missingText(missing)}`);
    return undefined;
  }
  try {
    const out = execFileSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "test/bench/nodemcu-real-bench.ts"), "--fit-json"], { encoding: "utf8", cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    return { boards: JSON.parse(out) as Record<string, BoardFigures> };
  } catch (error) {
    console.error(`Lua heap with the code in LFS not measured: ${(error as Error).message}`);
    return undefined;
  }
}

/** Measurers that take long; measureFigures({ slow: true }) runs them after MEASURERS. */
export const SLOW_MEASURERS: Measurer[] = [nodeMcuHeap];

export interface Measurement {
  figures: FitFigures;
  /** Whether this run measured a figure (else it is the committed one). */
  measured(board: string, figure: FigureName): boolean;
}

export function measureFigures(options: { slow?: boolean } = {}): Measurement {
  let measured: FitFigures = { build: { espruinoBytes: 0, nodemcuBytes: 0 }, boards: {} };
  for (const measure of [...MEASURERS, ...(options.slow === true ? SLOW_MEASURERS : [])]) {
    const got = measure();
    if (got) measured = mergeFigures(measured, got);
  }
  const figures = mergeFigures(committedFigures(), measured);
  return { figures, measured: (board, figure) => measured.boards[board]?.[figure] !== undefined };
}

/** What `make bench` prints: the verdicts from this run's figures. */
export function fitReport(m: Measurement = measureFigures({ slow: true })): string {
  return [
    "Does the box fit each board? Code and box files where the board keeps them, memory at peak (tools/fit;",
    "docs/boards.md has the committed figures). [real] = measured on the real Espruino or with NodeMCU's own Lua tools,",
    "[exact] = a byte count of what ships, [simulator only] = not measured on a real interpreter.",
    "",
    fitTable(m.figures, m.measured),
    "",
    "Figures listed as committed were not measured by this run: their tools are missing here or nobody has written",
    `their measurer yet (tools/fit/measure.ts). To record this run's figures: npx tsx tools/fit/measure.ts --write && make docs`,
  ].join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const m = measureFigures({ slow: true });
  console.log(fitReport(m));
  if (process.argv.includes("--write")) {
    writeFigures(m.figures);
    console.log("\nwrote tools/fit/figures.json: run `make docs` to rewrite docs/boards.md, the README and the owner's guide");
  }
}
