/**
 * A typescript-to-lua plugin (its `afterPrint` hook: after each file is printed as Lua, before
 * dependencies are resolved and the bundle is made; https://typescripttolua.github.io/docs/api/plugins)
 * for the NodeMCU bundles of tools/build/build.ts. Three jobs, in this order:
 *
 * 1. Re-export barrels are flattened: an import from a file that only re-exports
 *    (`firmware/core/codes/index.ts`: `export { codeIdText } from "./code"`) becomes imports from the
 *    files that define the names. A barrel `require`s every module it re-exports from, so an
 *    importer that needs two names of it loads them all: the owner's side loaded the whole candidate
 *    table's code for REVOKE's two functions. The barrel itself then goes (2). An import of a barrel
 *    the printed Lua uses in any other way than `local ____x = require("...")` and `____x.name`
 *    fails the build, so a change in typescript-to-lua's output cannot pass unnoticed.
 *
 * 2. Modules loaded later: `____bundleLoad("core.owner.index")` (declared in
 *    firmware/nodemcu/nodemcu.d.ts) loads a module of the bundle that nothing imports, and
 *    `____bundleForget()` forgets the modules loaded since the entry started. Both are locals this
 *    plugin puts in the bundle's prologue (beforeEmit), beside typescript-to-lua's own `require`,
 *    so module code sees them as upvalues. ____bundleForget (the entry calls it once it has
 *    started, and the owner's side at release) sets the cache to the modules both the entry and a
 *    later module require (the codes, bytes, lualib: loading them a second time would put a second
 *    copy of their closures in heap), each as a table of only the names the later modules read
 *    (LaterPlan), and keeps only the loaders of the modules only later modules require. What
 *    only the later modules loaded is then garbage once nothing of theirs is referenced, and so
 *    are the box's own modules' exports tables. Their code stays in the one LFS module, so nothing
 *    is in flash twice. The names ____bundleLoad is called with are found in the printed code
 *    (string literals only), and each must be a module of the bundle.
 *
 * 3. Only modules the bundle's entry or a module loaded later (2) really `require`s go into the
 *    bundle. typescript-to-lua bundles every file of the program, and a type-only import
 *    (`import type { BoxMemory } from "./box-memory"`) puts a file in the program without any
 *    `require` of it. Every module costs flash in the LFS image even when it never loads. The
 *    minimal lualib (`luaLibImport: "require-minimal"`) is worked out after this hook, so it
 *    shrinks with the files.
 *
 * Reachability follows the `require("...")` calls typescript-to-lua printed for each file's imports
 * (relative specifiers at this stage, resolved against the file as TypeScript resolves them).
 */
import { existsSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import ts from "typescript";
import type * as tstl from "typescript-to-lua";
import { dropUnusedRequires, exportsAsLocals, inlineImportedLiterals } from "./lua-exports.ts";

/** Where each name a barrel exports is defined: file and name there. */
export type Barrels = Map<string, Map<string, { file: string; name: string }>>;

/**
 * The program's re-export barrels: source files whose every statement is `export { ... } from "..."`,
 * with each value name's defining file (through barrels of barrels).
 */
export function findBarrels(program: ts.Program): Barrels {
  const options = program.getCompilerOptions();
  const direct = new Map<string, Map<string, { file: string; name: string }>>();
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || sf.statements.length === 0) continue;
    const names = new Map<string, { file: string; name: string }>();
    let barrel = true;
    for (const st of sf.statements) {
      if (!ts.isExportDeclaration(st) || st.moduleSpecifier === undefined || st.exportClause === undefined || !ts.isNamedExports(st.exportClause)) {
        barrel = false;
        break;
      }
      const target = ts.resolveModuleName((st.moduleSpecifier as ts.StringLiteral).text, sf.fileName, options, ts.sys).resolvedModule?.resolvedFileName;
      if (target === undefined) {
        barrel = false;
        break;
      }
      if (st.isTypeOnly) continue;
      for (const spec of st.exportClause.elements) {
        if (!spec.isTypeOnly) names.set(spec.name.text, { file: resolve(target), name: (spec.propertyName ?? spec.name).text });
      }
    }
    if (barrel) direct.set(resolve(sf.fileName), names);
  }
  // A name re-exported from another barrel is followed to its definition.
  const follow = (at: { file: string; name: string }, depth = 0): { file: string; name: string } => {
    const next = direct.get(at.file)?.get(at.name);
    return next === undefined || depth > 8 ? at : follow(next, depth + 1);
  };
  const barrels: Barrels = new Map();
  for (const [file, names] of direct) barrels.set(file, new Map([...names].map(([exported, at]) => [exported, follow(at)])));
  return barrels;
}

