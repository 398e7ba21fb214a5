/**
 * The Espruino build's files, written to build/espruino/ by `make build`:
 *
 * | file | entry | what it is |
 * | --- | --- | --- |
 * | parcelbox.js | firmware/espruino/main.ts | the box for the Pico: Storage `.bootcde`, run at every power-up, at the interpreter's root (rootNameClashes) |
 * | parcelbox-espruino-wifi.js | firmware/espruino/main.ts | the same for each other Espruino board (./espruino-board.ts) |
 * | owner.js | firmware/espruino/owner.ts | the owner's side, one expression: Storage `.pbowner`, evaluated while USB talks; a function of what the box's file shares with it (./box-shared.ts) |
 * | conformance.js | firmware/espruino/conformance.ts | the test-only hash API (`global.parcelbox`); never shipped |
 * | parcelbox.tok, owner.tok, ... | | the shipped files pretokenised: what goes into Storage, byte for byte (./espruino-storage.ts) |
 * | mangle.json | | the property names renamed in all three (original -> short), for the simulator's probes |
 *
 * All three JavaScript files are minified by esbuild with every property name our sources declare
 * renamed (./mangle.ts), through one name map (the shipped two then get their top-level number
 * constants written where they are used, ./inline-constants.ts), so an object the box's file makes means the same in
 * the owner's file. Each is checked for what Espruino cannot run (./check-espruino.ts) as it will
 * run: the stored files are also read back from their tokens and must be the same program
 * (./pretokenise.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as acorn from "acorn";
import * as esbuild from "esbuild";
import type ts from "typescript";
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import { boxSharedNames, BoxSharedError, readFromBoxPlugin, SHARED_PARAM } from "./box-shared.ts";
import { buildBoardPlugin, BuildBoardError, espruinoBoards } from "./espruino-board.ts";
import { boxFileName, REFERENCE_BOARD } from "./espruino-storage.ts";
import { checkEspruinoSource } from "./check-espruino.ts";
import { foldConcatenations, inlineConstants } from "./inline-constants.ts";
import { manglePattern, mangleNames, reservedCache } from "./mangle.ts";
import { aliasNatives } from "./native-aliases.ts";
import { oneByteValues, pretokenise } from "./pretokenise.ts";

export interface EspruinoFile {
  /** The build's name for it. */
  name: "box" | "owner" | "conformance";
  /** The box's file: the Espruino board profile it is built for (firmware/espruino/build-board.ts). */
  board?: string;
  entry: string;
  /** The JavaScript file, relative to the root. */
  js: string;
  /** The pretokenised file stored on the board, relative to the root (shipped files only). */
  stored: string | undefined;
}

export const ESPRUINO_DIR = "build/espruino";
const boxFile = (board: string): EspruinoFile => ({ name: "box", board, entry: "firmware/espruino/main.ts", js: `${ESPRUINO_DIR}/${boxFileName(board)}.js`, stored: `${ESPRUINO_DIR}/${boxFileName(board)}.tok` });
/**
 * The reference board's box first: its names get the shortest renames, and the others reuse them
 * (the other boards' box files are the same source, so they rename alike).
 */
export const ESPRUINO_FILES: EspruinoFile[] = [
  boxFile(REFERENCE_BOARD),
  { name: "owner", entry: "firmware/espruino/owner.ts", js: `${ESPRUINO_DIR}/owner.js`, stored: `${ESPRUINO_DIR}/owner.tok` },
  { name: "conformance", entry: "firmware/espruino/conformance.ts", js: `${ESPRUINO_DIR}/conformance.js`, stored: undefined },
  ...espruinoBoards()
    .filter((p) => p.name !== REFERENCE_BOARD)
    .map((p) => boxFile(p.name)),
];
/** original property name -> its rename in every Espruino file of the build. */
export const MANGLE_MAP = `${ESPRUINO_DIR}/mangle.json`;

export class EspruinoBuildError extends Error {}

/**
 * An ESM bundle whose entry's default export is its last statement (`export{x as default};`) as
 * one expression with that value: `(function(){...;return x})()`, which eval() gives back. With
 * `param`, the expression is a function of it instead, `(function(param){...;param=0;return x})`:
 * the body reads it while it runs (./box-shared.ts), and lets it go before it returns, so the
 * closures it leaves do not keep it.
 */
