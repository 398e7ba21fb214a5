/**
 * Facts about Espruino 2v29 that the simulator relies on, checked on the real interpreter, and
 * the node:vm shim (sim/espruino) held to them: where the two disagreed the shim was changed, and
 * where the shim cannot follow (V8 converts numbers and strings its own way) the fact is pinned
 * here and the firmware is kept away from it. Skipped, with the reason in the title, where the
 * interpreter is not installed.
 */
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { createEspruinoContext, ESPRUINO_MISSING_UNDELETABLE } from "../../sim/espruino/context.ts";
import { espruinoMissing, findEspruino } from "../../sim/espruino-real/interpreter.ts";
import { realTierTitle } from "../espruino-real/tier.ts";
import { runEspruinoScript } from "../../sim/espruino-real/script.ts";
import { ARROW_THIS_SAFE, ARROW_THIS_TRIPS } from "../build/arrow-this-cases.ts";
import { onRealInterpreter, onShim } from "../espruino-real/shim-probe.ts";

/** Every builtin the shim's context offers, as expressions (instance methods on an instance). */
function shimBuiltins(): string[] {
  const context = createEspruinoContext({}).context;
  const owners: [string, string][] = [
    ["globalThis", ""], ["Object", "Object."], ["Array", "Array."], ["String", "String."], ["Number", "Number."], ["Math", "Math."],
    ["JSON", "JSON."], ["Date", "Date."], ["Promise", "Promise."], ["ArrayBuffer", "ArrayBuffer."],
    ["Object.prototype", "({})."], ["Array.prototype", "[]."], ["String.prototype", "''."], ["Number.prototype", "(0)."],
    ["Date.prototype", "(new Date())."], ["Promise.prototype", "Promise.resolve(1)."], ["Function.prototype", "(function () {})."],
    ["Boolean.prototype", "(true)."], ["ArrayBuffer.prototype", "(new ArrayBuffer(1))."], ["Uint8Array.prototype", "(new Uint8Array(1))."],
    ["DataView.prototype", "(new DataView(new ArrayBuffer(1)))."], ["Error.prototype", "(new Error('x'))."],
  ];
  const skip = new Set(["constructor", "length", "name", "prototype", "caller", "arguments", "__proto__", "undefined", "global"]);
  // An unresolved promise has no then() on Espruino 2v29, so the probe uses a resolved one.
  return owners
    .flatMap(([owner, prefix]) => (vm.runInContext(`Object.getOwnPropertyNames(${owner})`, context) as string[]).filter((p) => !skip.has(p)).map((p) => prefix + p))
    .filter((n) => !ESPRUINO_MISSING_UNDELETABLE.some((u) => n.endsWith(u)));
}

const DIFFERENTIAL = `
probe("E.toString of a number is one byte", function () { return E.toString(65); });
probe("E.toString flattens nested arrays and strings", function () { return E.toString([1, [2, 3], "ab"]); });
probe("E.toString of several arguments", function () { return E.toString("ab", [67], 68); });
probe("E.toString of a typed array", function () { return E.toString(new Uint8Array([1, 2, 255])); });
probe("E.toString of an ArrayBuffer", function () { return E.toString(new Uint8Array([9, 8]).buffer); });
probe("clearWatch of an unknown id", function () { clearWatch(99); return "no exception"; });
probe("clearTimeout of an unknown id", function () { clearTimeout(12345); return "no exception"; });
probe("JSON.stringify(undefined)", function () { return JSON.stringify(undefined); });
probe("InternalError exists", function () { return typeof InternalError + " " + new InternalError("x").message; });
probe("E.toString(undefined), what a digest that could not allocate hands on", function () { return E.toString(undefined); });
probe("E.toFlatString of a plain string is a flat copy", function () { var s = ""; for (var i = 0; i < 32; i++) s += "x"; return E.getAddressOf(E.toFlatString(s), true) !== 0; });
`;

