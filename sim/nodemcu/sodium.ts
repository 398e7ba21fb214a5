/**
 * NodeMCU's sodium module (ESP32 only), the sodium.random functions, from the board's seeded
 * hardware generator so runs repeat. On the device they call esp_random().
 */
import { hexOfBytes, intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";

export function installSodium(boot: NodeMcuBoot): void {
  const board = boot.board;
  boot.register("__host_sodium_random", () => board.randomWord() | 0);
  boot.register("__host_sodium_uniform", (upper) => board.randomWord() % intArg(upper, "sodium.random.uniform"));
  boot.register("__host_sodium_buf", (n) => {
    const bytes = new Uint8Array(intArg(n, "sodium.random.buf"));
    for (let i = 0; i < bytes.length; i++) bytes[i] = board.randomWord() & 0xff;
    return hexOfBytes(bytes);
  });
  boot.vm.run(luaModuleSource("sodium"), "sodium.lua");
}
