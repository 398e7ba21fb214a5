/**
 * Each chip's simulated NodeMCU offers exactly the modules of its firmware list
 * (firmware/boards/nodemcu-firmware.ts) and the API those modules have in nodemcu-firmware's
 * source: release for ESP8266, dev-esp32 for ESP32. And the built firmware boots and serves a
 * delivery on each, the ESP32 with its console on the uart module or on the console module.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { firmwareModules, LFS_PARTITION_BYTES } from "../../../firmware/boards/nodemcu-firmware.ts";
import { failureLine, loadScenario, runScenario } from "../../../sim/scenario/runner.ts";
import { NODEMCU_CONFORMANCE_BUILD } from "../../runtimes/core-runtimes.ts";
import { bootBox, closeBoxes, VMS, type TestBox } from "./helpers.ts";

afterEach(closeBoxes);

const bare = { firmware: "-- empty init.lua" };
/** Every module either firmware's build may have: the simulator emulates each of them. */
const EMULATED = ["adc", "console", "crypto", "file", "gpio", "i2c", "io", "node", "os", "rtctime", "sodium", "time", "tmr", "uart"];

function offered(t: TestBox): string[] {
  return EMULATED.filter((name) => t.lua(`return type(${name})`) === "table");
}

describe.each(VMS)("ESP32's NodeMCU (dev-esp32) on %s", (vm) => {
  it("offers exactly the list's modules: no console, rtctime or os; io for file contents", async () => {
    const t = await bootBox(vm, {}, bare);
    expect(offered(t)).toEqual([...firmwareModules("esp32")].sort());
  });

  it("has no file.open: file contents go through io.open", async () => {
    const t = await bootBox(vm, {}, bare);
    expect(t.lua("return tostring(file.open) .. ' ' .. tostring(file.getcontents) .. ' ' .. type(file.exists) .. ' ' .. type(io.open)")).toBe("nil nil function function");
  });

  it("time.set rounds seconds to a 32-bit float: box second 218554157 becomes 218554160", async () => {
    const t = await bootBox(vm, {}, bare);
    t.lua("time.set(218554157)");
    expect(t.lua("return (time.get())")).toBe("218554160");
    t.lua("time.set(1000003)");
    expect(t.lua("return (time.get())")).toBe("1000003");
  });

  it("crypto has only new_hash and new_hmac", async () => {
    const t = await bootBox(vm, {}, bare);
    expect(t.lua("return type(crypto.new_hash) .. type(crypto.new_hmac) .. tostring(crypto.hash) .. tostring(crypto.hmac)")).toBe("functionfunctionnilnil");
  });

  it("takes the USB console with uart.on(..., 0), which also accepts the console's uart id", async () => {
    const t = await bootBox(vm, {}, bare);
    t.lua(`got = "" uart.on(0, "data", 0, function(d) got = got .. d end, 0)`);
    t.board.usb.send("x = 1\r\n");
    t.board.advance(1);
    expect(t.lua("return got .. tostring(x)")).toBe("x = 1\r\nnil");
  });

  it("a later dev-esp32 build has the console module and no uart.on", async () => {
    const t = await bootBox(vm, {}, { ...bare, esp32Console: "console" });
    expect(t.lua("return type(console.on) .. tostring(uart.on) .. type(uart.wakeup)")).toBe("functionnilfunction");
  });

  it("node.LFS reports the partition; there is no node.getpartitiontable", async () => {
    const t = await bootBox(vm, {}, bare);
    expect(t.lua("return node.LFS.config.lfs_size .. ' ' .. tostring(node.getpartitiontable) .. ' ' .. tostring(node.LFS.list())")).toBe(`${LFS_PARTITION_BYTES} nil nil`);
  });
});

describe.each(VMS)("ESP8266's NodeMCU (release) on %s", (vm) => {
  const esp8266 = { profile: "esp8266-nodemcu" };

  it("offers exactly the list's modules: no io, os, time, sodium or console", async () => {
    const t = await bootBox(vm, esp8266, bare);
    expect(offered(t)).toEqual([...firmwareModules("esp8266")].sort());
  });

  it("has file.open, crypto.hmac and node.getpartitiontable", async () => {
    const t = await bootBox(vm, esp8266, bare);
    expect(t.lua("return type(file.open) .. type(crypto.hmac) .. type(crypto.new_hmac) .. node.getpartitiontable().lfs_size")).toBe(`functionfunctionfunction${LFS_PARTITION_BYTES}`);
  });
});

describe("Lua's debug library on NodeMCU", () => {
  // Both firmwares build only the minimal debug library: ESP8266's user_config.h defines
  // LUA_USE_BUILTIN_DEBUG_MINIMAL "for debug.getregistry() and debug.traceback()", and ESP32's
  // components/lua/Kconfig selects LUA_BUILTIN_DEBUG_MINIMAL unless the extended one is chosen.
  it.each(["esp32-nodemcu", "esp8266-nodemcu"])("has only getregistry and traceback on %s", async (profile) => {
    const t = await bootBox("fengari", { profile }, bare);
    expect(t.lua("return type(debug.traceback) .. type(debug.getregistry) .. tostring(debug.getinfo)")).toBe("functionfunctionnil");
  });

  // typescript-to-lua's Error constructor calls debug.getinfo, so on NodeMCU a `throw new Error(...)`
  // raised "attempt to call a nil value (field 'getinfo')" and the message was lost. The firmware
  // throws strings instead (docs/portability.md); the built test API (build/nodemcu/conformance.lua,
  // from the same sources) throws one for bad hex.
  it("keeps the message of an error thrown in the built firmware", async () => {
    const t = await bootBox("fengari", {}, { firmware: readFileSync(NODEMCU_CONFORMANCE_BUILD, "latin1") });
    expect(t.lua(`local ok, err = pcall(parcelbox.digestHex, 0, "sha1", "zz") return tostring(ok) .. " " .. tostring(err)`)).toMatch(/^false .*not hex: zz/);
  });
});

describe("the built firmware boots and serves a delivery on each chip", () => {
  const scenario = loadScenario(join(import.meta.dirname, "../../scenarios/delivery-opens-once.json"));

  it("on ESP32 with the console on the console module (later dev-esp32)", async () => {
    const failures = await runScenario(scenario, { runtime: "nodemcu", lua: "fengari", esp32Console: "console" });
    expect(failures.map(failureLine)).toEqual([]);
  });
  // ESP32 with the console on the uart module and ESP8266 run every scenario in test/scenarios.
});
