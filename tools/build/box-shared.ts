/**
 * The owner's file reads what it shares with the box's file from the box (firmware/espruino/box-shared.ts)
 * instead of carrying a second copy: the shared functions and tables were stored twice in Storage
 * (each bundle had its own copy of every module both import) and built twice in RAM while the
 * owner's side was loaded.
 *
 * firmware/espruino/box-shared.ts imports each shared name from the module that declares it and
 * returns them in one object. The owner's file is built as a function of that object (parameter
 * SHARED_PARAM, ./espruino-files.ts asExpression), and while it is bundled each shared module's
 * declaration of a shared name is replaced by a read of the object (`export const x = $.x`);
 * the rest of the module stays the owner's own (its other exports, constants esbuild inlines).
 * The object's keys are property names like any other: both files are renamed through one
 * mangling cache (./mangle.ts), so `$.x` in the owner's file finds the box's `x` whatever it is
 * renamed to.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type * as esbuild from "esbuild";
import ts from "typescript";

/** The box's side of the hand-over. */
export const BOX_SHARED_FILE = "firmware/espruino/box-shared.ts";
/** The owner's file's parameter that holds the box's object (never a name esbuild gives a local: it stays unbound in the bundle). */
export const SHARED_PARAM = "$";

export class BoxSharedError extends Error {}

/** Absolute module path (with .ts) -> the names the box hands over from it. */
export type SharedNames = Map<string, string[]>;

/**
 * The names firmware/espruino/box-shared.ts hands over, by the module each is imported from,
 * after checking that the object it returns has exactly those keys.
 */
export function boxSharedNames(root: string): SharedNames {
  const path = join(root, BOX_SHARED_FILE);
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2020, true);
  const byModule: SharedNames = new Map();
  const imported: string[] = [];
  const keys: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (clause === undefined || clause.isTypeOnly || clause.name !== undefined || clause.namedBindings === undefined || !ts.isNamedImports(clause.namedBindings)) {
        throw new BoxSharedError(`${BOX_SHARED_FILE}: import only named values (import { a, b } from "...")`);
      }
      const module = resolve(dirname(path), statement.moduleSpecifier.text) + ".ts";
      for (const element of clause.namedBindings.elements) {
        if (element.isTypeOnly) continue;
        if (element.propertyName !== undefined) throw new BoxSharedError(`${BOX_SHARED_FILE}: import ${element.propertyName.text} under its own name`);
        byModule.set(module, [...(byModule.get(module) ?? []), element.name.text]);
        imported.push(element.name.text);
      }
    }
  }
  const each = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (!ts.isShorthandPropertyAssignment(property)) throw new BoxSharedError(`${BOX_SHARED_FILE}: the shared object lists its names in shorthand ({ a, b })`);
        keys.push(property.name.text);
      }
    }
    ts.forEachChild(node, each);
  };
  each(source);
  const missing = imported.filter((name) => !keys.includes(name));
  const extra = keys.filter((name) => !imported.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    throw new BoxSharedError(`${BOX_SHARED_FILE}: the object's keys must be the imported names (not handed over: ${missing.join(", ") || "none"}; not imported: ${extra.join(", ") || "none"})`);
  }
  return byModule;
}

/** A module's source with each top-level exported declaration of `names` replaced by a read of the box's object. */
export function readFromBox(path: string, text: string, names: string[]): string {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2020, true);
  const edits: { start: number; end: number; name: string }[] = [];
  const exported = (node: ts.Node): boolean => (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name !== undefined && statement.body !== undefined && exported(statement) && names.includes(statement.name.text)) {
      edits.push({ start: statement.getStart(source), end: statement.end, name: statement.name.text });
    } else if (ts.isVariableStatement(statement) && exported(statement)) {
      const declarations = statement.declarationList.declarations;
      const hit = declarations.filter((d) => ts.isIdentifier(d.name) && names.includes(d.name.text));
      if (hit.length === 0) continue;
      if (declarations.length > 1 || !(statement.declarationList.flags & ts.NodeFlags.Const)) {
        throw new BoxSharedError(`${path}: ${(hit[0].name as ts.Identifier).text} is shared with the owner's file, so it must be a const declared alone`);
      }
      edits.push({ start: statement.getStart(source), end: statement.end, name: (hit[0].name as ts.Identifier).text });
    }
  }
  const found = edits.map((e) => e.name);
  const lost = names.filter((name) => !found.includes(name));
  if (lost.length > 0) throw new BoxSharedError(`${BOX_SHARED_FILE} hands over ${lost.join(", ")} from ${path}, which declares no exported top-level function or const of that name`);
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, edit.start)}export const ${edit.name} = ${SHARED_PARAM}.${edit.name};${out.slice(edit.end)}`;
  }
  return out;
}

/** The owner's build: each shared module's shared declarations read from the box's object. */
export function readFromBoxPlugin(shared: SharedNames): esbuild.Plugin {
  return {
    name: "read-from-box",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const names = shared.get(args.path);
        if (names === undefined) return undefined;
        try {
          return { contents: readFromBox(args.path, readFileSync(args.path, "utf8"), names), loader: "ts", resolveDir: dirname(args.path) };
        } catch (error) {
          if (error instanceof BoxSharedError) return { errors: [{ text: error.message }] };
          throw error;
        }
      });
    },
  };
}