describe.skipIf(espruinoMissing() !== undefined)(realTierTitle("facts of the real Espruino interpreter, and the shim held to them"), () => {
  it("every builtin the shim's context offers exists in Espruino 2v29", () => {
    const names = shimBuiltins();
    const code = `var missing = [];\n${names.map((n) => `try { if (typeof ${n} === "undefined") missing.push(${JSON.stringify(n)}); } catch (e) { missing.push(${JSON.stringify(n)}); }`).join("\n")}\nprint("MISSING:" + missing.join("|") + ":END");`;
    const out = runEspruinoScript(findEspruino() as string, code).output;
    expect(out).toContain("MISSING:");
    expect(out.slice(out.indexOf("MISSING:") + 8, out.indexOf(":END")).split("|").filter(Boolean)).toEqual([]);
  });

  it("the shim answers these calls as Espruino does", () => {
    const real = onRealInterpreter(DIFFERENTIAL);
    expect(real).toHaveLength(11);
    expect(onShim(DIFFERENTIAL)).toEqual(real);
  });

  it("String.prototype.indexOf runs past the last place the needle fits, on the real interpreter and in the shim alike", () => {
    // Random haystacks, needles and starts over a three-letter alphabet, so that overlaps at the
    // string's end are common: the shim's indexOf must answer every one as 2v29 does.
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const word = (n: number): string => Array.from({ length: n }, () => "ab "[next(3)]).join("");
    const cases: [string, string, number | null][] = [];
    for (let k = 0; k < 600; k++) cases.push([word(next(7)), word(next(5)), next(4) === 0 ? null : next(9) - 1]);
    const code = `var C = ${JSON.stringify(cases)}, o = [];
for (var i = 0; i < C.length; i++) { var c = C[i]; o.push(c[2] === null ? c[0].indexOf(c[1]) : c[0].indexOf(c[1], c[2])); }
print("INDEXOF:" + o.join(",") + ":END");`;
    const out = runEspruinoScript(findEspruino() as string, code).output;
    const real = out.slice(out.indexOf("INDEXOF:") + 8, out.indexOf(":END")).split(",").map(Number);
    const shim = createEspruinoContext({}).run(code.replace("print(", "("), "indexOf-probe.js") as string;
    const shimAnswers = shim.slice(8, shim.indexOf(":END")).split(",").map(Number);
    expect(real).toHaveLength(cases.length);
    expect(shimAnswers).toEqual(real);
    // The cases the firmware must keep away from, pinned by name.
    expect(real.filter((r, k) => r !== (cases[k][2] === null ? cases[k][0].indexOf(cases[k][1]) : cases[k][0].indexOf(cases[k][1], cases[k][2] as number))).length).toBeGreaterThan(30);
    expect(createEspruinoContext({}).run(`["/erase/".indexOf("/x/"), "abc".indexOf("cd"), "a b ".indexOf(" b", 9), "".indexOf("")].join()`, "p.js")).toBe("6,2,3,-1");
  });

  it("a slice of a Storage file points into flash and turns null when the file is erased; a concatenation is a copy", () => {
    // Why firmware/espruino/flash.ts copies what it reads: the store keeps the secret it decoded.
    const out = onRealInterpreter(`
      var S = require("Storage");
      S.write("f", "Psecret0123456789", 0, 40);
      var d = S.read("f"), slice = d.slice(1, 7), copy = d.slice(1, 7) + "";
      S.erase("f");
      probe("slice after erase", function () { return slice; });
      probe("copy after erase", function () { return copy; });`);
    expect(out).toEqual(["slice after erase => null", "copy after erase => string 736563726574"]);
  });

  it("a string of digits with a leading zero converts as octal (the firmware parses by hand, usb/protocol.ts)", () => {
    const out = runEspruinoScript(findEspruino() as string, `print("N " + [+"00021", +"000078", +"   21", parseInt("00021", 10)].join(","));`).output;
    expect(out).toContain("N 17,78,21,21");
  });

  it("numbers print with fewer digits than in V8 (the firmware prints only integers)", () => {
    const out = runEspruinoScript(findEspruino() as string, `print("F " + [0.1 + 0.2, 1 / 3, 1e21, 2147483648 * 4].join(","));`).output;
    expect(out).toContain("F 0.3,0.33333333333,10e+20,8589934592");
    expect([0.1 + 0.2, 1 / 3, 1e21].join(",")).not.toBe("0.3,0.33333333333,10e+20");
  });

  it.each(REFUSED)("what the build refuses fails on Espruino too: %s", (code, failure) => {
    expect(runEspruinoScript(findEspruino() as string, code).output).toMatch(failure);
  });

  it("E.hwRand gives 32-bit integers (signed on a Pico: int32 in jswrap_espruino.c; rand() on this Linux build)", () => {
    const out = runEspruinoScript(findEspruino() as string, `var v = []; for (var i = 0; i < 50; i++) v.push(E.hwRand()); print("R " + v.every(function (x) { return x === (x | 0); }));`).output;
    expect(out).toContain("R true");
  });
});

/**
 * What the build's check refuses (tools/build/check-espruino.ts, PLATFORMS.md "fails"), as run
 * by Espruino 2v29: each fails to parse, throws, or computes something else than in V8. Two
 * refusals are stricter than the interpreter ('use strict' is ignored, class fields work); they
 * stay refused, since nothing needs them.
 */
const REFUSED: [string, RegExp][] = [
  ["function f(a = 1) { return a; } print(f());", /SyntaxError/],
  ["function f(...a) { return a; } print(f(1, 2));", /SyntaxError/],
  ["var a = [1]; var b = [...a]; print(b);", /SyntaxError/],
  ["var {a} = {a: 1}; print(a);", /ReferenceError/],
  ["var o = {}; var a = o?.b; print(a);", /SyntaxError/],
  ["var a = 2 ** 3; print(a);", /SyntaxError/],
  ["var k = 'x'; var o = {[k]: 1}; print(o.x);", /SyntaxError/],
  ["async function f() {} print(typeof f);", /ReferenceError/],
  ["function* g() {} print(typeof g);", /SyntaxError/],
  ["x: for (;;) { break x; } print('after');", /ReferenceError/],
  ["var a = 1n; print(a);", /ReferenceError/],
  ["var a = f(); function f() { return 1; } print(a);", /ReferenceError/],
  ["print('aa'.replace(/a{2}/, 'b'));", /^aa/m],
  ["print('ab'.replace(/a(?=b)/, 'x'));", /^ab/m],
];

const debug = findEspruino("espruino-debug");
describe.skipIf(!debug)(realTierTitle("the arrow-this assertion the build's check keeps out", "espruino-debug"), () => {
  it.each(ARROW_THIS_TRIPS)("trips ASSERT(jsvHasChildren(obj)): %s", (source) => {
    const run = runEspruinoScript(debug as string, `${source}\nprint("RAN");`);
    expect(run.output).toMatch(/ASSERT\(jsvHasChildren\(obj\)\) FAILED AT src\/jsvar\.c:3324/);
    expect(run.output).not.toContain("RAN");
  });

  it.each(ARROW_THIS_SAFE)("runs without an assertion: %s", (source) => {
    const run = runEspruinoScript(debug as string, `${source}\nprint("RAN");`);
    expect(run.output).not.toMatch(/ASSERT/);
    expect(run.output).toContain("RAN");
  });
});