export class BarrelError extends Error {}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A `require` specifier from `from`'s folder to `file` (a .ts file), as an import would write it. */
function specifierTo(from: string, file: string): string {
  const path = relative(dirname(from), file).replace(/\.ts$/, "");
  return path.startsWith(".") ? path : `./${path}`;
}

/** Rewrites one printed file's imports of barrels into imports of the defining files. */
export function flattenBarrels(file: tstl.ProcessedFile, barrels: Barrels): boolean {
  const fileName = resolve(file.fileName);
  const barrelOf = (specifier: string) => {
    const base = resolve(dirname(fileName), specifier);
    return barrels.get(`${base}.ts`) ?? barrels.get(`${base}/index.ts`);
  };
  let code = file.code;
  let changed = false;
  for (;;) {
    const m = [...code.matchAll(/^local (\w+) = require\("([^"\\]+)"\)\n/gm)].find((r) => barrelOf(r[2]) !== undefined);
    if (m === undefined || m.index === undefined) break;
    const [line, local, specifier] = m;
    const barrel = barrelOf(specifier) as Map<string, { file: string; name: string }>;
    const before = code.slice(0, m.index);
    let after = code.slice(m.index + line.length);
    if (new RegExp(`\\b${escape(local)}\\b`).test(before)) throw new BarrelError(`${file.fileName}: ${local} is used before its require of ${specifier}`);
    // Every other use of the local must be `local.name` for a name the barrel exports.
    const targets = new Map<string, string>();
    for (const use of after.matchAll(new RegExp(`\\b${escape(local)}\\b(\\.(\\w+))?`, "g"))) {
      const at = use[2] === undefined ? undefined : barrel.get(use[2]);
      if (at === undefined) throw new BarrelError(`${file.fileName}: "${use[0]}" is not a use of the barrel ${specifier} this build understands`);
      if (!targets.has(at.file)) targets.set(at.file, `${local}_${targets.size + 1}`);
    }
    after = after.replace(new RegExp(`\\b${escape(local)}\\.(\\w+)`, "g"), (_all, name: string) => {
      const at = barrel.get(name) as { file: string; name: string };
      return `${targets.get(at.file)}.${at.name}`;
    });
    const requires = [...targets].map(([target, name]) => `local ${name} = require("${specifierTo(fileName, target)}")\n`).join("");
    code = before + requires + after;
    changed = true;
  }
  if (changed) {
    file.code = code;
    // The printed source map no longer matches; the bundle then takes the code itself.
    file.sourceMapNode = undefined;
  }
  return changed;
}

/** The `require`d specifiers of one printed Lua file (imports; lualib_bundle is not a file). */
export function requiredSpecifiers(code: string): string[] {
  return [...code.matchAll(/\brequire\("([^"\\]+)"\)/g)].map((m) => m[1]).filter((s) => s !== "lualib_bundle");
}

/** The file a specifier names, among `files`, as TypeScript resolves a relative import. */
function resolveSpecifier(from: string, specifier: string, files: Set<string>): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => files.has(candidate) || (candidate === base && existsSync(base) && files.has(base)));
}

/** The files `roots` reach through `require` among `result` (roots included). */
export function requiredFrom(result: tstl.ProcessedFile[], roots: string[]): Set<string> {
  const byName = new Map(result.map((f) => [resolve(f.fileName), f]));
  const names = new Set(byName.keys());
  const reached = new Set<string>();
  const queue = roots.map((r) => resolve(r));
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (reached.has(name)) continue;
    const file = byName.get(name);
    if (file === undefined) continue;
    reached.add(name);
    for (const specifier of requiredSpecifiers(file.code)) {
      const target = resolveSpecifier(name, specifier, names);
      if (target !== undefined) queue.push(target);
    }
  }
  return reached;
}

