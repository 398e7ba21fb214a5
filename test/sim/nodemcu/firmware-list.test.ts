/**
 * The NodeMCU firmware list (firmware/boards/nodemcu-firmware.ts) against what each chip's built Lua
 * file really reads: every global of build/nodemcu/<chip>/parcelbox.lua, found by parsing it with
 * scopes (luaparse), that names a NodeMCU module is in that chip's list, and every listed module is read.
 * So the owner's guide asks for no module the box does not use and misses none it does.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { firmwareModules, nodeMcuFirmware } from "../../../firmware/boards/nodemcu-firmware.ts";
import { nodeMcuBuild } from "../../../sim/nodemcu/loader.ts";

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
const LUA_STANDARD = ["_G", "_VERSION", "debug", "error", "getmetatable", "ipairs", "math", "next", "pairs", "pcall", "print", "rawget", "require", "select", "setmetatable", "string", "table", "tostring", "type"];
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

describe.each(["esp8266", "esp32"] as const)("the NodeMCU firmware list against build/nodemcu/%s/parcelbox.lua", (chip) => {
  const read = globalsRead(readFileSync(nodeMcuBuild(chip), "latin1"));
  const listed = new Set(firmwareModules(chip));
  const optional = new Set(nodeMcuFirmware(chip).optionalModules);
  // Light sleep, and so its global, is in the ESP32 build only.
  const own = chip === "esp32" ? FIRMWARE_OWN : FIRMWARE_OWN.filter((name) => name !== "parcelboxSleep");

  it("reads no global that is neither Lua's, the firmware's own, nor a module of the chip's list", () => {
    const unknown = [...read].filter((name) => !LUA_STANDARD.includes(name) && !own.includes(name) && !listed.has(name) && !optional.has(name));
    expect(unknown).toEqual([]);
  });

  it("reads every module of the chip's list (none is listed for nothing)", () => {
    expect([...listed].filter((name) => !read.has(name))).toEqual([]);
  });

  it("reads the console module only where the list allows it as ESP32's alternative", () => {
    expect([...optional].filter((name) => read.has(name))).toEqual(chip === "esp32" ? ["console"] : []);
  });
});
