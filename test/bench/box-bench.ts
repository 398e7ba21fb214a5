/**
 * Box-level figures for `make bench`, on the built firmware running on the simulator: the wall
 * time the box takes per key of an 8-digit entry (each key computes part of the hour's candidate
 * table) and from '#' to the verdict, native SHA-1 calls for the whole entry, and how many
 * simulated idle days pass per wall-clock second.
 */
import { performance } from "node:perf_hooks";
import { espruinoCrypto } from "../../sim/espruino/crypto.ts";
import { SimBox, type SimRuntimeName } from "../../sim/box.ts";
import type { LuaVmKind } from "../../sim/nodemcu/lua-vm.ts";

const SECRET = Buffer.from("3132333435363738393031323334353637383930", "hex");
const START = Date.parse("2026-11-28T09:00:00Z") / 1000;
const ROUNDS = 5;

export interface BoxFigures {
  build: string;
  /** The slowest key of an entry (it computes 40 candidates). */
  keyMs: number;
  /** '#' to verdict. */
  attemptMs: number;
  hashCalls: number | undefined;
  idleDaysPerSecond: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Counts Espruino's native SHA-1 calls (two per HMAC, plus one for keys longer than a block). */
function countSha1(run: () => void): number {
  const original = espruinoCrypto.SHA1;
  let calls = 0;
  espruinoCrypto.SHA1 = (data) => {
    calls++;
    return original(data);
  };
  try {
    run();
  } finally {
    espruinoCrypto.SHA1 = original;
  }
  return calls;
}

/** Wall ms the box takes to handle one key: press, the scans while held, release. */
function timedKey(box: SimBox, key: string): number {
  const start = performance.now();
  box.board.keypad.press(key);
  box.board.advance(120);
  box.board.keypad.release(key);
  box.board.advance(30);
  const ms = performance.now() - start;
  box.board.advance(120);
  return ms;
}

async function figures(runtime: SimRuntimeName, lua: LuaVmKind | undefined): Promise<BoxFigures> {
  const keyMs: number[] = [];
  const hashMs: number[] = [];
  let hashCalls: number | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const at = START + round * 7200;
    const box = await SimBox.start({ runtime, lua, unixTime: at });
    box.provision(SECRET, at);
    box.advance(60_000);
    // A wrong 8-digit code in a fresh hour: each digit computes part of the hour's candidate
    // table (docs/codes.md), so '#' is a lookup.
    const entry = (): void => {
      for (const key of "00000000") keyMs.push(timedKey(box, key));
      hashMs.push(timedKey(box, "#"));
    };
    if (runtime === "espruino") hashCalls = countSha1(entry);
    else entry();
    box.close();
  }
  const idle = await SimBox.start({ runtime, lua, unixTime: START });
  idle.provision(SECRET, START);
  const wallStart = performance.now();
  idle.advance(30 * 86_400_000);
  const idleSeconds = (performance.now() - wallStart) / 1000;
  idle.close();
  return {
    build: runtime === "espruino" ? "espruino (node:vm)" : `nodemcu (${lua})`,
    keyMs: Math.max(...keyMs),
    attemptMs: median(hashMs),
    hashCalls,
    idleDaysPerSecond: 30 / Math.max(idleSeconds, 1e-6),
  };
}

export async function boxFigures(): Promise<BoxFigures[]> {
  return [await figures("espruino", undefined), await figures("nodemcu", "fengari"), await figures("nodemcu", "wasmoon")];
}
