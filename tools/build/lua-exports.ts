/**
 * Module exports as locals, for the NodeMCU bundles (run by ./lua-bundle-plugin.ts on each printed
 * module, before bundling).
 *
 * typescript-to-lua gives every module a table `____exports` and reaches its own exported names
 * through it (`function ____exports.isLow(pin)`, `____exports.isLow(pin)` inside the module). Every
 * closure of the module then holds that table as an upvalue, so it stays in heap as long as any of
 * them lives (a 352-byte hash for 9-16 names), although importers read the names only once, at
 * load (`local isLow = ____pins.isLow`). Each use is also a table lookup: one more instruction and
 * one more constant in flash.
 *
 * Here each exported name assigned exactly once, by a statement of the module's top level (column
 * 0, as typescript-to-lua prints them), becomes a local of the module declared at its top
 * (`local ____x_isLow`, so code before the definition sees it, as TypeScript's hoisting wants);
 * every `____exports.name` of the module reads that local, and the exports table gets the names
 * just before the module returns. A name given a plain number or a string without escapes is
 * written in as that literal instead (no local, no upvalue). A module whose text does not have
 * the expected shape (one `local ____exports = {}`, ending with `return ____exports`, the exports
 * table used only as `____exports.name`) is left as it is; so is a name assigned anywhere else
 * (a re-export in a `do` block, a second assignment).
 *
 * With the module cache forgotten once the box has started (lua-bundle-plugin.ts), nothing holds
 * the exports tables of the box's modules any more: they are garbage after boot.
 */

/** The local that holds exported `name` (a name typescript-to-lua never prints itself). */
export const exportLocal = (name: string): string => `____x_${name}`;

const HEAD = "local ____exports = {}\n";
const TAIL = "\nreturn ____exports\n";

/** A literal that may be written in where the export is read: decimal or hex integers, plain strings. */
const LITERAL = /^(?:-?\d+|0x[0-9a-fA-F]+|"[^"\\\n]*")$/;

/** The most locals a Lua function may have is 200; leave room for the module's own. */
const MAX_NEW_LOCALS = 120;

export interface ExportsRewrite {
  code: string;
  /** Names made locals. */
  locals: string[];
  /** Names written in as literals, with the literal. */
  literals: Map<string, string>;
}

