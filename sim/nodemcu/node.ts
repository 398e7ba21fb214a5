/**
 * NodeMCU's node module. ESP8266: node.random from the board's seeded hardware generator, so runs
 * repeat. ESP32 has no node.random; it has node.uptime, which on its default Lua 5.3 build (32-bit
 * integers, single-precision floats) returns the µs counter as a single-precision float, emulated
 * here with Math.fround. Both: node.restart resets the board from the task queue (the call itself
 * returns first, as on the device, where the restart happens once the current Lua code has finished).
 */
import type { NodeMcuChip } from "../../firmware/boards/nodemcu-firmware.ts";
import { intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";
import type { LfsRegion } from "./lfs.ts";

/** Where the LFS partition is mapped and lies in flash (node.LFS.config; plausible ESP values). */
const LFS_MAPPED = 0x40280000;
const LFS_BASE = 0x80000;
const SPIFFS_BASE = 0x100000;

export function installNode(boot: NodeMcuBoot, chip: NodeMcuChip, lfs: LfsRegion): void {
  if (chip === "esp8266") {
    boot.register("__host_node_random", (ranged, low, high) => {
      const word = boot.board.randomWord();
      if (ranged !== "1") return word % 2147483647;
      const lo = intArg(low, "node.random");
      const hi = intArg(high, "node.random");
      if (hi < lo) throw new Error("node.random: empty interval");
      return lo + (word % (hi - lo + 1));
    });
  } else {
    boot.register("__host_node_uptime", () => Math.fround(Math.floor(boot.board.uptimeMs() * 1000)));
  }
  boot.register("__host_lfs_size", () => lfs.partitionBytes);
  boot.register("__host_lfs_has", (name) => lfs.loaded !== undefined && Object.hasOwn(lfs.loaded.modules, name));
  boot.register("__host_lfs_source", (name) => {
    const source = lfs.loaded?.modules[name] ?? "";
    // Only ASCII crosses the bridge (the build's check keeps parcelbox.lua ASCII).
    if (/[^\x00-\x7f]/.test(source)) throw new Error(`node.LFS.get: module ${name} is not ASCII`);
    return source;
  });
  boot.register("__host_lfs_list", () => (lfs.loaded === undefined ? "" : Object.keys(lfs.loaded.modules).join("/")));
  boot.register("__host_lfs_config", (which) => {
    const used = lfs.loaded?.flashBytes ?? 0;
    return [LFS_MAPPED, LFS_BASE, lfs.partitionBytes, used, lfs.loaded?.timestamp ?? 0][intArg(which, "node.LFS.config")];
  });
  boot.register("__host_lfs_reload", (image) => {
    // luaL_lfsreload: the same answer for no partition and no such file.
    if (lfs.partitionBytes === 0 || !boot.board.flash.has(image)) return "No LFS partition allocated";
    lfs.pending = image;
    boot.queueTask(0, () => boot.board.reset("node.LFS.reload"));
    return "";
  });
  if (chip === "esp8266") {
    boot.register("__host_node_partitions", (which) =>
      [LFS_BASE, lfs.partitionBytes, SPIFFS_BASE, boot.board.flash.capacityBytes][intArg(which, "node.getpartitiontable")],
    );
  }
  boot.register("__host_node_restart", () => {
    boot.queueTask(0, () => boot.board.reset("node.restart"));
    return undefined;
  });
  boot.vm.run(luaModuleSource("node"), "node.lua");
}