export function asExpression(esm: string, entry: string, param?: string): string {
  const end = /export\s*\{\s*([A-Za-z_$][\w$]*)\s+as\s+default\s*\}\s*;?\s*$/.exec(esm);
  if (!end) throw new EspruinoBuildError(`${entry} must end in one default export (esbuild wrote: ...${esm.slice(-80)})`);
  const body = esm.slice(0, end.index);
  if (/\bexport\b\s*[{*]/.test(body)) throw new EspruinoBuildError(`${entry} may export nothing but its default`);
  if (param !== undefined) return `(function(${param}){${body}${param}=0;return ${end[1]}})\n`;
  return `(function(){${body}return ${end[1]}})()\n`;
}

function check(text: string, entry: string): void {
  const problems = checkEspruinoSource(text);
  if (problems.length > 0) {
    const lines = problems.map((p) => `offset ${p.offset}: ${p.message}  near: ${text.slice(Math.max(0, p.offset - 30), p.offset + 40)}`);
    throw new EspruinoBuildError(`${entry} emits JavaScript Espruino cannot run:\n${lines.join("\n")}`);
  }
}

export interface BuiltEspruino {
  /** Each file's JavaScript, and its stored (pretokenised) form for the shipped ones. */
  files: { file: EspruinoFile; js: string; stored: string | undefined }[];
  /** original -> renamed. */
  mangle: Record<string, string>;
}

/**
 * Builds the Espruino files in memory. `options(entry)` gives esbuild's options for an entry
 * (tools/build/build.ts, espruinoOptions); `program` is the Espruino firmware's type-checked program.
 */
/**
 * esbuild's options for one file, from the build's common ones: the owner's file reads what the box
 * shares with it from the box (./box-shared.ts). Also used by tools/build/size-report.ts.
 */
export function fileOptions<T extends esbuild.BuildOptions>(root: string, file: EspruinoFile, options: T): T {
  // The box's file runs at the interpreter's root, not inside a function (see rootNameClashes), and
  // is built for its board (./espruino-board.ts).
  if (file.name === "box") {
    const profile = boardProfiles().find((p) => p.name === file.board);
    if (profile === undefined) throw new EspruinoBuildError(`${file.js}: no board profile '${file.board}'`);
    return { ...options, format: "esm", plugins: [buildBoardPlugin(root, profile), ...(options.plugins ?? [])] };
  }
  if (file.name !== "owner") return options;
  let shared;
  try {
    shared = boxSharedNames(root);
  } catch (error) {
    if (error instanceof BoxSharedError) throw new EspruinoBuildError(error.message);
    throw error;
  }
  return { ...options, format: "esm", plugins: [readFromBoxPlugin(shared), ...(options.plugins ?? [])] };
}

/** The names a program declares at its top level (var, let, const, function, class). */
function topLevelNames(program: acorn.Program): string[] {
  const names: string[] = [];
  for (const statement of program.body) {
    if (statement.type === "VariableDeclaration") {
      for (const d of statement.declarations) if (d.id.type === "Identifier") names.push(d.id.name);
    } else if ((statement.type === "FunctionDeclaration" || statement.type === "ClassDeclaration") && statement.id) names.push(statement.id.name);
  }
  return names;
}

/**
 * Every identifier a program reads or writes that it declares nowhere (no var, let, const,
 * function, class, parameter or catch of that name anywhere in it): what it can only mean as a
 * global. Scopes are not followed, so a name declared anywhere counts as declared everywhere;
 * over-reporting only, property names are not identifiers.
 */
function undeclaredNames(program: acorn.Program): Set<string> {
  const used = new Set<string>();
  const declared = new Set<string>();
  const visit = (node: unknown, role: "use" | "declare" | "skip"): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, role);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as Record<string, unknown> & { type?: string };
    if (n.type === "Identifier") {
      if (role === "use") used.add(n.name as string);
      else if (role === "declare") declared.add(n.name as string);
      return;
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === "type" || key === "start" || key === "end") continue;
      // A property's name is not a variable: obj.name, { name: ... }, class { name() {} }.
      if (key === "property" && n.type === "MemberExpression" && !n.computed) continue;
      if (key === "key" && (n.type === "Property" || n.type === "MethodDefinition" || n.type === "PropertyDefinition") && !n.computed && !n.shorthand) continue;
      const declares =
        (key === "id" && (n.type === "VariableDeclarator" || n.type === "FunctionDeclaration" || n.type === "FunctionExpression" || n.type === "ClassDeclaration" || n.type === "ClassExpression")) ||
        (key === "params" && (n.type === "FunctionDeclaration" || n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression")) ||
        (key === "param" && n.type === "CatchClause");
      visit(value, declares ? "declare" : "use");
    }
  };
  visit(program, "use");
  for (const name of declared) used.delete(name);
  return used;
}

/**
 * The short names Espruino's boards have built in (the espruino.com reference: pins by port and
 * number, D-numbered pins, LEDs, buttons, the E object and the numbered peripherals) that a
 * minifier's one- and two-letter names could hit.
 */
export const ESPRUINO_BUILTIN_NAME = /^(E|[A-H]\d{1,2}|LED\d?|BTN\d?|USB|SPI\d?|I2C\d?|Serial\d?)$/;

