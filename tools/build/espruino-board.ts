/**
 * One box file per Espruino board (./espruino-files.ts): the box's file for a board is built with
 * firmware/espruino/build-board.ts replaced by the same constants holding that board's profile
 * values as literals. A Pico's file so carries neither the other boards' profiles nor a profile
 * object (each field of it held in JsVars for as long as the box runs), and the constant pass
 * (./inline-constants.ts) writes each pin name where it is used.
 *
 * build-board.ts is read, not evaluated: each of its exports must be `export const NAME =
 * PROFILE.<path>;` (property names and [index] steps), which this file follows into the chosen
 * profile. Anything else there fails the build.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type * as esbuild from "esbuild";
import ts from "typescript";
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import type { BoardProfile } from "../../firmware/boards/board-profile.ts";

export const BUILD_BOARD_FILE = "firmware/espruino/build-board.ts";

export class BuildBoardError extends Error {}

/** The Espruino boards, reference board first: one box file each. */
export function espruinoBoards(): BoardProfile[] {
  return boardProfiles().filter((p) => p.runtime === "espruino");
}

/** The value at `path` (a property/element chain on the identifier PROFILE) in `profile`. */
function follow(node: ts.Expression, profile: BoardProfile, source: ts.SourceFile): unknown {
  if (ts.isIdentifier(node) && node.text === "PROFILE") return profile;
  if (ts.isPropertyAccessExpression(node)) {
    const from = follow(node.expression, profile, source) as Record<string, unknown> | undefined;
    return from?.[node.name.text];
  }
  if (ts.isElementAccessExpression(node) && ts.isNumericLiteral(node.argumentExpression)) {
    const from = follow(node.expression, profile, source) as unknown[] | undefined;
    return from?.[Number(node.argumentExpression.text)];
  }
  throw new BuildBoardError(`${BUILD_BOARD_FILE}: '${node.getText(source)}' is not a path into PROFILE`);
}

/** build-board.ts's module text for `profile`: its exports with the profile's values as literals. */
export function buildBoardModule(root: string, profile: BoardProfile): string {
  const path = join(root, BUILD_BOARD_FILE);
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2020, true);
  const lines: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) continue;
    const exported = ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const declaration = exported ? statement.declarationList.declarations[0] : undefined;
    if (!exported || statement.declarationList.declarations.length !== 1 || declaration === undefined || !ts.isIdentifier(declaration.name) || declaration.initializer === undefined) {
      throw new BuildBoardError(`${BUILD_BOARD_FILE}: only 'export const NAME = PROFILE.<path>;' statements, not '${statement.getText(source).slice(0, 60)}'`);
    }
    const value = follow(declaration.initializer, profile, source);
    const literal = (v: unknown): boolean => typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
    if (!literal(value) && !(Array.isArray(value) && value.every(literal))) {
      throw new BuildBoardError(`${BUILD_BOARD_FILE}: ${declaration.name.text} is not a string, a number or an array of them on ${profile.name}`);
    }
    lines.push(`export const ${declaration.name.text} = ${JSON.stringify(value)};`);
  }
  return lines.join("\n") + "\n";
}

/** esbuild plugin: build-board.ts is `profile`'s. */
export function buildBoardPlugin(root: string, profile: BoardProfile): esbuild.Plugin {
  const target = resolve(root, BUILD_BOARD_FILE);
  return {
    name: "espruino-build-board",
    setup(build) {
      build.onLoad({ filter: /build-board\.ts$/ }, (args) => {
        if (resolve(args.path) !== target) return undefined;
        return { contents: buildBoardModule(root, profile), loader: "ts", resolveDir: resolve(root, "firmware/espruino") };
      });
    },
  };
}
