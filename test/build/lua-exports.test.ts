/**
 * Module exports as locals (tools/build/lua-exports.ts): a module's own exported names read from
 * locals or written in as literals, so no closure of the module holds its exports table; what the
 * rewrite does not understand is left as typescript-to-lua printed it. Each rewritten module is run
 * on fengari to show it exports and behaves the same.
 */
import { describe, expect, it } from "vitest";
import { createLuaVmSync } from "../../sim/nodemcu/lua-vm.ts";
import { declaredNames, dropUnusedRequires, exportsAsLocals, inlineImportedLiterals, luaTokens } from "../../tools/build/lua-exports.ts";

/** Runs a module's text as a function on fengari and gives `probe`'s result (it sees `exports`). */
function run(module: string, probe: string): string {
  const vm = createLuaVmSync("fengari");
  try {
    return vm.run(`local exports = (function(...)\n${module}end)()\n${probe}`);
  } finally {
    vm.close();
  }
}

const PINS = [
  "local ____exports = {}",
  "local ____task = require_stub",
  "function ____exports.isLow(pin)",
  "    return pin == ____exports.LOW",
  "end",
  "____exports.LOW = 0",
  "____exports.NEG = -5",
  '____exports.NAME = "pins"',
  "____exports.watched = {}",
  "function ____exports.watch(pin)",
  "    ____exports.watched[pin] = ____exports.isLow(pin)",
  "    return ____exports.NEG",
  "end",
  "return ____exports",
  "",
].join("\n");

describe("module exports as locals", () => {
  it("makes each exported name assigned once at the top a local or a literal, and exports them all", () => {
    const r = exportsAsLocals(PINS);
    expect(r.locals).toEqual(["isLow", "watched", "watch"]);
    expect([...r.literals]).toEqual([["LOW", "0"], ["NEG", "-5"], ["NAME", '"pins"']]);
    // No closure reads the exports table: it is only filled at the end.
    const body = r.code.slice(0, r.code.indexOf("____exports.isLow = "));
    expect(body.match(/____exports\.\w/g)).toBeNull();
    expect(r.code).toContain("return pin == 0\n");
    expect(r.code).toContain("return (-5)\n");
    const probe = 'local w = exports.watch(0)\nreturn table.concat({tostring(exports.isLow(0)), tostring(exports.isLow(1)), tostring(w), exports.NAME, tostring(exports.LOW), tostring(exports.watched[0])}, " ")';
    expect(run(r.code, probe)).toBe(run(PINS, probe));
    expect(run(r.code, probe)).toBe("true false -5 pins 0 true");
  });

  it("lets code before a definition see it (hoisting), as the exports table did", () => {
    const module = "local ____exports = {}\nfunction ____exports.first()\n    return ____exports.second()\nend\nfunction ____exports.second()\n    return 2\nend\nreturn ____exports\n";
    const r = exportsAsLocals(module);
    expect(r.locals).toEqual(["first", "second"]);
    expect(run(r.code, "return tostring(exports.first())")).toBe("2");
  });

  it("leaves in the table a name assigned twice, inside a block, in a multiple assignment or written into", () => {
    const module = [
      "local ____exports = {}",
      "____exports.count = 0",
      "function ____exports.bump()",
      "    ____exports.count = ____exports.count + 1",
      "end",
      "do",
      "    ____exports.again = 1",
      "end",
      "____exports.a, ____exports.b = 1, 2",
      "____exports.t = {}",
      "____exports.t.x = 1",
      "____exports.kept = 3",
      "return ____exports",
      "",
    ].join("\n");
    const r = exportsAsLocals(module);
    expect(r.locals).toEqual(["bump"]);
    expect([...r.literals.keys()]).toEqual(["kept"]);
    expect(r.code).toContain("    ____exports.count = ____exports.count + 1\n");
    expect(run(r.code, 'exports.bump()\nreturn table.concat({exports.count, exports.again, exports.a, exports.b, exports.t.x, exports.kept}, " ")')).toBe("1 1 1 2 1 3");
  });

  it("leaves a module of another shape as it is", () => {
    for (const module of [
      "local ____exports = {}\nlocal t = ____exports\nreturn ____exports\n",
      "local ____exports = {}\n____exports.a = 1\n",
      "local ____exports = {}\nlocal ____x_a = 1\n____exports.a = ____x_a\nreturn ____exports\n",
      "local x = 1\nreturn x\n",
    ]) {
      expect(exportsAsLocals(module).code).toBe(module);
    }
  });
});