/**
 * The box's file runs at the interpreter's root, as a script of its own, not inside a function:
 * Espruino then keeps one JsVar fewer for each function it defines at load (no link to a
 * function's scope), 364 JsVars at boot on espruino-pico when it was measured. Its top-level names
 * are therefore globals, which the owner's file (evaluated while the box runs) and the test
 * API's file would see: none of them may be a name those files read as a global (esbuild already
 * keeps the box's own globals, such as E or USB, out of its renames). Nor may one be a name
 * Espruino has built in that the box's file happens not to read, such as a pin (A1, B15, D2),
 * LED1 or BTN: a root declaration would hide it from everything else (ESPRUINO_BUILTIN_NAME).
 * Gives the clashes.
 */
export function rootNameClashes(box: string, others: { name: string; js: string }[]): string[] {
  const root = topLevelNames(acorn.parse(box, { ecmaVersion: 2020 }));
  const clashes: string[] = [];
  for (const name of root) if (ESPRUINO_BUILTIN_NAME.test(name)) clashes.push(`the box's file declares '${name}' at the root, which is one of Espruino's built-in names`);
  for (const other of others) {
    const globals = undeclaredNames(acorn.parse(other.js, { ecmaVersion: 2020 }));
    for (const name of root) if (globals.has(name)) clashes.push(`the box's file declares '${name}' at the root, which ${other.name} reads as a global`);
  }
  return clashes;
}

export async function buildEspruinoFiles(root: string, program: ts.Program, options: (entry: string) => esbuild.BuildOptions & { write: false }): Promise<BuiltEspruino> {
  const names = mangleNames(root, program);
  let cache: Record<string, string | false> = reservedCache(names);
  const files: BuiltEspruino["files"] = [];
  for (const file of ESPRUINO_FILES) {
    const expression = file.name === "owner";
    let result;
    try {
      result = await esbuild.build({
        ...fileOptions(root, file, options(file.entry)),
        mangleProps: manglePattern(names.renamed),
        mangleCache: cache,
      });
    } catch (error) {
      // esbuild's failure (a plugin's refusal among them) as the build's own.
      if (error instanceof BuildBoardError) throw new EspruinoBuildError(error.message);
      const failure = error as { errors?: { text: string }[] };
      if (failure.errors !== undefined && failure.errors.length > 0) throw new EspruinoBuildError(`${file.entry}: ${failure.errors.map((e) => e.text).join("; ")}`);
      throw error;
    }
    cache = result.mangleCache ?? cache;
    // The shipped files' top-level number constants (and strings used once) are written where
    // they are used, and the sums of literals that leaves are folded (./inline-constants.ts).
    // They also use the built-ins and strings they repeat most through short aliases declared at
    // their top (./native-aliases.ts): the box's file at the interpreter's root, the owner's inside
    // its function.
    const shipped = file.stored === undefined ? result.outputFiles[0].text : foldConcatenations(inlineConstants(result.outputFiles[0].text));
    // And `!0`, `!1`, `void 0` are written as the one-byte words true, false, undefined (./pretokenise.ts).
    const text = file.stored === undefined ? shipped : aliasNatives(oneByteValues(shipped), (name) => ESPRUINO_BUILTIN_NAME.test(name));
    const js = expression ? asExpression(text, file.entry, SHARED_PARAM) : text;
    check(js, file.entry);
    let stored: string | undefined;
    try {
      stored = file.stored === undefined ? undefined : pretokenise(root, js, file.js);
    } catch (error) {
      throw new EspruinoBuildError((error as Error).message);
    }
    files.push({ file, js, stored });
  }
  for (const box of files.filter((f) => f.file.name === "box")) {
    const clashes = rootNameClashes(box.js, files.filter((f) => f.file.name !== "box").map((f) => ({ name: f.file.js, js: f.js })));
    if (clashes.length > 0) throw new EspruinoBuildError(clashes.join("\n"));
  }
  const mangle: Record<string, string> = {};
  for (const [name, renamed] of Object.entries(cache).sort(([a], [b]) => (a < b ? -1 : 1))) if (renamed !== false) mangle[name] = renamed;
  return { files, mangle };
}

/** Writes what buildEspruinoFiles made; gives the written files' paths (relative to the root) and texts. */
export function writeEspruinoFiles(root: string, built: BuiltEspruino): { path: string; text: string }[] {
  const written: { path: string; text: string }[] = [];
  for (const { file, js, stored } of built.files) {
    written.push({ path: file.js, text: js });
    if (file.stored !== undefined && stored !== undefined) written.push({ path: file.stored, text: stored });
  }
  written.push({ path: MANGLE_MAP, text: JSON.stringify(built.mangle, null, 1) + "\n" });
  for (const { path, text } of written) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text, "latin1");
  }
  return written;
}
