/**
 * The owner's file takes what it shares with the box's file from the box (tools/build/box-shared.ts,
 * firmware/espruino/box-shared.ts) instead of a second copy. A name handed over that the owner's
 * file still declares, or reads under another rename, would break the owner's side or store the
 * copy again, so the hand-over is checked from its source to the built files.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BOX_SHARED_FILE, boxSharedNames, readFromBox, SHARED_PARAM } from "../../tools/build/box-shared.ts";
import { ESPRUINO_FILES, MANGLE_MAP } from "../../tools/build/espruino-files.ts";

const ROOT = join(import.meta.dirname, "../..");
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A root whose firmware/espruino/box-shared.ts is `source`. */
function rootWith(source: string): string {
  const root = mkdtempSync(join(tmpdir(), "parcelbox-shared-"));
  made.push(root);
  mkdirSync(dirname(join(root, BOX_SHARED_FILE)), { recursive: true });
  writeFileSync(join(root, BOX_SHARED_FILE), source);
  return root;
}

describe("what the box's file hands the owner's file", () => {
  it("is read from firmware/espruino/box-shared.ts: each name by the module that declares it", () => {
    const shared = boxSharedNames(ROOT);
    expect(shared.get(join(ROOT, "firmware/core/settings.ts"))).toEqual(["settingIndex", "settingNames", "SETTING_LIMITS"]);
    expect(shared.get(join(ROOT, "firmware/core/int-js.ts"))).toEqual(["idiv", "ushr"]);
    for (const [module, names] of shared) {
      // Every name is a top-level declaration of its module (readFromBox refuses anything else).
      expect(() => readFromBox(module, readFileSync(module, "utf8"), names)).not.toThrow();
    }
  });

  it("refuses an object whose keys are not exactly the imported names", () => {
    const header = `import { a, b } from "../core/x";\n`;
    expect(() => boxSharedNames(rootWith(`${header}export function boxShared(): object { return { a }; }\n`))).toThrow(/not handed over: b/);
    expect(() => boxSharedNames(rootWith(`${header}export function boxShared(): object { return { a, b, c }; }\n`))).toThrow(/not imported: c/);
    expect(() => boxSharedNames(rootWith(`${header}export function boxShared(): object { return { a, b: a }; }\n`))).toThrow(/shorthand/);
    expect(() => boxSharedNames(rootWith(`import { a as b } from "../core/x";\nexport function boxShared(): object { return { b }; }\n`))).toThrow(/own name/);
    expect([...boxSharedNames(rootWith(`${header}export function boxShared(): object { return { b, a }; }\n`)).values()]).toEqual([["a", "b"]]);
  });

  it("replaces a shared function's or const's declaration by a read of the object, and leaves the rest", () => {
    const source = [
      "export const MAX = 5;",
      "export const TABLE = [1, 2, MAX];",
      "export function uses(n: number): number {\n  return TABLE[n];\n}",
      "function helper(): number { return MAX; }",
      "export function other(): number { return helper(); }",
    ].join("\n");
    const out = readFromBox("m.ts", source, ["TABLE", "uses"]);
    expect(out).toBe(
      [
        "export const MAX = 5;",
        `export const TABLE = ${SHARED_PARAM}.TABLE;`,
        `export const uses = ${SHARED_PARAM}.uses;`,
        "function helper(): number { return MAX; }",
        "export function other(): number { return helper(); }",
      ].join("\n"),
    );
  });

  it("refuses a name the module does not declare at its top level as an exported function or lone const", () => {
    expect(() => readFromBox("m.ts", "export function f(): number { return 1; }\n", ["g"])).toThrow(/declares no exported top-level function or const of that name/);
    expect(() => readFromBox("m.ts", "function f(): number { return 1; }\n", ["f"])).toThrow(/declares no/);
    expect(() => readFromBox("m.ts", "export let f = 1;\n", ["f"])).toThrow(/const declared alone/);
    expect(() => readFromBox("m.ts", "export const f = 1, g = 2;\n", ["f"])).toThrow(/const declared alone/);
  });

  const built = ESPRUINO_FILES.every((f) => existsSync(join(ROOT, f.js))) && existsSync(join(ROOT, MANGLE_MAP));
  it.runIf(built)("the built owner's file is a function of the object, reads each shared name under the box's rename and builds none of them itself", () => {
    const map = JSON.parse(readFileSync(join(ROOT, MANGLE_MAP), "utf8")) as Record<string, string>;
    const box = readFileSync(join(ROOT, ESPRUINO_FILES.find((f) => f.name === "box")?.js as string), "latin1");
    const owner = readFileSync(join(ROOT, ESPRUINO_FILES.find((f) => f.name === "owner")?.js as string), "latin1");
    expect(owner.startsWith(`(function(${SHARED_PARAM}){`)).toBe(true);
    expect(owner).toMatch(new RegExp(`\\${SHARED_PARAM}=0;return [\\w$]+\\}\\)\\n$`));
    // No local of the owner's file is called like the parameter (it would hide the object): the
    // name stands alone only as the parameter and where it is let go (a renamed property `.$` is
    // no local).
    const alone = [...owner.matchAll(new RegExp(`(?<![\\w$.])\\${SHARED_PARAM}(?![\\w$.])`, "g"))];
    expect(alone.length).toBe(2);
    const names = [...boxSharedNames(ROOT).values()].flat();
    for (const name of names) {
      const key = map[name] ?? name;
      expect(owner, name).toContain(`${SHARED_PARAM}.${key}`);
      expect(box, name).toMatch(new RegExp(`[{,]${key.replace("$", "\\$")}:`));
    }
    // The settings table is the box's: its names appear in the box's file only.
    expect(box).toContain("relockIfNotOpenedMs");
    expect(owner).not.toContain("relockIfNotOpenedMs");
  });
});