/** Keeps in `result` only the files `roots` reach through `require`; returns the dropped ones. */
export function pruneUnrequired(result: tstl.ProcessedFile[], roots: string | string[]): string[] {
  const reached = requiredFrom(result, typeof roots === "string" ? [roots] : roots);
  const dropped = result.filter((f) => !reached.has(resolve(f.fileName))).map((f) => f.fileName);
  const kept = result.filter((f) => reached.has(resolve(f.fileName)));
  result.splice(0, result.length, ...kept);
  return dropped;
}

/** The module names `____bundleLoad("...")` is called with in one printed file. */
export function laterModules(code: string): string[] {
  if (/\b____bundleLoad\((?!")/.test(code)) throw new BundleError("____bundleLoad takes a string literal (the build must see which module it loads)");
  return [...code.matchAll(/\b____bundleLoad\("([^"\\]+)"\)/g)].map((m) => m[1]);
}

/** typescript-to-lua's module path of a file: relative to rootDir, without extension, dotted. */
export function modulePath(file: string, rootDir: string): string {
  return relative(rootDir, file).replace(/\.ts$/, "").split(/[\\/]/).join(".");
}

export class BundleError extends Error {}

/** What typescript-to-lua's bundle prologue must contain for the loader functions to go in. */
const PROLOGUE_MARKS = ["local ____modules = {}\n", "local ____moduleCache = {}\n", "local function require(file, ...)\n", "\n____modules = {\n"];

/**
 * What the bundle's later-loading functions (2 above) must know, worked out by the build:
 * - laterOnly: the modules only a later module requires (the box never loads them at start);
 *   their loaders are all ____bundleForget keeps;
 * - shared: the modules both the box and a later module require, each with the names the later
 *   modules read from it (undefined: the whole exports table). ____bundleForget keeps each in the
 *   cache as a table of just those names, so the box's modules' other exports (and the closures
 *   only they held) are garbage once the box has started.
 */
export interface LaterPlan {
  laterOnly: string[];
  shared: Map<string, string[] | undefined>;
}

/** The bundle's later-loading functions (2 above), put before `____modules = {`. */
export function laterLoader(plan: LaterPlan): string {
  const key = (name: string): string => `[${JSON.stringify(name)}]`;
  const keep = [...plan.shared].map(([name, names]) => {
    const value = names === undefined ? "m" : `{${names.map((n) => `${n} = m.${n}`).join(", ")}}`;
    return `    m = was${key(name)}\n    if m ~= nil then cache${key(name)} = ${value} end`;
  });
  return [
    "-- tools/build/lua-bundle-plugin.ts: modules loaded after start, and forgetting what was loaded.",
    // The bundle's own require itself: a wrapper would be one more function in flash.
    "local ____bundleLoad = require",
    "local function ____bundleForget()",
    "    local was = ____moduleCache",
    "    local cache = {}",
    "    local m",
    ...keep,
    "    ____moduleCache = cache",
    "    local loaders = ____modules",
    "    ____modules = {}",
    ...plan.laterOnly.map((name) => `    ____modules${key(name)} = loaders${key(name)}`),
    "end",
    "",
  ].join("\n");
}

/** Puts laterLoader(plan) into a typescript-to-lua bundle; fails on a bundle of another shape. */
export function addLaterLoader(bundle: string, plan: LaterPlan): string {
  for (const mark of PROLOGUE_MARKS) if (!bundle.includes(mark)) throw new BundleError(`the bundle has no "${mark.trim()}": typescript-to-lua's bundle changed shape`);
  for (const name of [...plan.laterOnly, ...plan.shared.keys()]) {
    if (!bundle.includes(`\n[${JSON.stringify(name)}] = function(...) \n`)) throw new BundleError(`____bundleLoad("${name}"): no such module in the bundle`);
  }
  const at = bundle.indexOf("\n____modules = {\n") + 1;
  return bundle.slice(0, at) + laterLoader(plan) + bundle.slice(at);
}

/**
 * The names `code` (one printed module) reads from each module it requires, by specifier: every
 * use of the require's local must be `local.name`; any other use gives undefined (all of them).
 */
export function namesRead(code: string): Map<string, string[] | undefined> {
  const read = new Map<string, string[] | undefined>();
  for (const m of code.matchAll(/^local (\w+) = require\("([^"\\]+)"\)$/gm)) {
    const names = new Set<string>();
    let all = false;
    for (const use of code.matchAll(new RegExp(`\\b${m[1]}\\b(\\.(\\w+))?`, "g"))) {
      if (use.index === m.index + 6) continue;
      if (use[2] === undefined) all = true;
      else names.add(use[2]);
    }
    const before = read.has(m[2]) ? read.get(m[2]) : [];
    read.set(m[2], all || before === undefined ? undefined : [...new Set([...before, ...names])].sort());
  }
  return read;
}

/** typescript-to-lua's `require` of the bundle prologue, exactly as it prints it. */
const TSTL_REQUIRE = `local function require(file, ...)
    if ____moduleCache[file] then
        return ____moduleCache[file].value
    end
    if ____modules[file] then
        local module = ____modules[file]
        local value = nil
        if (select("#", ...) > 0) then value = module(...) else value = module(file) end
        ____moduleCache[file] = { value = value }
        return value
    else
        if ____originalRequire then
            return ____originalRequire(file)
        else
            error("module '" .. file .. "' not found")
        end
    end
end
`;

/**
 * The same `require`, caching each module's value itself instead of in a table `{ value = value }`
 * of its own (52 bytes of heap a module cached: 1.2 KB after boot). Every module of a bundle
 * returns its exports table, never nil; a nil would only mean the module runs again.
 */
const COMPACT_REQUIRE = `local function require(file, ...)
    local value = ____moduleCache[file]
    if value ~= nil then return value end
    local module = ____modules[file]
    if module == nil then
        if ____originalRequire then return ____originalRequire(file) end
        error("module '" .. file .. "' not found")
    end
    if (select("#", ...) > 0) then value = module(...) else value = module(file) end
    ____moduleCache[file] = value
    return value
end
`;

/** Puts COMPACT_REQUIRE in place of typescript-to-lua's own; fails on a bundle of another shape. */
export function compactRequire(bundle: string): string {
  const at = bundle.indexOf(TSTL_REQUIRE);
  if (at < 0) throw new BundleError("the bundle's require is not typescript-to-lua's as this build knows it: typescript-to-lua's bundle changed shape");
  return bundle.slice(0, at) + COMPACT_REQUIRE + bundle.slice(at + TSTL_REQUIRE.length);
}

/**
 * A bundled module's first line: typescript-to-lua's `["core.box"] = function(...) `, or after
 * numberModules `[12] = function(...) -- core.box`. Group 1 or 2 is the module's name.
 */
export const MODULE_LINE = /^\[(?:"([^"\\]+)"|\d+)\] = function\(\.\.\.\) (?:-- (\S+))?$/gm;

/** The bundle's modules, by name, where each starts (the offset of its first line). */
export function bundleModules(bundle: string): { name: string; at: number }[] {
  return [...bundle.matchAll(MODULE_LINE)].map((m) => ({ name: m[1] ?? m[2] ?? "?", at: m.index ?? 0 }));
}

/**
 * Modules by number instead of by name: `require(12)` for `require("core.box")`. Each module name
 * is a string in the LFS image (54 of them, some 30 bytes each), and NodeMCU's image keeps its
 * strings in a table whose size is the next power of two: the names alone decided whether that
 * table took 4 KB or 8 KB of flash. The name stays as a comment on the module's first line, for
 * the people and tools that read the file (bundleModules). Only `require("...")` and
 * `____bundleLoad("...")` of the bundle's own modules and the later-loading list change.
 */
export function numberModules(bundle: string): string {
  const numbers = new Map<string, number>();
  let out = bundle.replace(/^\["([^"\\]+)"\] = function\(\.\.\.\) $/gm, (_all, name: string) => {
    numbers.set(name, numbers.size + 1);
    return `[${numbers.size}] = function(...) -- ${name}`;
  });
  if (numbers.size === 0) throw new BundleError("the bundle has no modules this build can number: typescript-to-lua's bundle changed shape");
  out = out.replace(/\b(require|____bundleLoad)\("([^"\\]+)"/g, (all, call: string, name: string) => {
    const n = numbers.get(name);
    return n === undefined ? all : `${call}(${n}`;
  });
  // The later-loading functions' table keys (laterLoader): `cache["core.codes.code"]`.
  return out.replace(/\b(was|cache|loaders|____modules)\["([^"\\]+)"\]/g, (all, table: string, name: string) => {
    const n = numbers.get(name);
    return n === undefined ? all : `${table}[${n}]`;
  });
}

