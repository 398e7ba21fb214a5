/**
 * The build enforces portability instead of relying on memory: each forbidden construct, put
 * into a copy of the core, fails the build with a message that names it.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEspruinoSource } from "../../tools/build/check-espruino.ts";
import { checkLuaBundle } from "../../tools/build/check-lua.ts";
import { lintCoreFile } from "../../tools/build/lint-core.ts";
import { ROOT, typeCheck } from "../../tools/build/build.ts";
import { ARROW_THIS_SAFE, ARROW_THIS_TRIPS } from "./arrow-this-cases.ts";

describe("the core compiles only against the portable subset", () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(ROOT, "build-gate-"));
    cpSync(join(ROOT, "firmware/core"), join(scratch, "core"), { recursive: true });
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const forbidden: [string, string, RegExp][] = [
    ["Map", "export const m = new Map<string, number>();", /Cannot find name 'Map'/],
    ["Math.imul", "export const m = Math.imul(3, 4);", /Property 'imul' does not exist/],
    ["a typed array", "export const m = new Uint8Array(4);", /Cannot find name 'Uint8Array'/],
    ["JSON", "export const m = JSON.stringify({});", /Cannot find name 'JSON'/],
    ["Number.isInteger", "export const m = Number.isInteger(3);", /'Number' only refers to a type|Cannot find name 'Number'/],
    ["a regular expression method", 'export const m = "a".replace("a", "b");', /Property 'replace' does not exist/],
  ];
  for (const [what, source, message] of forbidden) {
    it(`using ${what} in firmware/core is a compile error`, () => {
      const file = join(scratch, "core", "forbidden.ts");
      writeFileSync(file, source);
      try {
        expect(() => typeCheck(join(scratch, "core/tsconfig.json").slice(ROOT.length + 1))).toThrow(message);
      } finally {
        rmSync(file);
      }
    });
  }

  it("the unmodified core passes the same gate", () => {
    expect(() => typeCheck(join(scratch, "core/tsconfig.json").slice(ROOT.length + 1))).not.toThrow();
  });
});

describe("the core lint bans operators that mean different things on Lua", () => {
  const cases: [string, RegExp][] = [
    ["export const a = 7 / 2;", /idiv/],
    ["export const a = 7 >> 1;", /ushr/],
    ["export const a = 7 >>> 1;", /ushr/],
    ["export const a = 2 ** 8;", /float power/],
    ["export const a = /x/;", /regular expressions/],
    ["export function f(x = 1) { return x; }", /default parameters/],
    ["export function f(...xs: number[]) { return xs; }", /rest parameters/],
    ["export const f = (o: { a: number }) => { const { a } = o; return a; };", /destructuring/],
    ["export const f = (xs: number[]) => [...xs];", /spread/],
  ];
  for (const [source, message] of cases) {
    it(`rejects: ${source}`, () => {
      const problems = lintCoreFile("x.ts", source);
      expect(problems.map((p) => p.message).join("\n")).toMatch(message);
    });
  }
  it("accepts integer code written with the intrinsics", () => {
    expect(lintCoreFile("x.ts", "export const a = idiv(7, 2) + ushr(8, 1);")).toEqual([]);
  });
});

describe("the Espruino check of the emitted JavaScript", () => {
  const cases: [string, RegExp][] = [
    ["function f(a = 1) { return a; }", /default value/],
    ["function f(...a) { return a; }", /rest/],
    ["var a = [1]; var b = [...a];", /spread/],
    ["var {a} = {a: 1};", /destructuring/],
    ["var o = {}; var a = o?.b;", /optional chaining/],
    ["var a = 2 ** 3;", /exponent/],
    ["var k = 'x'; var o = {[k]: 1};", /computed key/],
    ["async function f() {}", /async/],
    ["function* g() {}", /generator/],
    ["x: for (;;) { break x; }", /labelled/],
    ["var s = new Set();", /Set does not exist/],
    ["var a = Array.from([]);", /Array.from/],
    ["var r = /a{2}/;", /\{n\} quantifier/],
    ["var r = /a(?=b)/;", /lookaround/],
    ["'use strict'; var a = 1;", /strict mode/],
    ["class A { x = 1 }", /class field/],
    ["var a = 1n;", /BigInt/],
    ["var a = f(); function f() { return 1; }", /'f' is used before its declaration/],
    ["var a = f(); var f = function () { return 1; };", /'f' is used before its declaration/],
    ["var a = b + 1, b = 2;", /'b' is used before its declaration/],
    ["(function () { var a = g(); function g() { return h(); } var h = function () {}; })();", /'g' is used before/],
    ["function g() { return h(); } var a = g(); var h = function () {};", /'h' is used \(through a call of g\)/],
    ...ARROW_THIS_TRIPS.map((source): [string, RegExp] => [source, /arrow function using 'this'/]),
  ];
  for (const [source, message] of cases) {
    it(`rejects: ${source}`, () => {
      expect(checkEspruinoSource(source).map((p) => p.message).join("\n")).toMatch(message);
    });
  }
  it("accepts what Espruino runs: classes, arrows, let/const, template literals, ??, for...of", () => {
    const ok = "class A { constructor() { this.x = 1; } static s() { return 2; } }\n" +
      "const f = (a) => `${a ?? 1}`; let n = 0; for (const v of [1, 2]) n += v;\n" +
      "function g() { return later(); } var later = function () { return 1; }; var r = g();\n" +
      "const c = 1, d = c + 1;";
    expect(checkEspruinoSource(ok)).toEqual([]);
  });
  it("accepts an arrow using 'this' where Espruino runs it or skips it as a block", () => {
    for (const source of ARROW_THIS_SAFE) expect(checkEspruinoSource(source), source).toEqual([]);
  });
});

describe("the Lua check of the emitted bundle", () => {
  const bundle = (body: string): string => `____modules = {\n["core.x"] = function(...) \n${body}\n end,\n}`;
  it("rejects float division in our modules", () => {
    expect(checkLuaBundle(bundle("local a = 7 / 2")).map((p) => p.message).join()).toMatch(/float division/);
  });
  it("rejects integer literals beyond 2^31-1", () => {
    expect(checkLuaBundle(bundle("local a = x & 4294967295")).map((p) => p.message).join()).toMatch(/4294967295/);
  });
  it("rejects a JavaScript global left untranslated", () => {
    expect(checkLuaBundle(bundle("local a = Math:floor(x)")).map((p) => p.message).join()).toMatch(/Math/);
  });
  it("rejects a non-ASCII string literal (it would be UTF-8 in Lua)", () => {
    expect(checkLuaBundle(bundle('local s = "\u00ff"')).map((p) => p.message).join()).toMatch(/non-ASCII/);
  });
  it("accepts floor division, comments and strings with slashes", () => {
    expect(checkLuaBundle(bundle('local a = 7 // 2 -- a / b\nlocal s = "a/b"'))).toEqual([]);
  });
  // Floats on NodeMCU are single precision: 218549072.0 + 1.0 == 218549072.0 there. Each way a
  // float can enter box seconds, hours, milliseconds or uptime is refused.
  const floatMakers: [string, RegExp][] = [
    ["local a = 2 ^ 8", /float power/],
    ["local seconds = hours * 3600.0", /float literal 3600\.0/],
    ["local ms = 1e3", /float literal 1e3/],
    ["local half = .5", /float literal \.5/],
    ["local h = 0x1p4", /float literal 0x1p4/],
    ["local big = math.huge", /math\.huge makes floats/],
    ["local r = math.sqrt(x)", /math\.sqrt makes floats/],
    ["local n = tonumber(text)", /tonumber makes floats/],
    ["local us = node.uptime()", /node\.uptime returns single-precision/],
  ];
  for (const [source, message] of floatMakers) {
    it(`rejects a float on an integer path: ${source}`, () => {
      expect(checkLuaBundle(bundle(source)).map((p) => p.message).join()).toMatch(message);
    });
  }
  it("accepts concatenation, integer literals, method calls and patterns in strings", () => {
    expect(checkLuaBundle(bundle('local a = 1 .. "x" .. 2\nlocal b = 0x7fffffff\nlocal c = t[1].x\nlocal d = s:find("^a")\nlocal e = self.uptime'))).toEqual([]);
  });
  const lualib = (body: string): string => `____modules = {\n["lualib_bundle"] = function(...) \n${body}\n end,\n["core.x"] = function(...) \nlocal a = 1\n end,\n}`;
  it("lets only the audited lualib helpers do float arithmetic", () => {
    expect(checkLuaBundle(lualib("local function __TS__StringPadStart(self, n, fill)\n  return math.floor(n / #fill)\nend"))).toEqual([]);
    const problems = checkLuaBundle(lualib("local function __TS__MathRound(x)\n  return math.floor(x + 0.5)\nend"));
    expect(problems.map((p) => `${p.module}: ${p.message}`).join()).toMatch(/__TS__MathRound: float arithmetic in a lualib helper not audited/);
    // A helper defined inside a `do` block is named too, not counted as the one before it.
    const inBlock = checkLuaBundle(lualib("local function __TS__StringPadStart(self)\n  return 1\nend\nlocal __TS__Number\ndo\n  function __TS__Number(value)\n    return tonumber(value) or 0 / 0\n  end\nend"));
    expect(inBlock.map((p) => p.module).join()).toMatch(/__TS__Number/);
  });
});
