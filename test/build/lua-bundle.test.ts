/**
 * The NodeMCU bundles (tools/build/build.ts, tools/build/lua-bundle-plugin.ts): the shipped
 * parcelbox.lua carries no test API and no barrel, the conformance build carries the API, the
 * owner's side is in the box's bundle but loaded by nothing at start, and the plugin refuses what
 * it does not understand rather than emit a bundle that is wrong.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../tools/build/build.ts";
import { addLaterLoader, BarrelError, BundleError, compactRequire, flattenBarrels, laterModules, type Barrels } from "../../tools/build/lua-bundle-plugin.ts";

const lua = (file: string) => readFileSync(join(ROOT, "build/nodemcu", file), "latin1");
const modules = (text: string) => [...text.matchAll(/^\["([^"]+)"\] = function/gm)].map((m) => m[1]);

describe("the built NodeMCU bundles", () => {
  it("ship the box without the test API, the portable hashes or any barrel", () => {
    const box = modules(lua("parcelbox.lua"));
    expect(box).toContain("core.box");
    expect(box).toContain("core.owner.index");
    for (const gone of ["core.api", "core.hash.portable", "core.hash.sha1", "core.hash.sha256", "core.codes.index", "nodemcu.conformance"]) {
      expect(box).not.toContain(gone);
    }
    expect(lua("parcelbox.lua")).not.toMatch(/_G\.parcelbox = /);
    // No Error thrown (docs/portability.md: the firmware throws strings). The store's `delete`
    // (firmware/core/store/store.ts) still brings __TS__Delete and with it lualib's Error classes.
    expect(lua("parcelbox.lua")).not.toMatch(/__TS__New\(Error/);
  });

  it("give the conformance suite the test API in a build of its own", () => {
    const conformance = modules(lua("conformance.lua"));
    expect(conformance).toContain("core.api");
    expect(conformance).not.toContain("core.box");
  });

  it("require the owner's side from no module the box starts with", () => {
    const text = lua("parcelbox.lua");
    expect(text).not.toMatch(/require\("core\.owner\.index"\)/);
    expect(text).toContain('____bundleLoad("core.owner.index")');
  });
});

const file = (code: string) => ({ fileName: "/p/a.ts", code }) as Parameters<typeof flattenBarrels>[0];
const BARRELS: Barrels = new Map([["/p/codes/index.ts", new Map([["codeIdText", { file: "/p/codes/code.ts", name: "codeIdText" }], ["slotOf", { file: "/p/codes/slots.ts", name: "slotOf" }]])]]);

describe("the bundle plugin", () => {
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
    expect(() => addLaterLoader("return 1", ["core.owner.index"])).toThrow(BundleError);
    expect(() => addLaterLoader(lua("parcelbox.lua"), ["core.nothing"])).toThrow(BundleError);
    expect(() => compactRequire("local function require(file)\nend\n")).toThrow(BundleError);
  });

  it("caches each module's exports itself, not in a table of its own", () => {
    const text = lua("parcelbox.lua");
    expect(text).toContain("    ____moduleCache[file] = value\n");
    expect(text).not.toContain("{ value = value }");
  });

  it("reads no module's own exports through its exports table (tools/build/lua-exports.ts)", () => {
    const text = lua("parcelbox.lua");
    const pins = text.slice(text.indexOf('["nodemcu.pins"] = function'), text.indexOf('["nodemcu.pin-writer"] = function'));
    expect(pins).toContain("function ____x_isLow(pin)");
    expect(pins).not.toMatch(/^    .*____exports\./m);
  });
});
