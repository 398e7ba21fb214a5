/**
 * The build's pretokenising step (tools/build/pretokenise.ts: EspruinoTools' own tokeniser) and
 * the reader of its bytes (tools/lib/espruino-tokens.ts), which the node:vm simulator runs stored
 * code through and the build checks every stored file with. What the real Espruino 2v29 reads from
 * the same bytes in Storage is checked where the interpreter is installed.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { ESPRUINO_FILES } from "../../tools/build/espruino-files.ts";
import { oneByteValues, pretokenise, PRETOKENISE_PLUGIN, programShape } from "../../tools/build/pretokenise.ts";
import { detokenise, isPretokenised, RAW_INT16, RAW_INT8, TOKEN_START, TOKENS } from "../../tools/lib/espruino-tokens.ts";
import { findEspruino } from "../../sim/espruino-real/interpreter.ts";
import { runEspruinoScript } from "../../sim/espruino-real/script.ts";
import { realTierTitle } from "../espruino-real/tier.ts";

const ROOT = join(import.meta.dirname, "../..");

/**
 * Every kind of token the tokeniser writes: keywords, operators, strings of 8 and 16-bit length
 * with escapes, quotes and bytes above 127, templates with and without a hole, integers of every
 * width and sign (a NUL byte inside one of them too), minus signs it folds into the number and
 * ones it must not.
 */
const PROGRAM = `var out = [];
var a = -1, b = [1, -2, 127, 128, -128, -129, 300, -300, 32767, 32768, -32768, 40000, -40000, 0, 1.5, -0.25];
var s = "q\\"u\\\\o\\xe9t'e", l = "${"x".repeat(300)}", e = "";
function f(x, y) { if (x >= y && x !== y) return x >>> 1 | x << 2; else return typeof x === "number" ? -1 : void 0; }
for (var i = 0; i < 3; i++) out.push(f(i * 40, i) % 7);
out.push(a, b, s, l.length, e.length, \`t\${a}x\`, \`plain\`, typeof -1, 2 - 1, (3) - 1, a ? -1 : -2, f(9, 2));
var o = { k: -5, m: function () { return this.k; } };
out.push(o.m(), "k" in o, o instanceof Object, null === undefined);
print(JSON.stringify(out));`;

/** What V8 prints running `code`. */
function onV8(code: string): string {
  const printed: string[] = [];
  vm.runInNewContext(code, { print: (text: string) => printed.push(text), JSON });
  return printed.join("\n");
}

describe("pretokenising (EspruinoTools' tokeniser, read back as Espruino 2v29 reads it)", () => {
  it("knows the tokens of EspruinoTools' own table (jslex.c's order), from byte 138 on", () => {
    const plugin = readFileSync(join(ROOT, PRETOKENISE_PLUGIN), "utf8");
    const table = /var LEX_OPERATOR_START = (\d+);\s*var TOKENS =\s*(\[[\s\S]*?\]);/.exec(plugin);
    expect(table).not.toBeNull();
    expect(Number(table?.[1])).toBe(TOKEN_START);
    expect(vm.runInNewContext(table?.[2] ?? "[]")).toEqual(TOKENS);
  });

  it("stores a program in fewer bytes that read back as the same program", () => {
    const stored = pretokenise(ROOT, PROGRAM, "test");
    expect(isPretokenised(stored)).toBe(true);
    expect(isPretokenised(PROGRAM)).toBe(false);
    expect(stored.length).toBeLessThan(PROGRAM.length * 0.9);
    expect(onV8(detokenise(stored))).toBe(onV8(PROGRAM));
  });

  it("reads integers as signed, one or two bytes, and a folded minus sign as part of the number", () => {
    expect(detokenise(`x=${String.fromCharCode(RAW_INT8, 0xfe)}`)).toBe("x=(-2)");
    expect(detokenise(`x=${String.fromCharCode(RAW_INT16, 0x00, 0x80)}`)).toBe("x=(-32768)");
    expect(detokenise(`return${String.fromCharCode(RAW_INT8, 5)}`)).toBe("return 5");
  });

  it("refuses a byte that is no token of Espruino 2v29", () => {
    expect(() => detokenise("a=\xf0")).toThrow("byte 240 at 2 is no token Espruino 2v29 knows");
  });

  it("refuses a program the device would read as another: two minus signs put side by side read as a decrement", () => {
    // The tokeniser drops the space of `10- -a`; the lexer then reads `10--a`.
    expect(() => pretokenise(ROOT, "var a=1;print(10- -a)", "minus.js")).toThrow(/minus\.js: pretokenised, the file no longer parses/);
  });

  const built = ESPRUINO_FILES.filter((f) => f.stored !== undefined && existsSync(join(ROOT, f.stored)) && existsSync(join(ROOT, f.js)));
  it.runIf(built.length > 0)("the build's stored files read back as the very programs esbuild wrote", () => {
    for (const file of built) {
      const stored = readFileSync(join(ROOT, file.stored as string), "latin1");
      const js = readFileSync(join(ROOT, file.js), "latin1");
      expect(stored.length, file.stored).toBeLessThan(js.length);
      expect(programShape(detokenise(stored)), file.stored).toBe(programShape(js));
    }
  });

  const binary = findEspruino();
  it.runIf(binary !== undefined)(realTierTitle("the real interpreter, loading the stored bytes from Storage, prints what V8 prints from the source"), () => {
    const stored = pretokenise(ROOT, PROGRAM, "test");
    // From Storage, as .bootcde and the owner's file are run: a script on the command line would be cut at its first NUL byte.
    const base64 = Buffer.from(stored, "latin1").toString("base64");
    const run = runEspruinoScript(binary as string, `require("Storage").write("t", atob("${base64}")); eval(require("Storage").read("t"));`);
    // Espruino's JSON writes é as \u00e9: compare the values.
    expect(JSON.parse(run.output.split("\r\n")[0])).toEqual(JSON.parse(onV8(PROGRAM)));
  });

  it("writes esbuild's !0, !1 and void 0 as the one-byte words true, false and undefined, which mean the same", () => {
    const code = `function f(a){if(a)return!0;return a===void 0?!1:[!0,!1,void 0,!2,void 1,-!0]}var out=[f(1),f(),f(0)];`;
    const written = oneByteValues(code);
    expect(written).toBe(`function f(a){if(a)return true;return a===undefined?false:[true,false,undefined,!2,void 1,-true]}var out=[f(1),f(),f(0)];`);
    expect(vm.runInNewContext(`${written};out`)).toEqual(vm.runInNewContext(`${code};out`));
    expect(pretokenise(ROOT, written, "t").length).toBeLessThan(pretokenise(ROOT, code, "t").length);
  });
});
