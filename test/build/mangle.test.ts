/**
 * Property mangling (tools/build/mangle.ts): which of our property names the Espruino build
 * renames, worked out from the sources. A name renamed that something reads by its text breaks the
 * box at run time, so each rule that keeps a name gets a source that needs it; the built files are
 * checked to hold no renamed name and to share one name map.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { ESPRUINO_FILES, MANGLE_MAP } from "../../tools/build/espruino-files.ts";
import { mangleNames, RUNTIME_DECLARATIONS } from "../../tools/build/mangle.ts";

const ROOT = join(import.meta.dirname, "../..");
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A firmware of one source file (firmware/core/x.ts) beside the real runtime declarations. */
function program(source: string): { root: string; program: ts.Program } {
  const root = mkdtempSync(join(tmpdir(), "parcelbox-mangle-"));
  made.push(root);
  for (const path of RUNTIME_DECLARATIONS) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    copyFileSync(join(ROOT, path), join(root, path));
  }
  writeFileSync(join(root, "firmware/core/api.ts"), "export interface CoreApi { hmacRepeat(n: number): number; }\n");
  writeFileSync(join(root, "firmware/core/x.ts"), source);
  const rootNames = [...RUNTIME_DECLARATIONS, "firmware/core/api.ts", "firmware/core/x.ts"].map((p) => join(root, p));
  return { root, program: ts.createProgram({ rootNames, options: { noLib: true, strict: true, target: ts.ScriptTarget.ES2020, types: [] } }) };
}

function names(source: string): ReturnType<typeof mangleNames> {
  const p = program(source);
  return mangleNames(p.root, p.program);
}

describe("which property names the Espruino build renames", () => {
  it("renames what our sources declare: interface, class and object literal members, constructor properties", () => {
    const n = names(`
      export interface Lid { isOpen(): boolean; openedAt: number }
      export class Coil { constructor(private readonly pulseMs: number) {} energise(): number { return this.pulseMs; } }
      export const settings = { alarmAfter: 60 };`);
    expect(n.renamed).toEqual(["alarmAfter", "energise", "isOpen", "openedAt", "pulseMs"]);
  });

  it("keeps what the runtime declares or a built-in object has, and the conformance API's names", () => {
    const n = names(`
      export const port = { write(text: string): void {}, length: 3, toString(): string { return ""; }, hmacRepeat: 1, replaceWith: 2 };`);
    expect(n.renamed).toEqual([]);
    expect(n.kept.write).toBe("declared by the runtime");
    expect(n.kept.length).toBe("declared by the runtime");
    expect(n.kept.replaceWith).toBe("a property of JavaScript's or Espruino's built-in objects");
    expect(n.kept.hmacRepeat).toBe("the conformance API (firmware/core/api.ts, CoreApi)");
  });

  it("keeps a name read by a string at run time: obj[key] and key in obj with literal key types", () => {
    const n = names(`
      type Command = "unlock" | "status";
      export const handlers = { unlock: 1, status: 2, other: 3 };
      export function run(c: Command): number { return handlers[c]; }
      export function has(c: "gone"): boolean { return c in handlers; }
      export const more = { gone: 1 };`);
    expect(n.renamed).toEqual(["other"]);
    expect(n.kept.unlock).toBe("read by a string at run time");
    expect(n.kept.gone).toBe("read by a string at run time");
  });

  it("keeps every string literal's name when a key could be any string (a plain string key, for...in)", () => {
    const n = names(`
      export const box = { lidOpen: 1, coilOn: 2 };
      export function read(o: { lidOpen: number; [k: string]: number }, k: string): number { return o[k]; }
      export const label = "coilOn";`);
    expect(n.kept.coilOn).toMatch(/^any string could be a name/);
    expect(n.renamed).toContain("lidOpen");
    const walked = names(`
      export const box = { lidOpen: 1, coilOn: 2 };
      export function count(o: typeof box): number { let n = 0; for (const k in o) n++; return n; }
      export const label = "coilOn";`);
    expect(walked.kept.coilOn).toMatch(/^any string could be a name.*for\.\.\.in/);
  });

  it("lets a dictionary (a string index and no property of its own) be read by any key: it holds only what a key put there", () => {
    const n = names(`
      export type Entries = Record<string, string | undefined>;
      export const box = { lidOpen: 1, coilOn: 2, kv: {} as Entries };
      export function copy(from: Entries, key: string): Entries {
        const next: Entries = {};
        for (const k in from) next[k] = from[k];
        next[key] = undefined;
        return key in from ? next : {};
      }
      export const label = "coilOn";`);
    expect(n.kept.coilOn).toBeUndefined();
    expect(n.renamed).toEqual(["coilOn", "kv", "lidOpen"]);
  });

  it("keeps every string literal's name again when an object with properties could get into a dictionary, or a name is written into one", () => {
    const dictionary = `export type Entries = Record<string, number>;
      export function read(d: Entries, k: string): number { return d[k] ?? 0; }
      export const box = { lidOpen: 1, coilOn: 2 };
      export const label = "coilOn";`;
    const leaks: [string, RegExp][] = [
      [`export const n = read(box, "coilOn");`, /box \(an object used as a dictionary\)/],
      [`export const d: Entries = { coilOn: 3 };`, /\{ coilOn: 3 \} \(an object used as a dictionary\)/],
      [`export function f(d: Entries): void { d.coilOn = 1; }`, /d\.coilOn \(a name written into a dictionary\)/],
      [`export const d = box as unknown as Entries;`, /as Entries \(cast to a dictionary\)/],
      [`export function g(): Entries { return box; }`, /box \(an object used as a dictionary\)/],
    ];
    for (const [leak, where] of leaks) {
      const n = names(`${dictionary}\n${leak}`);
      expect(n.kept.coilOn, leak).toMatch(/^any string could be a name/);
      expect(n.kept.coilOn, leak).toMatch(where);
    }
  });

  it("keeps enum members' names (esbuild inlines a const enum only then)", () => {
    const n = names(`
      export const enum Opener { Delivery = 1, Owner = 2 }
      export const words = { Delivery: "d", Courier: "c" };
      export const point = { x: 1, height: 2 };`);
    expect(n.kept.Delivery).toBe("an enum member (esbuild inlines their values only when kept)");
    expect(n.renamed).toEqual(["Courier", "height", "x"]);
  });

  const built = ESPRUINO_FILES.every((f) => existsSync(join(ROOT, f.js))) && existsSync(join(ROOT, MANGLE_MAP));
  it.runIf(built)("the built files share one name map: every rename is unique, short, and no renamed name is left in them", () => {
    const map = JSON.parse(readFileSync(join(ROOT, MANGLE_MAP), "utf8")) as Record<string, string>;
    const renames = Object.values(map);
    // Not a trivial map (about 200 of the firmware's property names are renamed; compaction lowers the count).
    expect(renames.length).toBeGreaterThan(100);
    expect(new Set(renames).size).toBe(renames.length);
    for (const rename of renames) expect(rename.length).toBeLessThanOrEqual(2);
    for (const file of ESPRUINO_FILES) {
      const js = readFileSync(join(ROOT, file.js), "latin1");
      const left = Object.keys(map).filter((name) => name.length > 3 && new RegExp(`\\.${name}\\b|[{,]${name}:`).test(js));
      expect(left, file.js).toEqual([]);
    }
  });
});