/** Rewrites one printed module (see above); gives the code unchanged when it is of another shape. */
export function exportsAsLocals(code: string): ExportsRewrite {
  const unchanged = { code, locals: [], literals: new Map<string, string>() };
  const head = code.indexOf(HEAD);
  if (head < 0 || code.indexOf(HEAD, head + 1) >= 0 || !code.endsWith(TAIL)) return unchanged;
  if (head > 0 && code[head - 1] !== "\n") return unchanged;
  const body = code.slice(head + HEAD.length, code.length - TAIL.length);
  // The exports table must be used only as `____exports.name`.
  const bare = body.match(/\b____exports\b(?!\.\w)/g);
  if (bare !== null) return unchanged;
  if (/\b____x_\w/.test(code)) return unchanged;

  // Every assignment of each exported name: `function ____exports.name(` or `____exports.name =`.
  const assigned = new Map<string, { count: number; top: boolean; literal: string | undefined }>();
  for (const m of body.matchAll(/^([ \t]*)(function ____exports\.(\w+)\(|____exports\.(\w+)\s*=(?!=)(.*)$)/gm)) {
    const name = m[3] ?? m[4];
    const entry = assigned.get(name) ?? { count: 0, top: true, literal: undefined };
    entry.count++;
    if (m[1] !== "") entry.top = false;
    const value = m[5]?.trim();
    entry.literal = m[4] !== undefined && value !== undefined && LITERAL.test(value) ? value : undefined;
    assigned.set(name, entry);
  }
  // Any other write of the name keeps it in the table: a second `=` or function definition, a
  // write into it (`____exports.a.b = `, `function ____exports.a.b(`), a multiple assignment.
  const writes = (name: string): number =>
    [
      `\\b____exports\\.${name}\\s*=(?!=)`,
      `function ____exports\\.${name}[.:(]`,
      `\\b____exports\\.${name}[.:][\\w.]+\\s*=(?!=)`,
      `^[^=(\\n]*\\b____exports\\.${name}\\s*,[^=(\\n]*=(?!=)`,
    ].reduce((n, pattern) => n + (body.match(new RegExp(pattern, "gm")) ?? []).length, 0);
  const local = [...assigned].filter(([name, e]) => e.count === 1 && e.top && writes(name) === 1);
  if (local.length === 0) return unchanged;
  const literals = new Map(local.filter(([, e]) => e.literal !== undefined).map(([name, e]) => [name, e.literal as string]));
  const locals = local.filter(([, e]) => e.literal === undefined).map(([name]) => name).slice(0, MAX_NEW_LOCALS);
  const keep = new Set([...locals, ...literals.keys()]);

  let out = body;
  // The literal's own assignment goes: the table gets it at the end.
  for (const name of literals.keys()) out = out.replace(new RegExp(`^____exports\\.${name}\\s*=.*\\n?`, "m"), "");
  out = out.replace(/\b____exports\.(\w+)/g, (all, name: string) => {
    if (!keep.has(name)) return all;
    const literal = literals.get(name);
    if (literal === undefined) return exportLocal(name);
    return literal.startsWith("-") ? `(${literal})` : literal;
  });
  const declare = locals.length > 0 ? `local ${locals.map(exportLocal).join(", ")}\n` : "";
  const publish = [...locals.map((n) => `____exports.${n} = ${exportLocal(n)}`), ...[...literals].map(([n, v]) => `____exports.${n} = ${v}`)].join("\n");
  return {
    code: `${code.slice(0, head)}${HEAD}${declare}${out}\n${publish}${TAIL}`,
    locals,
    literals,
  };
}

/** One token of Lua source: its text and where it starts. Strings and comments are single tokens. */
interface Token {
  text: string;
  at: number;
  kind: "name" | "string" | "comment" | "other";
}

/** Lua's tokens, enough to tell names from strings, comments and field names (not a full lexer). */
export function luaTokens(code: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const longEnd = (from: number): number => {
    const open = /^\[(=*)\[/.exec(code.slice(from, from + 64));
    if (open === null) return -1;
    const close = code.indexOf(`]${open[1]}]`, from + open[0].length);
    return close < 0 ? code.length : close + open[1].length + 2;
  };
  while (i < code.length) {
    const c = code[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (code.startsWith("--", i)) {
      const long = longEnd(i + 2);
      i = long >= 0 ? long : (code.indexOf("\n", i) + 1 || code.length);
      tokens.push({ text: code.slice(start, i), at: start, kind: "comment" });
    } else if (c === '"' || c === "'") {
      i++;
      while (i < code.length && code[i] !== c) i += code[i] === "\\" ? 2 : 1;
      i++;
      tokens.push({ text: code.slice(start, i), at: start, kind: "string" });
    } else if (c === "[" && longEnd(i) >= 0) {
      i = longEnd(i);
      tokens.push({ text: code.slice(start, i), at: start, kind: "string" });
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < code.length && /\w/.test(code[i])) i++;
      tokens.push({ text: code.slice(start, i), at: start, kind: "name" });
    } else if (/\d/.test(c) || (c === "." && /\d/.test(code[i + 1] ?? ""))) {
      while (i < code.length && /[\w.]/.test(code[i])) i++;
      tokens.push({ text: code.slice(start, i), at: start, kind: "other" });
    } else {
      const op = /^(\.\.\.|\.\.|==|~=|<=|>=|\/\/|::|<<|>>|.)/s.exec(code.slice(i, i + 3)) as RegExpExecArray;
      i += op[0].length;
      tokens.push({ text: op[0], at: start, kind: "other" });
    }
  }
  return tokens;
}

/** The names a chunk declares anywhere (locals, parameters, loop variables, local functions). */
export function declaredNames(tokens: Token[]): Map<string, number> {
  const names = new Map<string, number>();
  const add = (name: string): void => {
    names.set(name, (names.get(name) ?? 0) + 1);
  };
  const code = tokens.filter((t) => t.kind !== "comment");
  for (let i = 0; i < code.length; i++) {
    const t = code[i].text;
    if (code[i].kind !== "name") continue;
    if (t === "local" || t === "for") {
      let j = i + 1;
      if (code[j]?.text === "function") {
        add(code[j + 1].text);
        continue;
      }
      for (; code[j]?.kind === "name"; j += 2) {
        add(code[j].text);
        // `local x <const>` is Lua 5.4; typescript-to-lua targets 5.3 here.
        if (code[j + 1]?.text !== ",") break;
      }
    } else if (t === "function") {
      let j = i + 1;
      while (code[j] !== undefined && code[j].text !== "(") j++;
      for (j++; code[j] !== undefined && code[j].text !== ")"; j++) if (code[j].kind === "name") add(code[j].text);
    }
  }
  return names;
}

/**
 * Writes in, where a module reads them, the imports of names another module exports as a plain
 * literal (`local EVENT_SIZE = ____layout.EVENT_SIZE` then `EVENT_SIZE` read in a closure: one
 * local, one upvalue in heap for every closure that reads it, a table lookup at load). `literalsOf`
 * gives the literal exports of the module a `require` specifier names. An import whose name the
 * module declares anywhere else (a parameter, a local of the same name) is left alone, as is a
 * name used as a table key or assigned.
 */
export function inlineImportedLiterals(code: string, literalsOf: (specifier: string) => Map<string, string> | undefined): { code: string; inlined: string[] } {
  const requires = new Map<string, Map<string, string>>();
  for (const m of code.matchAll(/^local (\w+) = require\("([^"\\]+)"\)$/gm)) {
    const literals = literalsOf(m[2]);
    if (literals !== undefined && literals.size > 0) requires.set(m[1], literals);
  }
  if (requires.size === 0) return { code, inlined: [] };
  const imports = new Map<string, { line: string; at: number; literal: string }>();
  for (const m of code.matchAll(/^local (\w+) = (\w+)\.(\w+)\n/gm)) {
    const literal = requires.get(m[2])?.get(m[3]);
    if (literal !== undefined) imports.set(m[1], { line: m[0], at: m.index as number, literal });
  }
  const importLine = (at: number): boolean => [...imports.values()].some((i) => at >= i.at && at < i.at + i.line.length);
  if (imports.size === 0) return { code, inlined: [] };
  const tokens = luaTokens(code);
  const declared = declaredNames(tokens);
  const code2 = tokens.filter((t) => t.kind !== "comment");
  // Each use: a name token not after `.`/`:` (a field) and not before a single `=` (a key or an assignment).
  const uses = new Map<string, Token[]>();
  const refused = new Set<string>();
  for (let i = 0; i < code2.length; i++) {
    const t = code2[i];
    if (t.kind !== "name" || !imports.has(t.text) || importLine(t.at)) continue;
    const before = code2[i - 1]?.text;
    const after = code2[i + 1]?.text;
    if (before === "." || before === ":" || after === "=" || before === "goto" || before === "::") refused.add(t.text);
    else uses.set(t.text, [...(uses.get(t.text) ?? []), t]);
  }
  const inline = [...imports.keys()].filter((name) => declared.get(name) === 1 && !refused.has(name));
  if (inline.length === 0) return { code, inlined: [] };
  const edits: { at: number; length: number; text: string }[] = [];
  for (const name of inline) {
    const { line, at, literal } = imports.get(name) as { line: string; at: number; literal: string };
    edits.push({ at, length: line.length, text: "" });
    for (const use of uses.get(name) ?? []) edits.push({ at: use.at, length: name.length, text: literal.startsWith("-") ? `(${literal})` : literal });
  }
  edits.sort((a, b) => b.at - a.at);
  let out = code;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.length);
  return { code: out, inlined: inline };
}

/**
 * Removes the `local ____x = require("...")` lines whose local the module no longer reads: after
 * inlineImportedLiterals, a module that imported only literals of another (board.ts's
 * CONTACT_DEBOUNCE_MS, light sleep's HOLD_* bits) still loaded it. Without the line the other module
 * is not loaded for nothing (its closures and exports table stay out of heap) and, when no module
 * reads it any more, it leaves the bundle and the LFS image (lua-bundle-plugin.ts prunes after this).
 * Only a module's load-time side effects could be lost, and the firmware's modules have none but
 * declaring their functions and data (the entry is never required). lualib_bundle's line stays.
 */
export function dropUnusedRequires(code: string): { code: string; dropped: string[] } {
  const dropped: string[] = [];
  const out = code.replace(/^local (\w+) = require\("([^"\\]+)"\)\n/gm, (line, local: string, specifier: string) => {
    if (specifier === "lualib_bundle") return line;
    const uses = code.match(new RegExp(`\\b${local}\\b`, "g"))?.length ?? 0;
    if (uses > 1) return line;
    dropped.push(specifier);
    return "";
  });
  return { code: out, dropped };
}