/**
 * Puts each substitute's code in place of the module it stands for (absolute paths: module ->
 * substitute, both transpiled in the program) and drops the substitute's own file, so the bundle
 * has the module under its own name with the substitute's code (build.ts LUA_SUBSTITUTES).
 */
export function substituteModules(result: tstl.ProcessedFile[], substitutes: Record<string, string>): void {
  for (const [module, substitute] of Object.entries(substitutes)) {
    const target = result.find((f) => resolve(f.fileName) === module);
    const at = result.findIndex((f) => resolve(f.fileName) === substitute);
    if (at < 0) throw new BundleError(`${substitute}: a substitute must be one of the bundle's roots`);
    if (target !== undefined) {
      target.code = result[at].code;
      target.sourceMapNode = undefined;
    }
    result.splice(at, 1);
  }
}

/** The global the NodeMCU adapter tests to run one chip's code (firmware/nodemcu/nodemcu.d.ts). */
export const CHIP_GLOBAL = "NODEMCU_CHIP";

/**
 * Which branch a chip test takes: for `NODEMCU_CHIP === "esp32"` (or `!==`, either side) true or
 * false on `chip`; undefined for any other condition. A test of the chip in a bundle built for
 * none (`chip` undefined) is an error: the global does not exist on a device.
 */
