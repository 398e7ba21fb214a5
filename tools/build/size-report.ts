/**
 * `npx tsx tools/build/size-report.ts`: where the firmware's bytes go, by part of the box, for
 * the work of fitting it into a Pico (24 KB of Storage for code) and an LFS image. Prints the
 * shipped Espruino files' minified, unmangled bytes (the box and the owner's side, both in Storage)
 * per source file and per part (esbuild's metafile), their functions (each costs a Pico about 4
 * JsVars plus one per parameter when defined), their size as built, and the Lua file's bytes per
 * module. Run `make build` first for the Lua figures.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as acorn from "acorn";
import * as walk from "acorn-walk";
import * as esbuild from "esbuild";
import { espruinoOptions, NODEMCU_CHIPS, nodeMcuOut, ROOT } from "./build.ts";
import { SHARED_PARAM } from "./box-shared.ts";
import { asExpression, ESPRUINO_FILES, fileOptions } from "./espruino-files.ts";
import { REFERENCE_BOARD } from "./espruino-storage.ts";
import { bundleModules } from "./lua-bundle-plugin.ts";

/** The parts of the box, by the first pattern a source path matches. */
const PARTS: [string, RegExp][] = [
  ["test API (api, base32)", /core\/(api|otp\/base32)\.ts$/],
  ["owner's side and USB", /core\/(usb\/|owner\/|box-port)/],
  ["store, memory and log", /core\/(store\/|box-memory|box-log)/],
  ["codes, hashes, OTP", /core\/(codes\/|hash\/|otp\/|bytes|word|int-|time)/],
  ["box logic", /core\//],
  ["adapter and profiles", /firmware\/(espruino|nodemcu|boards)\//],
];

function partOf(path: string): string {
  for (const [name, pattern] of PARTS) if (pattern.test(path)) return name;
  return "other";
}

function functionCount(code: string): { functions: number; parameters: number } {
  let functions = 0;
  let parameters = 0;
  walk.full(acorn.parse(code, { ecmaVersion: 2020 }), (node) => {
    if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") {
      functions++;
      parameters += (node as acorn.Function).params.length;
    }
  });
  return { functions, parameters };
}

function table(rows: [string, number][], total: number): void {
  for (const [name, bytes] of rows.sort((a, b) => b[1] - a[1])) console.log(`${String(bytes).padStart(8)}  ${((100 * bytes) / total).toFixed(1).padStart(5)} %  ${name}`);
}

async function main(): Promise<void> {
  // The shipped files (the box and the owner's side, ./espruino-files.ts), unmangled as the part
  // budgets are counted; a module both bundle is stored twice, so it counts twice (what the owner's
  // file takes from the box's, ./box-shared.ts, is the box's only).
  const files: Record<string, number> = {};
  let total = 0;
  // The reference board's box file only: the others' are the same code for another board.
  for (const file of ESPRUINO_FILES.filter((f) => f.stored !== undefined && (f.board === undefined || f.board === REFERENCE_BOARD))) {
    const result = await esbuild.build({ ...fileOptions(ROOT, file, espruinoOptions(file.entry, true)), metafile: true });
    const code = file.name === "owner" ? asExpression(result.outputFiles[0].text, file.entry, SHARED_PARAM) : result.outputFiles[0].text;
    const counted = functionCount(code);
    const stored = join(ROOT, file.stored as string);
    const built = existsSync(stored) ? `; as built (mangled, pretokenised) ${statSync(stored).size} bytes in ${file.stored}` : "";
    console.log(`Espruino ${file.name} file (${file.entry}): ${code.length} bytes minified, ${counted.functions} functions with ${counted.parameters} parameters${built}`);
    for (const [path, v] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) files[relative(ROOT, path)] = (files[relative(ROOT, path)] ?? 0) + v.bytesInOutput;
    total += code.length;
  }
  const parts: Record<string, number> = {};
  for (const [path, bytes] of Object.entries(files)) parts[partOf(path)] = (parts[partOf(path)] ?? 0) + bytes;
  console.log(`\nboth together, ${total} bytes, by part:`);
  table(Object.entries(parts), total);
  console.log("\nby source file:");
  table(Object.entries(files).filter(([, b]) => b > 0), total);
  for (const chip of NODEMCU_CHIPS) {
    const path = nodeMcuOut(chip);
    if (!existsSync(path)) continue;
    const lua = readFileSync(path, "latin1");
    const starts = bundleModules(lua);
    const modules: [string, number][] = starts.map((s, i) => [s.name, (i + 1 < starts.length ? starts[i + 1].at : lua.length) - s.at]);
    console.log(`\nLua file for ${chip} (${relative(ROOT, path)}): ${lua.length} bytes, by module:`);
    table(modules, lua.length);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
