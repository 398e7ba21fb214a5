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
