/**
 * Checks the emitted Lua bundle for what is wrong on NodeMCU's 32-bit-integer, single-float Lua
 * even though it runs on 64-bit Lua. A float on NodeMCU holds whole numbers exactly only below
 * 2^24 (218549072.0 + 1.0 == 218549072.0 there), so floats must stay off every integer path (box
 * seconds, hours, milliseconds, uptime). In our own modules nothing may make one:
 * - float division `/` and power `^`;
 * - float literals (`1.5`, `1e3`, `.5`) and integer literals beyond 2^31-1;
 * - the standard library's float makers (math.huge, math.pi, math.sqrt, ...) and `tonumber`,
 *   which turns "1.5" or "3000000000" into a float: parse digits instead (parseInteger);
 * - NodeMCU calls that return floats: node.uptime (single-precision microseconds on ESP32).
 * typescript-to-lua's lualib helpers may use float arithmetic only where audited (LUALIB_FLOATS).
 * Also rejects non-ASCII bytes anywhere outside comments: typescript-to-lua writes a TypeScript
 * "\xff" as UTF-8 (two bytes in Lua); binary bytes must come from String.fromCharCode at run time.
 */
import { bundleModules } from "./lua-bundle-plugin.ts";
export interface LuaProblem {
  module: string;
  line: number;
  message: string;
}

const MAX_INT32 = 2147483647;

/** lualib helpers allowed to do float arithmetic, and why it stays off integer paths. */
export const LUALIB_FLOATS: Record<string, string> = {
  __TS__StringPadStart: "math.floor(maxLength / #fillString): string lengths, far below 2^24",
  __TS__StringPadEnd: "math.floor(maxLength / #fillString): string lengths, far below 2^24",
  __TS__StringCharCodeAt: "0 / 0 is NaN for an index past the end, as JavaScript's charCodeAt",
  __TS__ArraySetLength: "compares the length with math.huge to refuse an infinite one; makes no float",
  __TS__NumberIsFinite: "compares with math.huge; makes no float",
  __TS__ParseInt: "tonumber(digits, base) is an integer in Lua 5.3; 0 / 0 is NaN for no digits, as JavaScript's parseInt",
};

/** Standard-library functions and values that are (or may return) floats. */
const FLOAT_MAKERS = /(^|[^.:\w])(math\.(huge|pi|sqrt|exp|log|sin|cos|tan|asin|acos|atan|random|modf|fmod)|tonumber)\b/;
/** NodeMCU calls that return floats on the device's Lua 5.3 (32-bit integers, single floats). */
const FLOAT_SOURCES = /(^|[^.:\w])node\s*[.:]\s*uptime\b/;
/** A float literal: a decimal point (not `..`) or an exponent, or a hex float. */
const FLOAT_LITERAL = /(^|[^\w.])(\d+\.(?!\.)\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|\d+[eE][+-]?\d+|0[xX][0-9a-fA-F]*\.?[0-9a-fA-F]*[pP][+-]?\d+)/;
/** Float arithmetic: `/` that is not `//`, and `^`. */
const FLOAT_OPERATOR = /(^|[^/])\/([^/]|$)|\^/;

/** Blanks out comments and string literals, keeping line breaks so line numbers stay right. */
function codeOnly(lua: string): string {
  return lua.replace(/--\[(=*)\[[\s\S]*?\]\1\]|--[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|\[(=*)\[[\s\S]*?\]\2\]/g, (m) =>
    m.replace(/[^\n]/g, " "),
  );
}

/** Blanks out comments only. */
function codeOnlyKeepingStrings(lua: string): string {
  return lua.replace(/--\[(=*)\[[\s\S]*?\]\1\]|--[^\n]*/g, (m) => m.replace(/[^\n]/g, " "));
}

export function checkLuaBundle(bundle: string): LuaProblem[] {
  const problems: LuaProblem[] = [];
  const starts = bundleModules(bundle);
  if (starts.length === 0) problems.push({ module: "(bundle)", line: 1, message: "no modules found in the bundle" });
  codeOnlyKeepingStrings(bundle)
    .split("\n")
    .forEach((line, n) => {
      if (/[^\x00-\x7f]/.test(line)) problems.push({ module: "(bundle)", line: n + 1, message: "non-ASCII byte in code or a string literal" });
    });
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].at : bundle.length;
    const code = codeOnly(bundle.slice(start.at, end));
    const firstLine = bundle.slice(0, start.at).split("\n").length;
    if (start.name === "lualib_bundle") {
      problems.push(...checkLualib(code, firstLine));
      return;
    }
    code.split("\n").forEach((line, n) => {
      const at = { module: start.name, line: firstLine + n };
      if (/(^|[^/])\/([^/]|$)/.test(line)) problems.push({ ...at, message: "float division `/` (single precision on NodeMCU)" });
      if (line.includes("^")) problems.push({ ...at, message: "float power `^` (single precision on NodeMCU)" });
      const literal = FLOAT_LITERAL.exec(line);
      if (literal) problems.push({ ...at, message: `float literal ${literal[2]} (single precision on NodeMCU)` });
      const maker = FLOAT_MAKERS.exec(line);
      if (maker) problems.push({ ...at, message: `${maker[2]} makes floats (single precision on NodeMCU)` });
      if (FLOAT_SOURCES.test(line)) problems.push({ ...at, message: "node.uptime returns single-precision microseconds on NodeMCU: use time.get" });
      const stray = /(^|[^.:\w])(Math|String|Array|Object|Number|JSON|Error)\s*[.:]/.exec(line);
      if (stray) {
        problems.push({ module: start.name, line: firstLine + n, message: `JavaScript global ${stray[2]} left in Lua (not translated)` });
      }
      for (const literal of line.matchAll(/\b\d+(\.\d*)?([eE][+-]?\d+)?\b/g)) {
        const value = Number(literal[0]);
        if (value > MAX_INT32) problems.push({ ...at, message: `literal ${literal[0]} is not a 32-bit integer on NodeMCU` });
      }
    });
  });
  return problems;
}

/** typescript-to-lua's helpers: float arithmetic only in the audited ones (LUALIB_FLOATS). */
function checkLualib(code: string, firstLine: number): LuaProblem[] {
  const problems: LuaProblem[] = [];
  let helper = "(lualib)";
  code.split("\n").forEach((line, n) => {
    // Helpers are `local function __TS__X(`, or declared `local __TS__X` and defined in a `do` block.
    const name = /^\s*(?:local\s+)?function\s+(__TS__\w+)|^local\s+(__TS__\w+)\b/.exec(line);
    if (name) helper = name[1] ?? name[2];
    if (LUALIB_FLOATS[helper] !== undefined) return;
    if (FLOAT_OPERATOR.test(line) || FLOAT_LITERAL.test(line) || FLOAT_MAKERS.test(line)) {
      problems.push({ module: `lualib_bundle ${helper}`, line: firstLine + n, message: "float arithmetic in a lualib helper not audited for NodeMCU's single floats (tools/build/check-lua.ts, LUALIB_FLOATS)" });
    }
  });
  return problems;
}
