/**
 * How the cost of a code attempt grows with what the box carries, on the built firmware: the
 * wall time of one wrong 8-digit entry typed in a fresh hour (8 digits and '#', each key computing
 * part of the hour's 308-candidate table, docs/codes.md), the HMACs it took, and the Lua heap
 * (wasmoon's collectgarbage("count") after a full collection) with
 * - outstanding codes: N codes made for this hour, a fifth of them used at the keypad (each use
 *   is a live entry the box checks every candidate against; at least 48 fit, docs/storage.md "Limits");
 * - log entries: L audit events (forced-lid and lid-closed pairs).
 * Wall times are this machine's, medians of ROUNDS entries; not a device's times.
 */
import "../../tools/lib/intrinsics-global.ts";
import { performance } from "node:perf_hooks";
import { candidateId, codeText, deriveKeys } from "../../firmware/core/codes/host.ts";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import { SimBox, type SimRuntimeName } from "../../sim/box.ts";
import { countHmacs, luaHeapKb } from "../../sim/energy/probes.ts";
import { NodeMcuBox } from "../../sim/nodemcu/loader.ts";
import type { LuaVmKind } from "../../sim/nodemcu/lua-vm.ts";
import { VirtualBoard } from "../../sim/state/board.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";

const SECRET = Buffer.from("3132333435363738393031323334353637383930", "hex");
const START = Date.parse("2026-11-28T09:00:00Z") / 1000;
const HOUR_MS = 3_600_000;
export const GROWTH_ROUNDS = 7;
export const CODE_LEVELS = [0, 10, 50, 200];
export const LOG_LEVELS = [0, 100, 1000];

export interface BuildUnderTest {
  name: string;
  runtime: SimRuntimeName;
  lua?: LuaVmKind;
}

export const BUILDS_UNDER_TEST: BuildUnderTest[] = [
  { name: "espruino (node:vm)", runtime: "espruino" },
  { name: "nodemcu (fengari)", runtime: "nodemcu", lua: "fengari" },
  { name: "nodemcu (wasmoon)", runtime: "nodemcu", lua: "wasmoon" },
];

export interface GrowthRow {
  build: string;
  /** "codes" or "log", and its level. */
  axis: string;
  level: number;
  /** Codes used at the keypad (codes axis) or audit events added (log axis). */
  setUp: number;
  attemptMs: number;
  hmacs: number;
  /** Lua heap after the set-up, KB (wasmoon only). */
  heapKb: number | undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function boxSeconds(box: SimBox): number {
  return START - BOX_EPOCH_UNIX + Math.floor(box.board.scheduler.nowMs / 1000);
}

async function provisionedBox(build: BuildUnderTest): Promise<SimBox> {
  const box = await SimBox.start({ runtime: build.runtime, lua: build.lua, unixTime: START });
  box.provision(SECRET, START);
  box.advance(60_000);
  return box;
}

/** Types `code#`, lifts and shuts the lid if the lock opened. */
function useCode(box: SimBox, code: string): boolean {
  const pulses = box.board.coil.pulseCount;
  box.type(`${code}#`);
  box.advance(2000);
  if (box.board.coil.pulseCount === pulses) return false;
  box.board.lid.open();
  box.advance(500);
  box.board.lid.close();
  box.advance(6000);
  return true;
}

/** Makes `made` codes for the current hour and uses a fifth of them; returns how many opened. */
function useFifthOfCodes(box: SimBox, made: number): number {
  const keys = deriveKeys(nodeHasher, SECRET.toString("latin1"));
  const hour = Math.floor(boxSeconds(box) / 3600);
  const used = Math.floor(made / 5);
  let opened = 0;
  for (let i = 0; i < used; i++) {
    // Spread over the hour's candidates (deliveries and pickups), as codes issued for many windows.
    const index = Math.floor((i * 308) / Math.max(used, 1));
    if (useCode(box, codeText(nodeHasher, keys.codeKey, candidateId(hour, 0, index)))) opened++;
  }
  return opened;
}

/** Adds `events` audit events: forced-lid and lid-closed pairs. */
function addLogEvents(box: SimBox, events: number): number {
  for (let i = 0; i < events / 2; i++) {
    box.board.lid.open();
    box.advance(200);
    box.board.lid.close();
    box.advance(200);
  }
  box.advance(5000);
  return 2 * Math.floor(events / 2);
}

/** Median wall time of a wrong entry in a fresh hour, and its HMACs, over GROWTH_ROUNDS rounds. */
function timeAttempts(box: SimBox): { ms: number; hmacs: number } {
  const times: number[] = [];
  let hmacs = 0;
  for (let round = 0; round < GROWTH_ROUNDS; round++) {
    // The next hour, so the whole candidate table is computed again while typing.
    box.advance(HOUR_MS - ((box.board.scheduler.nowMs + START * 1000) % HOUR_MS) + 60_000);
    const counter = countHmacs(box);
    const start = performance.now();
    box.type("00000000#");
    times.push(performance.now() - start);
    hmacs = counter.count();
    counter.stop();
    box.advance(3000);
    box.authenticated(SECRET, "LIFT");
  }
  return { ms: median(times), hmacs };
}

async function row(build: BuildUnderTest, axis: "codes" | "log", level: number): Promise<GrowthRow> {
  const box = await provisionedBox(build);
  const setUp = axis === "codes" ? useFifthOfCodes(box, level) : addLogEvents(box, level);
  const heapKb = build.lua === "wasmoon" ? luaHeapKb(box) : undefined;
  const attempt = timeAttempts(box);
  const errors = box.errors();
  box.close();
  if (errors.length > 0) throw new Error(`${build.name}: firmware errors: ${errors.join(" | ")}`);
  return { build: build.name, axis, level, setUp, attemptMs: attempt.ms, hmacs: attempt.hmacs, heapKb };
}

export async function growthRows(builds = BUILDS_UNDER_TEST): Promise<GrowthRow[]> {
  const rows: GrowthRow[] = [];
  for (const build of builds) {
    for (const level of CODE_LEVELS) rows.push(await row(build, "codes", level));
    for (const level of LOG_LEVELS) rows.push(await row(build, "log", level));
  }
  return rows;
}

/**
 * Lua heap right after boot and provisioning, KB (wasmoon), and the heap of the simulator's
 * NodeMCU module shims alone (the same VM booted with an empty firmware file), which the first two
 * include: the firmware's own share is the difference.
 */
export async function heapAfterBootKb(): Promise<{ boot: number; provisioned: number; shims: number }> {
  const box = await SimBox.start({ runtime: "nodemcu", lua: "wasmoon", unixTime: START });
  const boot = luaHeapKb(box);
  box.provision(SECRET, START);
  box.advance(1000);
  const provisioned = luaHeapKb(box);
  box.close();
  const board = new VirtualBoard({ profile: "esp32-nodemcu", powered: false });
  const bare = await NodeMcuBox.attach(board, { vm: "wasmoon", firmware: "" });
  board.powerOn();
  const shims = Number(bare.lua('collectgarbage("collect"); collectgarbage("collect"); return collectgarbage("count")'));
  bare.detach();
  return { boot, provisioned, shims };
}
