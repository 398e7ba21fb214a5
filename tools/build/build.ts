/**
 * `make build`: type-checks the firmware against the portable subset, lints the core, checks the
 * firmware's import graph (./import-graph.ts), then
 * writes the Espruino files (./espruino-files.ts: the box, the owner's side and the test API,
 * minified and property-mangled by esbuild, the shipped two also pretokenised for Storage) and
 * build/nodemcu/<chip>/parcelbox.lua for each NodeMCU chip (typescript-to-lua), and checks each emitted file for what its
 * runtime lacks; then the NodeMCU LFS image per chip (lfs-image.ts), when NodeMCU's luac.cross is
 * at hand.
 * Any problem fails the build with file and line.
 */
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import ts from "typescript";
import * as tstl from "typescript-to-lua";
import { checkEspruinoSource } from "./check-espruino.ts";
import { buildEspruinoFiles, EspruinoBuildError, writeEspruinoFiles } from "./espruino-files.ts";
import { checkLuaBundle } from "./check-lua.ts";
import { importGraph, importProblems } from "./import-graph.ts";
import { lintCoreFile } from "./lint-core.ts";
import { BarrelError, BundleError, luaBundlePlugin } from "./lua-bundle-plugin.ts";
import type { NodeMcuChip } from "../../firmware/boards/nodemcu-firmware.ts";
import { buildLfsImages, LfsBuildError, nodeMcuToolsDir, removeLfsImages, reportLfsImages, TOOLS_MISSING, writeLfsManifest } from "./lfs-image.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The NodeMCU chips, each with a build of its own (NODEMCU_BUNDLES). */
export const NODEMCU_CHIPS: readonly NodeMcuChip[] = ["esp8266", "esp32"];

/** The box's Lua file for one chip: build/nodemcu/<chip>/parcelbox.lua (its LFS module `parcelbox`). */
export function nodeMcuOut(chip: NodeMcuChip): string {
  return join(ROOT, `build/nodemcu/${chip}/parcelbox.lua`);
}
/** The ESP8266's file, the chip with the least heap: what the size report and the census read by default. */
export const NODEMCU_OUT = nodeMcuOut("esp8266");

/**
 * The NodeMCU build's Lua files, one typescript-to-lua bundle each (its own program: every module
 * its entry or a module it loads later `require`s, ./lua-bundle-plugin.ts):
 * - esp8266/parcelbox.lua and esp32/parcelbox.lua, the box on each chip (the LFS module init.lua
 *   starts; firmware/nodemcu/main-<chip>.ts), each with only its own chip's code, and with the
 *   owner's side (firmware/core/owner/index.ts), which nothing imports: the box loads it while USB
 *   talks (firmware/nodemcu/owner-on-demand.ts);
 * - conformance.lua, the test-only hash API for the conformance suite and the bench; never shipped.
 */
export const NODEMCU_BUNDLES = [
  ...NODEMCU_CHIPS.map((chip) => ({ entry: `main-${chip}.ts`, later: ["../core/owner/index.ts"], file: `${chip}/parcelbox.lua`, chip: chip as string | undefined })),
  { entry: "conformance.ts", later: [], file: "conformance.lua", chip: undefined },
] as const;
export const NODEMCU_CONFORMANCE_OUT = join(ROOT, "build/nodemcu/conformance.lua");

class BuildError extends Error {}

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => "\n",
  });
}

/** Type-checks one tsconfig (the portability gates) and throws on any diagnostic; gives the program. */
export function typeCheck(project: string): ts.Program {
  const configPath = join(ROOT, project);
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new BuildError(`cannot read ${project}`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, noEmit: true } });
  const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  if (diagnostics.length > 0) throw new BuildError(`${project}:\n${formatDiagnostics(diagnostics)}`);
  return program;
}

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFilesUnder(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

export function lintCore(coreDir = join(ROOT, "firmware/core")): void {
  const problems = tsFilesUnder(coreDir)
    .filter((f) => !f.endsWith("int-js.ts"))
    .flatMap((f) => lintCoreFile(relative(ROOT, f), readFileSync(f, "utf8")));
  if (problems.length > 0) throw new BuildError(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n"));
}

/**
 * Core modules the Espruino build replaces with a form of its own, under the same exports:
 * firmware/core/int-array.ts becomes an Int32Array (a plain array costs a Pico two JsVars an entry).
 */
const ESPRUINO_SUBSTITUTES: Record<string, string> = {
  "firmware/core/int-array.ts": "firmware/espruino/int-array.ts",
};

const espruinoSubstitutes: esbuild.Plugin = {
  name: "espruino-substitutes",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const substitute = ESPRUINO_SUBSTITUTES[relative(ROOT, args.path)];
      if (substitute === undefined) return undefined;
      return { contents: readFileSync(join(ROOT, substitute), "utf8"), loader: "ts", resolveDir: dirname(join(ROOT, substitute)) };
    });
  },
};

/** The firmware's import graph keeps its rules (./import-graph.ts): no circle, the owner's side apart. */
export function checkImports(): void {
  const problems = importProblems(importGraph(ROOT));
  if (problems.length > 0) throw new BuildError(problems.join("\n"));
}

/** esbuild's options for the Espruino file (also used by tools/build/size-report.ts). */
export function espruinoOptions(entry: string, minify: boolean): esbuild.BuildOptions & { write: false } {
  return {
    plugins: [espruinoSubstitutes],
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    format: "iife",
    platform: "neutral",
    target: "es2015",
    minify,
    write: false,
    charset: "ascii",
    legalComments: "none",
    inject: [join(ROOT, "firmware/core/int-js.ts")],
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    logLevel: "silent",
  };
}

