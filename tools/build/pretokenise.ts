/**
 * Pretokenising, as EspruinoTools does it before an upload (its plugin
 * `tools/espruino-tools/node_modules/espruino/plugins/pretokenise.js`, with PRETOKENISE=2: strings
 * and integers too, which Espruino 2v29 reads): keywords and operators become one byte each,
 * strings a length and their raw bytes, integers one to three bytes. About 15 % fewer bytes in
 * Storage, and the lexer on the device has less to do.
 *
 * The plugin runs unchanged in a node:vm context with the tools' own acorn and a stub of the
 * `Espruino` object it registers with. Every result is checked: read back as the device's lexer
 * reads it (tools/lib/espruino-tokens.ts), it must parse to the very program esbuild wrote.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import vm from "node:vm";
import * as acorn from "acorn";
import { detokenise } from "../lib/espruino-tokens.ts";

export const PRETOKENISE_PLUGIN = "tools/espruino-tools/node_modules/espruino/plugins/pretokenise.js";

type Tokenise = (code: string) => string;

let loaded: { root: string; tokenise: Tokenise } | undefined;

/** The plugin's tokenise(), loaded once per root. */
export function pretokeniser(root: string): Tokenise {
  if (loaded?.root === root) return loaded.tokenise;
  const plugin = join(root, PRETOKENISE_PLUGIN);
  let source: string;
  let toolsAcorn: unknown;
  try {
    source = readFileSync(plugin, "utf8");
    toolsAcorn = createRequire(plugin)("acorn");
  } catch (error) {
    throw new Error(`EspruinoTools' pretokeniser is not installed (${(error as Error).message}): run \`make install\``);
  }
  const Espruino = {
    Config: { PRETOKENISE: 2, SAVE_ON_SEND: 1 },
    Core: { Env: { getBoardData: () => ({ VERSION: "2v29" }) }, Config: { add: () => undefined }, Utils: {} },
    Plugins: {} as Record<string, { tokenise: Tokenise }>,
    addProcessor: () => undefined,
  };
  vm.runInNewContext(source, { acorn: toolsAcorn, Espruino, console: { log: () => undefined, warn: () => undefined } }, { filename: plugin });
  const tokenise = Espruino.Plugins.Pretokenise?.tokenise;
  if (typeof tokenise !== "function") throw new Error(`${PRETOKENISE_PLUGIN} registered no Pretokenise.tokenise`);
  loaded = { root, tokenise };
  return tokenise;
}

/**
 * An ESTree program without positions, raw texts or the difference between a plain template and a
 * string (the tokeniser stores a template without holes as a string): two codes of the same shape
 * are the same program.
 */
export function programShape(code: string): string {
  const tree = acorn.parse(code, { ecmaVersion: 2020 });
  return JSON.stringify(tree, (key, value: unknown) => {
    if (key === "start" || key === "end" || key === "raw" || key === "loc" || key === "range") return undefined;
    const node = value as { type?: string; quasis?: { value: { cooked: string } }[]; expressions?: unknown[] } | null;
    if (node?.type === "TemplateLiteral" && node.expressions?.length === 0) return { type: "Literal", value: node.quasis?.[0].value.cooked };
    return value;
  });
}

/**
 * `code` with esbuild's short forms of three values written as the words Espruino's pretokeniser
 * stores in one byte: `!0` as `true`, `!1` as `false` and `void 0` as `undefined` (two bytes each
 * once pretokenised: an operator and an integer). `undefined` is a reserved word to Espruino's
 * lexer, so nothing can hide it there; in V8 it is the global's, which no minified name takes.
 */
export function oneByteValues(code: string): string {
  const program = acorn.parse(code, { ecmaVersion: 2020, sourceType: "module" });
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as { type?: string; operator?: string; argument?: { type: string; value?: unknown }; start: number; end: number };
    if (n.type === "UnaryExpression" && n.argument?.type === "Literal") {
      const v = n.argument.value;
      const text = n.operator === "!" && v === 0 ? "true" : n.operator === "!" && v === 1 ? "false" : n.operator === "void" && v === 0 ? "undefined" : undefined;
      if (text !== undefined) edits.push({ start: n.start, end: n.end, text });
    }
    for (const [key, value] of Object.entries(n)) if (key !== "type" && key !== "start" && key !== "end") visit(value);
  };
  visit(program);
  // A word needs a space from a word beside it (`return!0` becomes `return true`).
  const word = /[\w$]/;
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + (word.test(code.charAt(e.start - 1)) ? " " : "") + e.text + (word.test(code.charAt(e.end)) ? " " : "") + out.slice(e.end);
  }
  return out;
}

/**
 * `code` pretokenised as EspruinoTools would upload it; throws when the device would read
 * something else than `code` from it.
 */
export function pretokenise(root: string, code: string, name: string): string {
  const tokenised = pretokeniser(root)(code);
  let read: string;
  try {
    read = detokenise(tokenised);
  } catch (error) {
    throw new Error(`${name}: the pretokenised file cannot be read back: ${(error as Error).message}`);
  }
  let same: boolean;
  try {
    same = programShape(read) === programShape(code);
  } catch (error) {
    // Two operators the tokeniser put side by side without a space read as one (`a- -1` as `a--1`).
    const at = (error as { pos?: number }).pos ?? 0;
    throw new Error(`${name}: pretokenised, the file no longer parses (${(error as Error).message}), near: ${read.slice(Math.max(0, at - 30), at + 30)}`);
  }
  if (!same) throw new Error(`${name}: pretokenised, the file reads as another program (tools/build/pretokenise.ts)`);
  return tokenised;
}