describe("imported literals written in", () => {
  const LAYOUT = new Map([
    ["EVENT_SIZE", "16"],
    ["MAGIC", '"PBJ"'],
    ["LOW", "-1"],
  ]);
  const literalsOf = (specifier: string) => (specifier === "./layout" ? LAYOUT : undefined);

  it("replaces each read of an imported literal and drops the import's local", () => {
    const module = [
      "local ____exports = {}",
      'local ____layout = require("./layout")',
      "local EVENT_SIZE = ____layout.EVENT_SIZE",
      "local MAGIC = ____layout.MAGIC",
      "local LOW = ____layout.LOW",
      "function ____exports.size(n)",
      '    -- EVENT_SIZE in a comment and "EVENT_SIZE" in a string stay',
      '    return n * EVENT_SIZE, MAGIC .. "EVENT_SIZE", LOW',
      "end",
      "return ____exports",
      "",
    ].join("\n");
    const r = inlineImportedLiterals(module, literalsOf);
    expect(r.inlined).toEqual(["EVENT_SIZE", "MAGIC", "LOW"]);
    expect(r.code).not.toContain("local EVENT_SIZE");
    expect(r.code).toContain('    return n * 16, "PBJ" .. "EVENT_SIZE", (-1)\n');
    expect(r.code).toContain("-- EVENT_SIZE in a comment");
  });

  it("leaves an import the module also declares, uses as a key or a field, or that is no literal", () => {
    const module = [
      'local ____layout = require("./layout")',
      "local EVENT_SIZE = ____layout.EVENT_SIZE",
      "local MAGIC = ____layout.MAGIC",
      "local LOW = ____layout.LOW",
      "local OTHER = ____layout.OTHER",
      "local function f(EVENT_SIZE)",
      "    return EVENT_SIZE, {MAGIC = 1}, t.LOW, OTHER",
      "end",
      "",
    ].join("\n");
    const r = inlineImportedLiterals(module, literalsOf);
    expect(r.inlined).toEqual([]);
    expect(r.code).toBe(module);
  });

  it("reads Lua's tokens: strings, long strings and comments whole, and every kind of declaration", () => {
    const tokens = luaTokens('local a, b = "x\\"y", [==[ ]] ]==] --[[ c ]] -- d\nfor i, v in x do end\nlocal function g(p, q) end\nfunction t.m(r) end');
    expect(tokens.filter((t) => t.kind === "string").map((t) => t.text)).toEqual(['"x\\"y"', "[==[ ]] ]==]"]);
    expect(tokens.filter((t) => t.kind === "comment").map((t) => t.text.trim())).toEqual(["--[[ c ]]", "-- d"]);
    expect([...declaredNames(tokens).keys()]).toEqual(["a", "b", "i", "v", "g", "p", "q", "r"]);
  });

  it("drops a require whose local nothing reads any more, and keeps lualib's and every read one", () => {
    const module = [
      'local ____lualib = require("lualib_bundle")',
      'local ____layout = require("./layout")',
      'local ____pins = require("./pins")',
      "local isLow = ____pins.isLow",
      "local function f(pin)",
      "    return isLow(pin), 16",
      "end",
      "",
    ].join("\n");
    const r = dropUnusedRequires(module);
    expect(r.dropped).toEqual(["./layout"]);
    expect(r.code).toBe(module.replace('local ____layout = require("./layout")\n', ""));
    expect(dropUnusedRequires(r.code)).toEqual({ code: r.code, dropped: [] });
  });
});