export async function buildEspruino(entry = "firmware/espruino/main.ts", minify = true): Promise<string> {
  const result = await esbuild.build(espruinoOptions(entry, minify));
  const text = result.outputFiles[0].text;
  const problems = checkEspruinoSource(text);
  if (problems.length > 0) {
    const lines = problems.map((p) => `offset ${p.offset}: ${p.message}  near: ${text.slice(Math.max(0, p.offset - 30), p.offset + 40)}`);
    throw new BuildError(`${entry} emits JavaScript Espruino cannot run:\n${lines.join("\n")}`);
  }
  return text;
}

/**
 * Core modules the NodeMCU build replaces with a form of its own, under the same exports:
 * firmware/core/int-array.ts makes its table with an array part of exactly the length asked
 * (grown one entry at a time, Lua doubles it: 4.1 KB of heap for the candidate table, not 2.5).
 */
const LUA_SUBSTITUTES: Record<string, string> = {
  "firmware/core/int-array.ts": "firmware/nodemcu/int-array.ts",
};

/**
 * Writes the NodeMCU bundles (NODEMCU_BUNDLES) from `project`'s options, each checked for what
 * NodeMCU's Lua gets wrong (check-lua.ts); returns their texts by file name.
 */
export function buildNodeMcuBundles(project = "firmware/nodemcu/tsconfig.tstl.json"): Map<string, string> {
  const outDir = join(ROOT, "build/nodemcu");
  const config = tstl.parseConfigFileWithSystem(join(ROOT, project), { outDir });
  if (config.errors.length > 0) throw new BuildError(`${project}:\n${formatDiagnostics(config.errors)}`);
  const projectDir = dirname(join(ROOT, project));
  const declarations = config.fileNames.filter((f) => f.endsWith(".d.ts"));
  const texts = new Map<string, string>();
  for (const bundle of NODEMCU_BUNDLES) {
    const entry = join(projectDir, bundle.entry);
    const later = bundle.later.map((f) => join(projectDir, f));
    const substitutes = Object.fromEntries(Object.entries(LUA_SUBSTITUTES).map(([core, own]) => [join(ROOT, core), join(ROOT, own)]));
    const roots = [...declarations, entry, ...later, ...Object.values(substitutes)];
    const result = tstl.transpileFiles(roots, { ...config.options, luaBundle: bundle.file, luaBundleEntry: entry, luaPlugins: [{ plugin: luaBundlePlugin(substitutes, bundle.chip) }] });
    if (result.diagnostics.length > 0) throw new BuildError(`${project} (${bundle.entry}):\n${formatDiagnostics(result.diagnostics)}`);
    const text = readFileSync(join(outDir, bundle.file), "utf8");
    const problems = checkLuaBundle(text);
    if (problems.length > 0) {
      throw new BuildError(`${bundle.entry} emits Lua that is wrong on NodeMCU:\n${problems.map((p) => `${p.module} (line ${p.line}): ${p.message}`).join("\n")}`);
    }
    texts.set(bundle.file, text);
  }
  return texts;
}

/** The box's bundle for `chip` (build/nodemcu/<chip>/parcelbox.lua); writes the others too. */
export function buildNodeMcu(chip: NodeMcuChip = "esp8266", project = "firmware/nodemcu/tsconfig.tstl.json"): string {
  return buildNodeMcuBundles(project).get(`${chip}/parcelbox.lua`) ?? "";
}

export function sizes(text: string): { bytes: number; gzipped: number } {
  return { bytes: Buffer.byteLength(text, "latin1"), gzipped: gzipSync(Buffer.from(text, "latin1")).length };
}

async function main(): Promise<void> {
  typeCheck("firmware/core/tsconfig.json");
  const espruinoProgram = typeCheck("firmware/espruino/tsconfig.json");
  typeCheck("firmware/nodemcu/tsconfig.json");
  lintCore();
  checkImports();
  const espruino = writeEspruinoFiles(ROOT, await buildEspruinoFiles(ROOT, espruinoProgram, (entry) => espruinoOptions(entry, true)));
  const lua = buildNodeMcuBundles();
  // The one Lua file of builds before the per-chip files (session 20): left in place it would be
  // read and measured as if it were current, so, as with stale images, none is better.
  rmSync(join(ROOT, "build/nodemcu/parcelbox.lua"), { force: true });
  for (const { path, text } of [
    ...espruino.filter((f) => !f.path.endsWith(".json")),
    ...[...lua.entries()].map(([file, text]) => ({ path: relative(ROOT, join(ROOT, "build/nodemcu", file)), text })),
  ]) {
    const s = sizes(text);
    console.log(`built ${path}: ${s.bytes} bytes, ${s.gzipped} gzipped`);
  }
  const tools = nodeMcuToolsDir(ROOT);
  if (tools === undefined) {
    // Images of an earlier build would no longer match parcelbox.lua: none is better than stale.
    removeLfsImages(join(ROOT, "build/nodemcu"));
    console.log(TOOLS_MISSING);
    return;
  }
  const images = buildLfsImages(tools, nodeMcuOut, join(ROOT, "build/nodemcu"));
  writeLfsManifest(images, join(ROOT, "build/nodemcu"));
  for (const line of reportLfsImages(images)) console.log(line);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof BuildError || error instanceof LfsBuildError || error instanceof EspruinoBuildError || error instanceof BundleError || error instanceof BarrelError ? `build failed: ${error.message}` : error);
    process.exit(1);
  });
}
