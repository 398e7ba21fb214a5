/**
 * The NodeMCU firmware list (firmware/boards/nodemcu-firmware.ts) against what the built Lua file
 * really reads: every global of build/nodemcu/parcelbox.lua, found by parsing it with scopes
 * (luaparse), that names a NodeMCU module is in a chip's list, and every listed module is read.
 * So the owner's guide asks for no module the box does not use and misses none it does.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { firmwareModules, nodeMcuFirmware } from "../../../firmware/boards/nodemcu-firmware.ts";
import { NODEMCU_BUILD } from "../../../sim/nodemcu/loader.ts";

interface LuaNode {
  type: string;
  name?: string;
  [key: string]: unknown;
}
interface LuaChunk extends LuaNode {
  globals: LuaNode[];
}
// luaparse (npm) has no types of its own for 0.3; this is the part used here.
const luaparse = createRequire(import.meta.url)("luaparse") as { parse(code: string, options: Record<string, unknown>): LuaChunk };

/** Lua's own libraries and base functions: NodeMCU has them on both chips (io only on ESP32). */
const LUA_STANDARD = ["_G", "_VERSION", "debug", "error", "getmetatable", "ipairs", "math", "next", "pairs", "pcall", "rawget", "require", "select", "setmetatable", "string", "table", "tostring", "type"];
/** What the firmware itself puts in _G for the simulator's probes and the conformance harness. */
const FIRMWARE_OWN = ["parcelbox", "parcelboxBoard", "parcelboxBox", "parcelboxSleep"];

/** Names the file reads from the global environment: free names, and fields read as _G.name. */
function globalsRead(source: string): Set<string> {
  const chunk = luaparse.parse(source, { scope: true, luaVersion: "5.3", comments: false, locations: false });
  const names = new Set(chunk.globals.map((g) => g.name ?? ""));
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    const n = node as LuaNode;
    if (n.type === "MemberExpression" && (n.base as LuaNode).type === "Identifier" && (n.base as LuaNode).name === "_G") names.add((n.identifier as LuaNode).name ?? "");
    for (const key of Object.keys(n)) if (key !== "globals") walk(n[key]);
  };
  walk(chunk.body);
  return names;
}

describe("the NodeMCU firmware list against build/nodemcu/parcelbox.lua", () => {
  const read = globalsRead(readFileSync(NODEMCU_BUILD, "latin1"));
  const listed = new Set([...firmwareModules("esp8266"), ...firmwareModules("esp32")]);
  const optional = new Set([...nodeMcuFirmware("esp8266").optionalModules, ...nodeMcuFirmware("esp32").optionalModules]);

  it("reads no global that is neither Lua's, the firmware's own, nor a listed module", () => {
    const unknown = [...read].filter((name) => !LUA_STANDARD.includes(name) && !FIRMWARE_OWN.includes(name) && !listed.has(name) && !optional.has(name));
    expect(unknown).toEqual([]);
  });

  it("reads every module of both chips' lists (none is listed for nothing)", () => {
    expect([...listed].filter((name) => !read.has(name))).toEqual([]);
  });

  it("reads the console module only where the list allows it as ESP32's alternative", () => {
    expect([...optional].filter((name) => read.has(name))).toEqual(["console"]);
  });
});
