/**
 * Checks the emitted Lua bundle for what is wrong on NodeMCU's 32-bit-integer, single-float Lua
 * even though it runs on 64-bit Lua: float division and integer literals beyond 2^31-1 in our own
 * modules. typescript-to-lua's lualib helpers are exempt: they are audited upstream and use `/`
 * only on small values. Also rejects non-ASCII bytes anywhere outside comments: typescript-to-lua
 * writes a TypeScript "\xff" as UTF-8 (two bytes in Lua); binary bytes must come from
 * String.fromCharCode at run time.
 */
export interface LuaProblem {
  module: string;
  line: number;
  message: string;
}

const MAX_INT32 = 2147483647;

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
  const modulePattern = /^\["([^"]+)"\] = function\(\.\.\.\) $/gm;
  const starts: { name: string; at: number }[] = [];
  for (const match of bundle.matchAll(modulePattern)) starts.push({ name: match[1], at: match.index ?? 0 });
  if (starts.length === 0) problems.push({ module: "(bundle)", line: 1, message: "no modules found in the bundle" });
  codeOnlyKeepingStrings(bundle)
    .split("\n")
    .forEach((line, n) => {
      if (/[^\x00-\x7f]/.test(line)) problems.push({ module: "(bundle)", line: n + 1, message: "non-ASCII byte in code or a string literal" });
    });
  starts.forEach((start, i) => {
    if (start.name === "lualib_bundle") return;
    const end = i + 1 < starts.length ? starts[i + 1].at : bundle.length;
    const code = codeOnly(bundle.slice(start.at, end));
    const firstLine = bundle.slice(0, start.at).split("\n").length;
    code.split("\n").forEach((line, n) => {
      if (/(^|[^/])\/([^/]|$)/.test(line)) {
        problems.push({ module: start.name, line: firstLine + n, message: "float division `/` (single precision on NodeMCU)" });
      }
      const stray = /(^|[^.:\w])(Math|String|Array|Object|Number|JSON|Error)\s*[.:]/.exec(line);
      if (stray) {
        problems.push({ module: start.name, line: firstLine + n, message: `JavaScript global ${stray[2]} left in Lua (not translated)` });
      }
      for (const literal of line.matchAll(/\b\d+(\.\d*)?([eE][+-]?\d+)?\b/g)) {
        const value = Number(literal[0]);
        if (value > MAX_INT32) {
          problems.push({ module: start.name, line: firstLine + n, message: `literal ${literal[0]} is not a 32-bit integer on NodeMCU` });
        }
      }
    });
  });
  return problems;
}
