/**
 * The bridge to NodeMCU's own Lua (sim/nodemcu/real): the child process behaves as the in-process
 * VMs do at the LuaVm interface (host functions, errors, nesting, closing), its numbers are the
 * device's, each boot of a box is a new process, and the LFS-running tool runs the firmware from
 * an LFS image. Skipped, with the reason in the suite's name, where the tools are not found.
 */
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { nodeMcuBuild } from "../../../sim/nodemcu/loader.ts";
import { createLuaVm, type LuaVm } from "../../../sim/nodemcu/lua-vm.ts";
import { bundleModules } from "../../../tools/build/lua-bundle-plugin.ts";
import { lfsSetup } from "../../../sim/nodemcu/real/factory.ts";
import type { ProcessLuaVm } from "../../../sim/nodemcu/real/process-vm.ts";
import { lfsRunMissing, nodeMcuLuaMissing, type Missing } from "../../../sim/nodemcu/real/tools.ts";
import { skippedUnless } from "../../setup/skipped.ts";
import { bootBox, closeBoxes } from "./helpers.ts";

const missing = nodeMcuLuaMissing();
const lfsMissing = lfsRunMissing();
const named = (what: string, reason: Missing | undefined): string => `${what}${skippedUnless(reason === undefined, reason?.why ?? "", reason?.how ?? "")}`;

const vms: LuaVm[] = [];
async function vm(): Promise<ProcessLuaVm> {
  const created = (await createLuaVm("nodemcu")) as ProcessLuaVm;
  vms.push(created);
  return created;
}
afterEach(() => {
  for (const v of vms.splice(0)) v.close();
  closeBoxes();
});

