/**
 * The box's Espruino file runs at the interpreter's root (tools/build/espruino-files.ts,
 * rootNameClashes): its top-level names are globals, so the build refuses one that another
 * Espruino file reads as a global. Each rule gets a pair of files that breaks it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as acorn from "acorn";
import { describe, expect, it } from "vitest";
import { ESPRUINO_FILES, rootNameClashes } from "../../tools/build/espruino-files.ts";

const ROOT = join(import.meta.dirname, "../..");

describe("the box's file at the interpreter's root", () => {
  it("refuses a top-level name of the box that another file reads as a global", () => {
    const box = "function a(t){return t}var b=1,c=2;class d{}";
    expect(rootNameClashes(box, [{ name: "owner.js", js: "(function($){return a(1)+c})" }])).toEqual([
      "the box's file declares 'a' at the root, which owner.js reads as a global",
      "the box's file declares 'c' at the root, which owner.js reads as a global",
    ]);
    expect(rootNameClashes(box, [{ name: "x.js", js: "new d()" }])).toHaveLength(1);
  });

  it("refuses a top-level name that is one of Espruino's built-ins (a pin, an LED, a button, E), whoever reads it", () => {
    const clashes = rootNameClashes("function A1(){}var B15=1,LED2=2,BTN=3,E=4,I2C1=5;var Ab=6,a1=7,D=8;", []);
    expect(clashes).toEqual(["A1", "B15", "LED2", "BTN", "E", "I2C1"].map((n) => `the box's file declares '${n}' at the root, which is one of Espruino's built-in names`));
  });

  it("lets the other file use the same names as its own: declared, parameters, caught, or as property names", () => {
    const box = "function a(){}var b=1,c=2,d=3,e=4,f=5;";
    const other = "(function(a){var b=a.c;function d(){try{}catch(e){}}return{f:b,c:d,[g]:1}.f})";
    expect(rootNameClashes(box, [{ name: "owner.js", js: other }])).toEqual([]);
    // A computed key is read: g is not declared by the box here, so nothing clashes; declared, it would.
    expect(rootNameClashes("var g=1;", [{ name: "owner.js", js: other }])).toHaveLength(1);
  });

  const built = ESPRUINO_FILES.every((f) => existsSync(join(ROOT, f.js)));
  it.runIf(built)("the built box's file is a script of top-level statements, not one function called at load", () => {
    const box = readFileSync(join(ROOT, ESPRUINO_FILES.find((f) => f.name === "box")?.js as string), "latin1");
    const program = acorn.parse(box, { ecmaVersion: 2020 });
    expect(program.body.length).toBeGreaterThan(50);
    expect(program.body.filter((s) => s.type === "FunctionDeclaration").length).toBeGreaterThan(50);
  });
});
