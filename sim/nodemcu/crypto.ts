/**
 * Installs NodeMCU's `crypto` module into a Lua VM, backed by node:crypto. ESP8266's (release,
 * app/modules/crypto.c) has crypto.hash and crypto.hmac beside the streaming new_hash and new_hmac;
 * ESP32's (dev-esp32, components/modules/crypto.c) has only new_hash and new_hmac.
 */
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import type { LuaVm } from "./lua-vm.ts";

const CRYPTO_LUA = readFileSync(new URL("./modules/crypto.lua", import.meta.url), "utf8");

function nodeAlgorithm(name: string): "sha1" | "sha256" {
  const lower = name.toLowerCase();
  if (lower === "sha1" || lower === "sha256") return lower;
  throw new Error(`crypto: unsupported algorithm ${name}`);
}

export function installNodeMcuCrypto(vm: LuaVm, chip: "esp8266" | "esp32" | "both" = "both"): void {
  vm.register("__host_crypto", (kind, algorithm, keyHex, dataHex) => {
    const data = Buffer.from(dataHex, "hex");
    const digest =
      kind === "hmac"
        ? createHmac(nodeAlgorithm(algorithm), Buffer.from(keyHex, "hex")).update(data).digest()
        : createHash(nodeAlgorithm(algorithm)).update(data).digest();
    return digest.toString("hex");
  });
  vm.run(CRYPTO_LUA, "crypto.lua");
  if (chip === "esp32") vm.run("crypto.hash = nil crypto.hmac = nil", "crypto-esp32");
}
