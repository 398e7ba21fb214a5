/**
 * NodeMCU's node module. ESP8266: node.random from the board's seeded hardware generator, so runs
 * repeat. ESP32 has no node.random; it has node.uptime, which on its default Lua 5.3 build (32-bit
 * integers, single-precision floats) returns the µs counter as a single-precision float, emulated
 * here with Math.fround. Both: node.restart resets the board from the task queue (the call itself
 * returns first, as on the device, where the restart happens once the current Lua code has finished).
 */
import { intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";
import type { NodeMcuChip } from "./loader.ts";

export function installNode(boot: NodeMcuBoot, chip: NodeMcuChip): void {
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
  boot.register("__host_node_restart", () => {
    boot.queueTask(0, () => boot.board.reset("node.restart"));
    return undefined;
  });
  boot.vm.run(luaModuleSource("node"), "node.lua");
}