describe.skipIf(missing !== undefined)(named("NodeMCU's own Lua, bridged", missing), () => {
  it("has the device's numbers: 32-bit integers and single-precision floats", async () => {
    const lua = await vm();
    expect(lua.integerBits).toBe(32);
    expect(lua.run("return math.maxinteger")).toBe("2147483647");
    expect(lua.run("return 2147483647 + 1")).toBe("-2147483648");
    expect(lua.run("return 218549072.0 + 1.0 == 218549072.0")).toBe("true");
    expect(lua.run("return math.floor(1700000015 / 30)")).toBe("56666668");
    expect(lua.run("return tostring(1 / 3)")).toBe("0.3333333");
  });

  it("sees a callback's passing heap under NodeMCU's collector (heap mode egc), which the crossings miss", async () => {
    const lua = await vm();
    // A callback that builds a 10 KB string and drops it before it returns: nothing of it is live
    // at a crossing, all of it at the allocations inside the callback.
    lua.run("function spike() local s = string.rep('x', 10240) local n = #s .. '' s = nil return n end");
    lua.run("function quiet() local n = 0 for i = 1, 500 do n = n + #(i .. '') end return n end");
    lua.register("big", () => "y".repeat(10240));
    // The answer of a host function is framed and decoded inside its stub (the bridge's work), and
    // the callback drops it at once.
    lua.run("function answer() return #big() end");
    const peaks = (mode: "live" | "egc", fn: string): number => {
      lua.setHeapMode(mode);
      lua.call(fn);
      const f = lua.heapFigures();
      return mode === "live" ? f.peakLiveKb : f.peakEgcKb;
    };
    const spike = peaks("egc", "spike") - peaks("live", "spike");
    expect(spike).toBeGreaterThan(10);
    expect(spike).toBeLessThan(11);
    // Garbage made and dropped one small string at a time is not live data: the two agree.
    expect(peaks("egc", "quiet") - peaks("live", "quiet")).toBeLessThan(0.5);
    expect(peaks("egc", "answer") - peaks("live", "answer")).toBeLessThan(1);
    // Back to the collector's own pace after the probe.
    lua.setHeapMode("off");
    expect(lua.run("return collectgarbage('setpause', 110)")).toBe("110");
  });

  it("makes the built candidate table with an array part of exactly its length (firmware/nodemcu/int-array.ts)", async () => {
    const text = readFileSync(nodeMcuBuild("esp8266"), "latin1");
    const found = bundleModules(text);
    const at = found.findIndex((m) => m.name === "core.int-array");
    const body = text.slice(text.indexOf("\n", found[at].at) + 1, found[at + 1].at).replace(/\s*end,\s*$/, "");
    const lua = await vm();
    lua.run(`intArray = (function(...)\n${body}\nend)()`);
    expect(lua.run("local t = intArray.newIntArray(309, -1) local ok = #t == 309 for i = 1, 309 do ok = ok and t[i] == -1 end return ok")).toBe("true");
    expect(lua.run("local t = intArray.newIntArray(309, -1) t[309] = 7 return intArray.intIndexOf(t, 7, 0) .. ' ' .. intArray.intIndexOf(t, 8, 0)")).toBe("308 -1");
    // The heap the table keeps (after a full collection): one call's array against one grown entry
    // by entry (the portable form), which Lua doubles to 512 slots.
    const cost = (make: string) => Number(lua.run(`collectgarbage("collect") local before = collectgarbage("count") held = ${make} collectgarbage("collect") local kb = collectgarbage("count") - before held = nil return kb`));
    const exact = cost("intArray.newIntArray(309, -1)");
    const grown = cost("(function() local t = {} for i = 1, 309 do t[#t + 1] = -1 end return t end)()");
    expect(exact).toBeLessThan(grown * 0.7);
  });

  it("offers the firmware the device's globals, not the host tool's io, os, bit, struct or sjson", async () => {
    const lua = await vm();
    expect(lua.run("return tostring(io) .. tostring(os) .. tostring(bit) .. tostring(struct) .. tostring(sjson) .. tostring(LFSGET)")).toBe("nilnilnilnilnilnil");
    expect(lua.run("return _VERSION")).toBe("Lua 5.3");
  });

  it("hands host functions their arguments as text and returns integers, text, booleans and nothing", async () => {
    const lua = await vm();
    const seen: string[][] = [];
    lua.register("__host_echo", (...args) => {
      seen.push(args);
      return args.length;
    });
    lua.register("__host_text", () => "h\u00e9x");
    lua.register("__host_yes", () => true);
    lua.register("__host_none", () => undefined);
    expect(lua.run("return math.type(__host_echo(1, 2.5, 'a b', nil, true))")).toBe("integer");
    expect(seen).toEqual([["1", "2.5", "a b", "nil", "true"]]);
    expect(lua.run("return __host_text()")).toBe("h\u00e9x");
    expect(lua.run("return type(__host_yes()) .. tostring(__host_yes())")).toBe("booleantrue");
    expect(lua.run("return select('#', __host_none())")).toBe("0");
  });

  it("turns a host function's exception into a Lua error that pcall catches", async () => {
    const lua = await vm();
    lua.register("__host_fail", () => {
      throw new Error("the board is off");
    });
    expect(lua.run("local ok, err = pcall(__host_fail) return tostring(ok) .. ': ' .. err")).toBe("false: the board is off");
    expect(() => lua.run("__host_fail()")).toThrow("the board is off");
  });

  it("runs Lua from inside a host function (a host call that calls back)", async () => {
    const lua = await vm();
    lua.run("function twice(n) return n * 2 end");
    lua.register("__host_back", (n) => Number(lua.call("twice", Number(n))) + 1);
    expect(lua.run("return __host_back(20)")).toBe("41");
  });

  it("passes call arguments with their types", async () => {
    const lua = await vm();
    lua.run("function kinds(...) local t = {} for i = 1, select('#', ...) do local v = select(i, ...) t[i] = math.type(v) or type(v) end return table.concat(t, ',') end");
    expect(lua.call("kinds", 1, 1.5, "x", -2147483648)).toBe("integer,float,string,integer");
    expect(() => lua.call("no_such_function")).toThrow("attempt to call a nil value");
  });

  it("reports syntax errors of a chunk and goes on", async () => {
    const lua = await vm();
    expect(() => lua.run("return +", "broken")).toThrow(/broken/);
    expect(lua.run("return 1 + 1")).toBe("2");
  });

  it("reports the Lua CPU time of every request", async () => {
    const lua = await vm();
    const events: number[] = [];
    lua.onEvent = (e) => events.push(e.cpuUs);
    lua.run("local x = 0 for i = 1, 200000 do x = x + i end");
    expect(events).toHaveLength(1);
    expect(events[0]).toBeGreaterThan(0);
  });

  it("leaves no FIFOs behind once connected, closed or not", async () => {
    const lua = await vm();
    expect(lua.run("return 1")).toBe("1");
    expect(lua.dir.startsWith(tmpdir())).toBe(true);
    expect(existsSync(lua.dir)).toBe(false);
  });

  it("closes twice without complaint and refuses work afterwards", async () => {
    const lua = await vm();
    lua.close();
    lua.close();
    expect(() => lua.run("return 1")).toThrow(/closed/);
  });

  it("says so when the Lua process dies", async () => {
    const lua = await vm();
    lua.register("__host_kill", () => {
      process.kill((lua as unknown as { child: { pid: number } }).child.pid, "SIGKILL");
      return 1;
    });
    expect(() => lua.run("__host_kill() return 1")).toThrow(/NodeMCU's Lua ended|EPIPE/);
  });

  it("boots the built firmware in a new process at every power-up, on the same board and flash", async () => {
    const t = await bootBox("nodemcu");
    const first = t.box.boot.vm as ProcessLuaVm;
    expect(t.box.failures).toEqual([]);
    // ESP32's NodeMCU keeps file contents in io.
    t.lua("local f = io.open('probe', 'w') f:write('kept') f:close()");
    t.board.powerOff("test");
    t.board.advance(100);
    t.board.powerOn();
    t.board.advance(100);
    const second = t.box.boot.vm as ProcessLuaVm;
    expect(second).not.toBe(first);
    expect(() => first.run("return 1")).toThrow();
    expect(t.lua("local f = io.open('probe', 'r') local text = f:read('a') f:close() return text")).toBe("kept");
    expect(t.box.failures).toEqual([]);
  });
});

describe.skipIf(lfsMissing !== undefined)(named("NodeMCU's Lua with the code in LFS (qemu-i386)", lfsMissing), () => {
  it("runs the firmware from its LFS image and measures the heap", async () => {
    const t = await bootBox("nodemcu-lfs");
    expect(t.box.failures).toEqual([]);
    const lua = t.box.boot.vm as ProcessLuaVm;
    const heap = lua.heapFigures();
    // The firmware's module ran from the image: the bridge noted the heap just before it.
    expect(heap.baselineKb).toBeGreaterThan(0);
    expect(heap.liveKb).toBeGreaterThan(heap.baselineKb);
    expect(t.lua("return 218549072.0 + 1.0 == 218549072.0")).toBe("true");
  });

  it("puts the firmware in the image and each module stand-in only where it fits", () => {
    const setup = lfsSetup("-- a tiny firmware\nreturn 1\n");
    expect([...setup.modules.values()]).toContain("parcelbox");
    expect(setup.standInsInFlash).toBe(true);
    expect([...setup.modules.values()]).toContain("host");
  });
});
