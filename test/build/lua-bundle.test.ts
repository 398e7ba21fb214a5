/**
 * The NodeMCU bundles (tools/build/build.ts, tools/build/lua-bundle-plugin.ts): each chip's shipped
 * <chip>/parcelbox.lua carries only its own chip's code, no test API and no barrel, the conformance build carries the API, the
 * owner's side is in the box's bundle but loaded by nothing at start, and the plugin refuses what
 * it does not understand rather than emit a bundle that is wrong.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../tools/build/build.ts";
import ts from "typescript";
import { addLaterLoader, BarrelError, BundleError, bundleModules, CHIP_GLOBAL, chipTest, compactRequire, flattenBarrels, laterLoader, laterModules, namesRead, numberModules, type Barrels } from "../../tools/build/lua-bundle-plugin.ts";

const lua = (file: string) => readFileSync(join(ROOT, "build/nodemcu", file), "latin1");
const modules = (text: string) => bundleModules(text).map((m) => m.name);
/** The box's file of each chip. */
const BOX_FILES = ["esp8266/parcelbox.lua", "esp32/parcelbox.lua"];

describe("the built NodeMCU bundles", () => {
  it.each(BOX_FILES)("ship the box without the test API, the portable hashes or any barrel (%s)", (name) => {
    const box = modules(lua(name));
    expect(box).toContain("core.box");
    expect(box).toContain("core.owner.index");
    for (const gone of ["core.api", "core.hash.portable", "core.hash.sha1", "core.hash.sha256", "core.codes.index", "nodemcu.conformance", "boards.nodemcu-profiles"]) {
      expect(box).not.toContain(gone);
    }
    expect(lua(name)).not.toMatch(/_G\.parcelbox = /);
    // No Error thrown (docs/portability.md: the firmware throws strings).
    expect(lua(name)).not.toMatch(/__TS__New\(Error/);
  });

  it("ship each chip only its own chip's code: its profile, its system services, the port expander on ESP8266 and light sleep on ESP32 only", () => {
    const esp8266 = modules(lua("esp8266/parcelbox.lua"));
    const esp32 = modules(lua("esp32/parcelbox.lua"));
    expect(esp8266).toEqual(expect.arrayContaining(["nodemcu.main-esp8266", "boards.nodemcu-esp8266", "nodemcu.system-esp8266", "core.drivers.pcf8574"]));
    for (const gone of ["nodemcu.main-esp32", "boards.nodemcu-esp32", "nodemcu.system-esp32", "nodemcu.light-sleep"]) expect(esp8266).not.toContain(gone);
    expect(esp32).toEqual(expect.arrayContaining(["nodemcu.main-esp32", "boards.nodemcu-esp32", "nodemcu.system-esp32", "nodemcu.light-sleep"]));
    for (const gone of ["nodemcu.main-esp8266", "boards.nodemcu-esp8266", "nodemcu.system-esp8266", "core.drivers.pcf8574"]) expect(esp32).not.toContain(gone);
  });

  it("keep inside the shared adapter only the branch of each NODEMCU_CHIP test their chip takes", () => {
    // ESP32's gpio.config and interrupt types, its ADC1 and console module are not in the ESP8266's file ...
    for (const gone of ["gpio.config(", "INTR_UP_DOWN", "ADC1", "NONINTERACTIVE"]) expect(lua("esp8266/parcelbox.lua")).not.toContain(gone);
    // ... nor ESP8266's gpio.mode and expander writes in the ESP32's; each file keeps its own.
    for (const gone of ["gpio.mode(", "expander.update("]) expect(lua("esp32/parcelbox.lua")).not.toContain(gone);
    expect(lua("esp8266/parcelbox.lua")).toContain("gpio.mode(");
    expect(lua("esp32/parcelbox.lua")).toContain("gpio.config(");
    for (const name of [...BOX_FILES, "conformance.lua"]) expect(lua(name)).not.toContain(CHIP_GLOBAL);
  });

  it("give the conformance suite the test API in a build of its own", () => {
    const conformance = modules(lua("conformance.lua"));
    expect(conformance).toContain("core.api");
    expect(conformance).not.toContain("core.box");
  });

  it.each(BOX_FILES)("carry NodeMCU's own int-array under the core's name: a candidate table sized in one call (%s)", (name) => {
    const text = lua(name);
    const found = bundleModules(text);
    const at = found.findIndex((m) => m.name === "core.int-array");
    expect(at).toBeGreaterThanOrEqual(0);
    const code = text.slice(found[at].at, found[at + 1].at);
    expect(code).toMatch(/\{string\.byte\(\s*string\.rep\(" ", length\)/);
    expect(modules(text)).not.toContain("nodemcu.int-array");
  });

  it("require the owner's side from no module the box starts with", () => {
    const text = lua("esp8266/parcelbox.lua");
    const owner = bundleModules(text).findIndex((m) => m.name === "core.owner.index") + 1;
    expect(owner).toBeGreaterThan(0);
    expect(text).toContain(`\n[${owner}] = function(...) -- core.owner.index\n`);
    expect(text).not.toMatch(new RegExp(`require\\(${owner}\\b`));
    expect(text).toContain(`____bundleLoad(${owner})`);
  });
});

const file = (code: string) => ({ fileName: "/p/a.ts", code }) as Parameters<typeof flattenBarrels>[0];
const BARRELS: Barrels = new Map([["/p/codes/index.ts", new Map([["codeIdText", { file: "/p/codes/code.ts", name: "codeIdText" }], ["slotOf", { file: "/p/codes/slots.ts", name: "slotOf" }]])]]);

describe("the bundle plugin", () => {
  it("takes a chip test's branch for the bundle's chip, and refuses one in a bundle built for no chip", () => {
    const condition = (text: string) => (ts.createSourceFile("a.ts", text, ts.ScriptTarget.ES2020).statements[0] as ts.ExpressionStatement).expression;
    expect(chipTest(condition(`NODEMCU_CHIP === "esp32"`), "esp32")).toBe(true);
    expect(chipTest(condition(`NODEMCU_CHIP === "esp32"`), "esp8266")).toBe(false);
    expect(chipTest(condition(`"esp8266" !== NODEMCU_CHIP`), "esp8266")).toBe(false);
    expect(chipTest(condition(`gpio.config !== undefined`), "esp32")).toBeUndefined();
    expect(() => chipTest(condition(`NODEMCU_CHIP === "esp32"`), undefined)).toThrow(BundleError);
  });

  it("turns the import of a barrel into imports of the files that define the names", () => {
    const f = file('local ____codes = require("./codes/index")\nprint(____codes.codeIdText(1), ____codes.slotOf(2))\n');
    expect(flattenBarrels(f, BARRELS)).toBe(true);
    expect(f.code).toBe('local ____codes_1 = require("./codes/code")\nlocal ____codes_2 = require("./codes/slots")\nprint(____codes_1.codeIdText(1), ____codes_2.slotOf(2))\n');
  });

  it("fails on a barrel used in a way it does not understand", () => {
    expect(() => flattenBarrels(file('local ____codes = require("./codes/index")\nlocal t = ____codes\n'), BARRELS)).toThrow(BarrelError);
    expect(() => flattenBarrels(file('local ____codes = require("./codes/index")\nprint(____codes.other)\n'), BARRELS)).toThrow(BarrelError);
  });

  it("loads later only modules named by a string literal", () => {
    expect(laterModules('local m = ____bundleLoad("core.owner.index")')).toEqual(["core.owner.index"]);
    expect(() => laterModules("local m = ____bundleLoad(name)")).toThrow(BundleError);
  });

  it("fails on a bundle of another shape or a later module that is not in it", () => {
    expect(() => addLaterLoader("return 1", { laterOnly: ["core.owner.index"], shared: new Map() })).toThrow(BundleError);
    const bundle = 'local ____modules = {}\nlocal ____moduleCache = {}\nlocal function require(file, ...)\nend\n____modules = {\n["a"] = function(...) \n end,\n}\n';
    expect(() => addLaterLoader(bundle, { laterOnly: ["core.nothing"], shared: new Map() })).toThrow(BundleError);
    expect(() => compactRequire("local function require(file)\nend\n")).toThrow(BundleError);
  });

  it("keeps, once the box has started, only what the later modules read of the modules it shares with them", () => {
    expect(namesRead('local ____a = require("./a")\nlocal x = ____a.x\nlocal y = ____a.y\nlocal ____b = require("./b")\nf(____b)\n')).toEqual(
      new Map([
        ["./a", ["x", "y"]],
        ["./b", undefined],
      ]),
    );
    const loader = laterLoader({ laterOnly: ["core.owner.index"], shared: new Map([["core.codes.code", ["codeText"]], ["lualib_bundle", undefined]]) });
    expect(loader).toContain('    m = was["core.codes.code"]\n    if m ~= nil then cache["core.codes.code"] = {codeText = m.codeText} end\n');
    expect(loader).toContain('    if m ~= nil then cache["lualib_bundle"] = m end\n');
    expect(loader).toContain('    ____modules["core.owner.index"] = loaders["core.owner.index"]\n');
    // On the built file, the forget keeps a few names of the codes' modules, not their whole exports.
    const text = lua("esp8266/parcelbox.lua");
    const forget = text.slice(text.indexOf("local function ____bundleForget()"), text.indexOf("\n____modules = {\n"));
    expect(forget).toMatch(/cache\[\d+\] = \{\w+ = m\.\w+/);
    expect(forget).not.toMatch(/"/);
  });

  it("numbers the modules: no module name is a string in the image", () => {
    const bundle = '____modules = {\n["a.b"] = function(...) \nlocal x = require("c")\n end,\n["c"] = function(...) \nreturn ____bundleLoad("a.b")\n end,\n}\nlocal e = require("a.b", ...)\ncache["c"] = other["c"]\n';
    expect(numberModules(bundle)).toBe('____modules = {\n[1] = function(...) -- a.b\nlocal x = require(2)\n end,\n[2] = function(...) -- c\nreturn ____bundleLoad(1)\n end,\n}\nlocal e = require(1, ...)\ncache[2] = other["c"]\n');
    const numbered = numberModules(bundle);
    expect(bundleModules(numbered)).toEqual([
      { name: "a.b", at: numbered.indexOf("[1] = ") },
      { name: "c", at: numbered.indexOf("[2] = ") },
    ]);
    const text = lua("esp8266/parcelbox.lua");
    expect(text).not.toMatch(/require\("/);
    expect(text).not.toMatch(/"(core|nodemcu|boards)\.[\w.-]+"/);
  });

  it("caches each module's exports itself, not in a table of its own", () => {
    const text = lua("esp8266/parcelbox.lua");
    expect(text).toContain("    ____moduleCache[file] = value\n");
    expect(text).not.toContain("{ value = value }");
  });

  it("reads no module's own exports through its exports table (tools/build/lua-exports.ts)", () => {
    const text = lua("esp8266/parcelbox.lua");
    const pins = text.slice(text.indexOf("-- nodemcu.pins\n"), text.indexOf("-- nodemcu.pin-writer\n"));
    expect(pins).toContain("function ____x_isLow(pin)");
    expect(pins).not.toMatch(/^    .*____exports\./m);
  });
});
