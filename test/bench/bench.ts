/**
 * `make bench`: HMAC-SHA1 operations per second for each hash implementation on each runtime,
 * and the size of both built files. Machines here are shared and noisy, so every figure is the
 * median of several timed rounds, and speeds are also given as a ratio to native Node.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { sizes } from "../../tools/build/build.ts";
import { availableRuntimes, ESPRUINO_BUILD, NODEMCU_BUILD, openRuntime, type CoreRuntime } from "../runtimes/core-runtimes.ts";
import { fitReport } from "../../tools/fit/measure.ts";
import { espruinoStorageFiles } from "../../tools/build/espruino-storage.ts";
import { espruinoRealReport } from "./espruino-real-bench.ts";
import { lfsImages } from "./lfs-bench.ts";
import { boxFigures } from "./box-bench.ts";
import { deliveryBreakdownTable, DELIVERIES_PER_DAY, energyRows, energyTable, idleBreakdownTable, OWNER_OPENINGS_PER_DAY } from "./energy-bench.ts";
import { BUILDS_UNDER_TEST, GROWTH_ROUNDS, growthRows, heapAfterBootKb, type GrowthRow } from "./growth-bench.ts";
import { BOX_PERIPHERALS } from "../../sim/energy/profiles.ts";
import { COIL } from "../../sim/energy/cells.ts";
import { printNodeMcuReal } from "./nodemcu-real-bench.ts";

const ROUNDS = 7;
const KEY = Buffer.from("12345678901234567890").toString("hex");
const COUNTER = "0000000000000001";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Picks an iteration count that takes ~100 ms, then times ROUNDS rounds of it. */
function hmacsPerSecond(runtime: CoreRuntime, hasher: number): number {
  let times = 10;
  for (;;) {
    const start = performance.now();
    runtime.call("hmacRepeat", hasher, "sha1", KEY, COUNTER, times);
    const elapsed = performance.now() - start;
    if (elapsed > 100 || times >= 1_000_000) break;
    times *= 4;
  }
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    runtime.call("hmacRepeat", hasher, "sha1", KEY, COUNTER, times);
    rates.push((times * 1000) / (performance.now() - start));
  }
  return median(rates);
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const results: { runtime: string; implementation: string; rate: number }[] = [];
  for (const name of availableRuntimes()) {
    const runtime = await openRuntime(name);
    const count = Number(runtime.call("hasherCount"));
    for (let hasher = 0; hasher < count; hasher++) {
      results.push({ runtime: name, implementation: runtime.call("hasherName", hasher), rate: hmacsPerSecond(runtime, hasher) });
    }
    runtime.close();
  }
  const nodeNative = results.find((r) => r.implementation === "node-native")?.rate ?? 1;
  console.log(`HMAC-SHA1 of an 8-byte counter with a 20-byte key (median of ${ROUNDS} rounds)\n`);
  console.log(
    table(
      ["runtime", "implementation", "HMAC-SHA1/s", "vs node-native"],
      results.map((r) => [r.runtime, r.implementation, Math.round(r.rate).toLocaleString("en"), `1/${Math.round(nodeNative / r.rate)}`]),
    ),
  );
  console.log("\n(native hashers inside espruino-vm, fengari, wasmoon and nodemcu are the simulator's, backed by node:crypto:\n their figures measure the firmware's calling path, not a device's hash engine)\n");
  console.log(
    table(
      ["built file", "bytes", "gzipped"],
      [ESPRUINO_BUILD, ...espruinoStorageFiles().map((f) => f.path), NODEMCU_BUILD].map((path) => {
        const s = sizes(readFileSync(path, "latin1"));
        return [path.slice(path.indexOf("build/")), String(s.bytes), String(s.gzipped)];
      }),
    ),
  );
  lfsImages(table);
  const jsBytes = sizes(readFileSync(ESPRUINO_BUILD, "latin1")).bytes;
  const luaBytes = sizes(readFileSync(NODEMCU_BUILD, "latin1")).bytes;
  console.log("");
  console.log(fitReport());
  // Issue 11's figures from the real interpreter: JsVars on espruino-pico and espruino-debug, Storage, speed.
  console.log(`\n${await espruinoRealReport()}`);
  console.log(`\nThe box on the simulator, built files: a wrong 8-digit code typed in a fresh hour, 5 rounds (slowest\nkey; median '#'; SHA-1 calls for the whole entry: 2 per HMAC); wall time on this machine, not a device's\n`);
  const box = await boxFigures();
  console.log(
    table(
      ["build", "slowest key ms", "ms from # to verdict", "native SHA-1 calls", "idle days simulated per s"],
      box.map((b) => [b.build, b.keyMs.toFixed(1), b.attemptMs.toFixed(1), b.hashCalls === undefined ? "(same core)" : String(b.hashCalls), b.idleDaysPerSecond.toFixed(0)]),
    ),
  );
  await buildComparison(box.map((b) => b.idleDaysPerSecond), jsBytes, luaBytes);
  await printNodeMcuReal(table);
  await energy();
}

