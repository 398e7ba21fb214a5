/**
 * What every Lua VM of the simulator must share with NodeMCU's own Lua, and the differences that
 * remain (PLATFORMS.md): checked on fengari and wasmoon always, and on NodeMCU's own Lua
 * (luac.cross) where its tools are found, so the facts below are measured, not assumed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLuaVm, type LuaVm, type LuaVmKind } from "../../../sim/nodemcu/lua-vm.ts";
import { nodeMcuLuaMissing } from "../../../sim/nodemcu/real/tools.ts";
import { skippedUnless } from "../../setup/skipped.ts";

const KINDS: LuaVmKind[] = ["fengari", "wasmoon", "nodemcu"];
const missing = nodeMcuLuaMissing();

for (const kind of KINDS) {
  const skip = kind === "nodemcu" && missing !== undefined;
  describe.skipIf(skip)(`the ${kind} VM${skippedUnless(!skip, missing?.why ?? "", missing?.how ?? "")}`, () => {
    let lua: LuaVm;
    beforeAll(async () => {
      lua = await createLuaVm(kind);
    });
    afterAll(() => lua?.close());

    it("offers no io or os library: NodeMCU's firmware has neither (ESP32's io is a module stand-in's)", () => {
      expect(lua.run("return tostring(io) .. ' ' .. tostring(os)")).toBe("nil nil");
    });

    it("has Lua 5.3's standard libraries the firmware's lualib uses", () => {
      const names = ["string.format", "table.concat", "math.floor", "debug.traceback", "coroutine.create", "utf8.char"];
      expect(lua.run(`return ${names.map((n) => `type(${n})`).join(" .. ',' .. ")}`)).toBe(names.map(() => "function").join(","));
    });

    it(kind === "wasmoon" ? "has 64-bit integers (the width check)" : "has NodeMCU's 32-bit integers", () => {
      expect(lua.run("return math.maxinteger")).toBe(kind === "wasmoon" ? "9223372036854775807" : "2147483647");
    });

    it(kind === "nodemcu" ? "has NodeMCU's single-precision floats" : "has double floats: only NodeMCU's own Lua shows a float losing a whole second", () => {
      expect(lua.run("return 218549072.0 + 1.0 == 218549072.0")).toBe(kind === "nodemcu" ? "true" : "false");
    });
  });
}
