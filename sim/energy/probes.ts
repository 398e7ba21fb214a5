/**
 * Probes into a running simulated box that the power model and the bench need: counting the
 * firmware's HMACs at its native-hash boundary, and reading the Lua heap. Both builds hash
 * through the runtime's crypto module, which the simulator backs with node:crypto, so the count
 * is exact while the time is the host's.
 */
import { espruinoCrypto } from "../espruino/crypto.ts";
import type { SimBox } from "../box.ts";
import type { NodeMcuBox } from "../nodemcu/loader.ts";
import type { SleepRecord } from "../nodemcu/sleep.ts";

export interface HmacCounter {
  /** HMACs the firmware computed since the counter started. */
  count(): number;
  stop(): void;
}

/** The Lua side of a NodeMCU box (sim/box.ts keeps it private; read-only use here). */
function nodeMcuOf(box: SimBox): NodeMcuBox {
  // SimBox exposes no accessor for its NodeMCU loader; the probe only runs Lua in it.
  const inner = (box as unknown as { nodemcu: NodeMcuBox | undefined }).nodemcu;
  if (inner === undefined) throw new Error("not a NodeMCU box");
  return inner;
}

/** The light-sleep record of a NodeMCU box (ESP32: node.sleep; always awake on ESP8266). */
export function chipSleepOf(box: SimBox): SleepRecord {
  return nodeMcuOf(box).sleep;
}

/** Runs Lua in the box's current boot and returns the result as text. */
export function luaProbe(box: SimBox, code: string): string {
  return nodeMcuOf(box).lua(code);
}

/** KB of Lua heap after a full collection (collectgarbage("count")), NodeMCU builds only. */
export function luaHeapKb(box: SimBox): number {
  return Number(luaProbe(box, 'collectgarbage("collect"); collectgarbage("collect"); return collectgarbage("count")'));
}

/**
 * Counts HMACs: on Espruino, native SHA-1 and SHA-256 calls halved (the core's HMAC is two native
 * digests around a key of at most one block: SHA-256 for delivery codes, SHA-1 for the owner's
 * TOTP); on NodeMCU, calls of crypto.new_hmac, which the firmware looks up at every call. The
 * NodeMCU counter lives in the current boot's VM: a power cut resets it.
 */
export function countHmacs(box: SimBox): HmacCounter {
  if (box.runtime === "espruino") {
    const sha1 = espruinoCrypto.SHA1;
    const sha256 = espruinoCrypto.SHA256;
    let digests = 0;
    espruinoCrypto.SHA1 = (data) => {
      digests++;
      return sha1(data);
    };
    espruinoCrypto.SHA256 = (data) => {
      digests++;
      return sha256(data);
    };
    return {
      count: () => Math.floor(digests / 2),
      stop: () => {
        espruinoCrypto.SHA1 = sha1;
        espruinoCrypto.SHA256 = sha256;
      },
    };
  }
  luaProbe(
    box,
    `if __energy_new_hmac == nil then
       __energy_new_hmac = crypto.new_hmac
       crypto.new_hmac = function(a, k) __energy_hmacs = __energy_hmacs + 1; return __energy_new_hmac(a, k) end
     end
     __energy_hmacs = 0`,
  );
  return {
    count: () => Number(luaProbe(box, "return __energy_hmacs")),
    stop: () => {
      luaProbe(box, "if __energy_new_hmac ~= nil then crypto.new_hmac = __energy_new_hmac; __energy_new_hmac = nil end");
    },
  };
}