/** The two builds side by side, and how an attempt's cost and the Lua heap grow with what the box holds. */
async function buildComparison(idleDaysPerSecond: number[], jsBytes: number, luaBytes: number): Promise<void> {
  const heap = await heapAfterBootKb();
  const rows = await growthRows();
  const base = (build: string): GrowthRow => rows.find((r) => r.build === build && r.axis === "codes" && r.level === 0) as GrowthRow;
  const gz = (path: string): number => sizes(readFileSync(path, "latin1")).gzipped;
  console.log(`\nThe builds compared: one wrong 8-digit entry typed in a fresh hour (8 digits and '#', median of ${GROWTH_ROUNDS}),\nwall time on this machine; Lua heap is collectgarbage("count") after a full collection, wasmoon (64-bit Lua)\n`);
  console.log(
    table(
      ["build", "ms per attempt", "HMACs per attempt", "idle days per s", "file bytes", "gzipped", "Lua heap KB"],
      BUILDS_UNDER_TEST.map((b, i) => [
        b.name,
        base(b.name).attemptMs.toFixed(1),
        String(base(b.name).hmacs),
        idleDaysPerSecond[i].toFixed(0),
        String(b.runtime === "espruino" ? jsBytes : luaBytes),
        String(gz(b.runtime === "espruino" ? ESPRUINO_BUILD : NODEMCU_BUILD)),
        b.lua === "wasmoon" ? `${heap.boot.toFixed(0)} boot, ${heap.provisioned.toFixed(0)} provisioned (shims alone ${heap.shims.toFixed(0)})` : "-",
      ]),
    ),
  );
  console.log(`\nGrowth: N codes made for this hour, a fifth of them used at the keypad (live entries the box checks\nevery candidate against; at most 48), and L audit events; then the wrong entry above\n`);
  const growth = (axis: string, head: string): void =>
    console.log(
      table(
        ["build", head, "set up", "ms per attempt", "HMACs", "Lua heap KB"],
        rows.filter((r) => r.axis === axis).map((r) => [r.build, String(r.level), String(r.setUp), r.attemptMs.toFixed(1), String(r.hmacs), r.heapKb === undefined ? "-" : r.heapKb.toFixed(0)]),
      ),
    );
  growth("codes", "codes made (used)");
  console.log("");
  growth("log", "log events");
}

/** The battery figure (docs/energy.md): measured counts, modelled currents. */
async function energy(): Promise<void> {
  const rows = await energyRows();
  console.log(
    `\nEnergy (docs/energy.md): an idle day, a delivery and an owner opening measured on the built firmware, charged with\neach board's power profile (sim/energy/profiles.ts); ${DELIVERIES_PER_DAY} deliveries and ${OWNER_OPENINGS_PER_DAY} owner openings a day; life until the pack can no\nlonger pull the coil (${COIL.pullVolts} V across ${COIL.ohms} ohms, sim/energy/cells.ts), on the usable and the pessimistic capacity;\ncoil ${BOX_PERIPHERALS.coilMa} mA for the unlock pulse, DS3231 ${BOX_PERIPHERALS.ds3231Ma} mA while powered, linear regulator\n`,
  );
  for (const t of [energyTable(rows), idleBreakdownTable(rows), deliveryBreakdownTable(rows)]) {
    console.log(table(t.headers, t.cells));
    console.log("");
  }
}

await main();