export function chipTest(condition: ts.Expression, chip: string | undefined): boolean | undefined {
  if (!ts.isBinaryExpression(condition)) return undefined;
  const op = condition.operatorToken.kind;
  if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsEqualsToken) return undefined;
  const sides = [condition.left, condition.right];
  const name = sides.find((e) => ts.isIdentifier(e) && e.text === CHIP_GLOBAL);
  const value = sides.find((e) => ts.isStringLiteral(e));
  if (name === undefined || value === undefined || !ts.isStringLiteral(value)) return undefined;
  if (chip === undefined) throw new BundleError(`${CHIP_GLOBAL} tested in a bundle built for no chip`);
  return (value.text === chip) === (op === ts.SyntaxKind.EqualsEqualsEqualsToken);
}

/**
 * The plugin, for one bundle at a time (it carries the later plan from afterPrint to beforeEmit);
 * `substitutes` as substituteModules takes them. `chip` is the bundle's chip: an `if` or `?:` on
 * `NODEMCU_CHIP === "<chip>"` is emitted as the branch that chip takes, so neither chip's file
 * carries the other's code (each is an LFS image of its own).
 */
export function luaBundlePlugin(substitutes: Record<string, string> = {}, chip?: string): tstl.Plugin {
  let plan: LaterPlan | undefined = undefined;
  return {
    visitors: {
      [ts.SyntaxKind.IfStatement]: (node: ts.IfStatement, context) => {
        const taken = chipTest(node.expression, chip);
        if (taken === undefined) return context.superTransformStatements(node);
        const branch = taken ? node.thenStatement : node.elseStatement;
        return branch === undefined ? [] : context.transformStatements(branch);
      },
      [ts.SyntaxKind.ConditionalExpression]: (node: ts.ConditionalExpression, context) => {
        const taken = chipTest(node.condition, chip);
        if (taken === undefined) return context.superTransformExpression(node);
        return context.transformExpression(taken ? node.whenTrue : node.whenFalse);
      },
    },
    afterPrint(program, options, _emitHost, result) {
      if (options.luaBundle === undefined || options.luaBundleEntry === undefined) return;
      substituteModules(result, substitutes);
      for (const file of result) {
        if (new RegExp(`\\b${CHIP_GLOBAL}\\b`).test(file.code)) throw new BundleError(`${file.fileName}: ${CHIP_GLOBAL} is only read as \`${CHIP_GLOBAL} === "<chip>"\` in an if or ?: (the device has no such global)`);
      }
      const barrels = findBarrels(program);
      for (const file of result) flattenBarrels(file, barrels);
      const rootDir = resolve(options.rootDir ?? program.getCurrentDirectory());
      const byModule = new Map(result.map((f) => [modulePath(resolve(f.fileName), rootDir), resolve(f.fileName)]));
      const laterRoots: string[] = [];
      for (const file of result) {
        for (const name of laterModules(file.code)) {
          const target = byModule.get(name);
          if (target === undefined) throw new BundleError(`${file.fileName}: ____bundleLoad("${name}"): no such module in the program (add its file to the bundle's roots)`);
          laterRoots.push(target);
        }
      }
      // Each module's own exports as locals or literals (lua-exports.ts), then the literals other
      // modules export written in where a module reads them, then the requires nothing reads any
      // more dropped; only then is it known which modules the bundle needs.
      const literals = new Map<string, Map<string, string>>();
      for (const file of result) {
        const rewrite = exportsAsLocals(file.code);
        literals.set(resolve(file.fileName), rewrite.literals);
        if (rewrite.code !== file.code) {
          file.code = rewrite.code;
          file.sourceMapNode = undefined;
        }
      }
      const names_ = new Set(literals.keys());
      for (const file of result) {
        const from = resolve(file.fileName);
        const rewrite = inlineImportedLiterals(file.code, (specifier) => {
          const target = resolveSpecifier(from, specifier, names_);
          return target === undefined ? undefined : literals.get(target);
        });
        const unused = dropUnusedRequires(rewrite.code);
        if (unused.code !== file.code) {
          file.code = unused.code;
          file.sourceMapNode = undefined;
        }
      }
      const laterFiles = requiredFrom(result, laterRoots);
      const entryFiles = requiredFrom(result, [options.luaBundleEntry]);
      pruneUnrequired(result, [options.luaBundleEntry, ...laterRoots]);
      // What the later modules need of the modules the box loads (LaterPlan), read from the code
      // as rewritten: an imported literal no longer reads its module.
      plan = undefined;
      if (laterFiles.size > 0) {
        const lualib = "lualib_bundle";
        const boxUsesLualib = result.some((f) => entryFiles.has(resolve(f.fileName)) && f.code.includes(`require("${lualib}")`));
        const shared = new Map<string, string[] | undefined>();
        const laterOnly: string[] = [];
        for (const file of result) {
          const name = resolve(file.fileName);
          if (!laterFiles.has(name) || entryFiles.has(name)) continue;
          laterOnly.push(modulePath(name, rootDir));
          for (const [specifier, names] of namesRead(file.code)) {
            const target = specifier === lualib ? (boxUsesLualib ? lualib : undefined) : resolveSpecifier(name, specifier, names_);
            if (target === undefined) continue;
            const module = target === lualib ? lualib : modulePath(target, rootDir);
            if (target !== lualib && !entryFiles.has(target)) continue;
            const before = shared.has(module) ? shared.get(module) : [];
            shared.set(module, names === undefined || before === undefined ? undefined : [...new Set([...before, ...names])].sort());
          }
        }
        if (!boxUsesLualib && result.some((f) => laterFiles.has(resolve(f.fileName)) && f.code.includes(`require("${lualib}")`))) laterOnly.push(lualib);
        plan = { laterOnly, shared };
      }
    },
    beforeEmit(_program, _options, _emitHost, result) {
      for (const file of result) {
        file.code = compactRequire(file.code);
        if (plan !== undefined) file.code = addLaterLoader(file.code, plan);
        file.code = numberModules(file.code);
      }
    },
  };
}
