/**
 * NodeMCU's node module: node.random from the board's seeded hardware generator, so runs repeat;
 * node.restart resets the board from the task queue (the call itself returns first, as on the
 * device, where the restart happens once the current Lua code has finished).
 */
import { intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";

export function installNode(boot: NodeMcuBoot): void {
  boot.register("__host_node_random", (ranged, low, high) => {
    const word = boot.board.randomWord();
    if (ranged !== "1") return word % 2147483647;
    const lo = intArg(low, "node.random");
    const hi = intArg(high, "node.random");
    if (hi < lo) throw new Error("node.random: empty interval");
    return lo + (word % (hi - lo + 1));
  });
  boot.register("__host_node_restart", () => {
    boot.queueTask(0, () => boot.board.reset("node.restart"));
    return undefined;
  });
  boot.vm.run(luaModuleSource("node"), "node.lua");
}
