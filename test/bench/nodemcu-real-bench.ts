/**
 * The NodeMCU build measured on NodeMCU's own Lua tools (sim/nodemcu/real), for `make bench`
 * (issue 14's instruments: the lead's targets are in its items 3-5):
 *
 * - lfsImageSizes(): the LFS image of build/nodemcu/<chip>/parcelbox.lua for each chip, made by that chip's
 *   luac.cross: the image file and the image as it lies in flash (`-a`), which is what the LFS
 *   partition must hold; with and without debug information (`-s`).
 * - lfsHeap(): the Lua heap with the code in LFS (the 32-bit LFS-running tool under qemu-i386, the
 *   ESP8266's `release` Lua), over one session: boot, PROVISION, a wrong code, a delivery code, a
 *   lid cycle, an owner code, and USB LOG, STATUS and REVOKE. Figures are collectgarbage("count"):
 *   - after boot and after PROVISION: after a full collection;
 *   - peak (live): a full collection and a count at every crossing of the bridge (each host call
 *     the Lua side makes, and the start and end of every callback): the most the live data reached
 *     at those instants, a lower bound of what the chip needs;
 *   - peak (bound): a second run of the same session with the collector stopped for each callback
 *     (a full collection before it): live data at its start plus everything it allocated, an
 *     upper bound of the peak within callbacks.
 *   - peak under NodeMCU's collector (egc): a third run with a whole collection cycle at every
 *     allocation check of the VM and the live data read after each, inside callbacks too (bridge.lua,
 *     heap mode "egc"): the most live data at any allocation, which is what a device needs, since
 *     NodeMCU's Lua collects fully before an allocation when the heap is short (Lua 5.3:
 *     LUA_GCSETMEMLIMIT 4096 in app/lua53/lua.c; Lua 5.1: node.egc.ALWAYS). live <= egc <= bound.
 *     This is the figure of tools/fit's verdict (lfsHeapFitFigures).
 *   Each is also given as the firmware's share: minus the baseline, the heap just before the
 *   firmware's module started (the bridge, and the module stand-ins, which load from source while
 *   the firmware's image leaves no room for them in the tool's 256 KB LFS region; their frames and
 *   hex strings are simulator overhead inside every callback, included in the peaks).
 * - lfsSpeed(): CPU time of NodeMCU's Lua (os.clock in the bridge, x86-64 host, code from source)
 *   for the work after each key press (the callbacks from that press to the next) and from '#' to
 *   the coil (the callbacks from the '#' press to the one that energises it), as medians over
 *   rounds, in three states: the first entry of a box hour, ten multi-use codes outstanding (each
 *   used once) 5 minutes after the last use, and right after another code opened the box.
 *   "firmware" excludes the CPU inside the bridge's host-function stubs (framing, waiting); the
 *   stand-ins' own Lua (e.g. hex conversion) stays in.
 */
import "../../tools/lib/intrinsics-global.ts";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { candidateId, codeText, codeUses, deriveKeys } from "../../firmware/core/codes/host.ts";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import { SimBox } from "../../sim/box.ts";
import { nodeMcuBuild } from "../../sim/nodemcu/loader.ts";
import { firmwareLfsImage, type LfsChip } from "../../sim/nodemcu/real/lfs.ts";
import type { HeapFigures, LuaEvent, ProcessLuaVm } from "../../sim/nodemcu/real/process-vm.ts";
import { lfsRunMissing, missingText, nodeMcuLuaMissing } from "../../sim/nodemcu/real/tools.ts";
import { Variables } from "../../sim/scenario/variables.ts";
import type { BoardFigures } from "../../tools/fit/figures.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";

const SECRET = Buffer.from("3132333435363738393031323334353637383930", "hex");
const START = Date.parse("2026-11-28T09:00:00Z") / 1000;
const HOUR_MS = 3_600_000;
export const SPEED_ROUNDS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Why the figures of this file cannot be taken here (the tools or qemu are missing), or undefined. */
export function nodeMcuBenchMissing(): { lua: string | undefined; lfsRun: string | undefined } {
  const lua = nodeMcuLuaMissing();
  const lfsRun = lfsRunMissing();
  return { lua: lua && missingText(lua), lfsRun: lfsRun && missingText(lfsRun) };
}

// ---- (a) LFS image sizes ----

export interface LfsImageRow {
  chip: LfsChip;
  strip: boolean;
  fileBytes: number;
  /** Undefined when the image is larger than the tools' 256 KB region (they cannot lay it out). */
  flashBytes: number | undefined;
}

/** Each chip's own build/nodemcu/<chip>/parcelbox.lua (or `firmware` for both) as that chip's image. */
export function lfsImageSizes(firmware?: string): LfsImageRow[] {
  const rows: LfsImageRow[] = [];
  for (const chip of ["esp8266", "esp32"] as const) {
    const source = firmware ?? readFileSync(nodeMcuBuild(chip), "latin1");
    for (const strip of [false, true]) {
      const image = firmwareLfsImage(source, chip, strip);
      rows.push({ chip, strip, fileBytes: image.fileBytes, flashBytes: image.flashBytes });
    }
  }
  return rows;
}

// ---- shared: a box on NodeMCU's Lua and the session ----

function vmOf(box: SimBox): ProcessLuaVm {
  const vm = box.nodeMcu?.boot.vm;
  if (vm === undefined || (vm.kind !== "nodemcu" && vm.kind !== "nodemcu-lfs")) throw new Error("not a box on NodeMCU's own Lua");
  return vm as ProcessLuaVm;
}

function nowUnix(box: SimBox): number {
  return START + Math.floor(box.board.scheduler.nowMs / 1000);
}

function authenticated(box: SimBox, request: string): string[] {
  const answer = box.authenticated(SECRET, request);
  if (!answer[answer.length - 1].includes(" OK")) throw new Error(`${request}: ${answer.join(" | ")}`);
  return answer;
}

function checkErrors(box: SimBox, what: string): void {
  const errors = box.errors();
  if (errors.length > 0) throw new Error(`${what}: firmware errors: ${errors.join(" | ")}`);
}

/** Opens the lid, waits, shuts it, and waits for the box to settle. */
function lidCycle(box: SimBox): void {
  box.board.lid.open();
  box.advance(2000);
  box.board.lid.close();
  box.advance(6000);
}

// ---- (b) heap with the code in LFS ----

export interface HeapSession {
  profile: string;
  /** Heap after a full collection, KB, total and the firmware's share (minus the baseline). */
  afterBootKb: number;
  afterProvisionKb: number;
  peakLiveKb: number;
  peakBoundKb: number;
  /** The most live data at any allocation (heap mode "egc"): the heap the session needs on a device. */
  peakEgcKb: number;
  /** peakBoundKb with the bridge's frames in. */
  peakBoundRawKb: number;
  /** The bridge and module stand-ins before the firmware started, KB. */
  baselineKb: number;
  /** Bridge crossings... not counted; callbacks (events) the session ran. */
  events: number;
}

/** One step of the session and the firmware's share of the heap: its live peak and what stays after it (KB). */
export interface HeapStep {
  step: string;
  peakLiveKb: number;
  afterKb: number;
}

/**
 * The session of issue 14, item 4, on a box whose VM samples the heap as `mode` says. With `steps`,
 * the probe's peak is read and reset after each step (the session's peak is then not kept).
 */
async function heapRun(profile: string, mode: "live" | "bound" | "egc", steps?: HeapStep[]): Promise<{ boot: HeapFigures; provisioned: HeapFigures; end: HeapFigures; events: number }> {
  const previous = process.env.PARCELBOX_LUA_HEAP;
  process.env.PARCELBOX_LUA_HEAP = mode;
  let box: SimBox;
  try {
    box = await SimBox.start({ runtime: "nodemcu", lua: "nodemcu-lfs", profile, unixTime: START });
  } finally {
    if (previous === undefined) delete process.env.PARCELBOX_LUA_HEAP;
    else process.env.PARCELBOX_LUA_HEAP = previous;
  }
  try {
    let events = 0;
    vmOf(box).onEvent = () => events++;
    const boot = vmOf(box).heapFigures();
    const step = (name: string): void => {
      if (steps === undefined) return;
      const f = vmOf(box).heapFigures();
      steps.push({ step: name, peakLiveKb: (mode === "egc" ? f.peakEgcKb : f.peakLiveKb) - f.baselineKb, afterKb: f.liveKb - f.baselineKb });
      vmOf(box).setHeapMode(mode);
    };
    if (steps !== undefined) vmOf(box).setHeapMode(mode);
    box.provision(SECRET, START);
    step("PROVISION");
    box.advance(2000);
    const provisioned = vmOf(box).heapFigures();
    const vars = new Variables(SECRET);
    // A wrong code.
    box.type("00000000#");
    box.advance(3000);
    step("a wrong code");
    // A delivery code, and the lid opened and shut.
    vars.makeCode({ kind: "delivery", from: "now", lengthMs: 8 * HOUR_MS, until: undefined, slot: 0, uses: undefined, zone: undefined, as: undefined }, nowUnix(box), 0);
    const pulses = box.board.coil.pulseCount;
    box.type(`${vars.expand("$code", nowUnix(box))}#`);
    box.advance(2000);
    if (box.board.coil.pulseCount === pulses) throw new Error("the delivery code did not open the box");
    step("a delivery code");
    lidCycle(box);
    step("a lid cycle");
    // The owner's code; the lid stays shut, so the box locks again by itself.
    vars.makeTotp({ at: "now", step: 0, as: undefined }, nowUnix(box));
    box.type(`${vars.expand("$totp", nowUnix(box))}#`);
    box.advance(30_000);
    if (box.board.coil.pulseCount !== pulses + 2) throw new Error("the owner code did not open the box");
    step("the owner's code");
    // USB: the log, the status, a revocation.
    authenticated(box, "LOG from=0 count=50");
    step("USB LOG");
    authenticated(box, "STATUS");
    step("USB STATUS");
    vars.makeCode({ kind: "delivery", from: "now", lengthMs: 8 * HOUR_MS, until: undefined, slot: 1, uses: undefined, zone: undefined, as: undefined }, nowUnix(box), 0);
    authenticated(box, `REVOKE ${vars.expand("$code.revoke", nowUnix(box))}`);
    box.advance(2000);
    step("USB REVOKE");
    checkErrors(box, `heap session (${mode})`);
    return { boot, provisioned, end: vmOf(box).heapFigures(), events };
  } finally {
    box.close();
  }
}

export async function lfsHeap(profile = "esp8266-nodemcu"): Promise<HeapSession> {
  const live = await heapRun(profile, "live");
  const bound = await heapRun(profile, "bound");
  const egc = await heapRun(profile, "egc");
  return {
    profile,
    afterBootKb: live.boot.liveKb,
    afterProvisionKb: live.provisioned.liveKb,
    peakLiveKb: live.end.peakLiveKb,
    peakBoundKb: bound.end.peakBoundKb,
    peakEgcKb: egc.end.peakEgcKb,
    peakBoundRawKb: bound.end.peakBoundRawKb,
    baselineKb: live.boot.baselineKb,
    events: live.events,
  };
}

// ---- (c) speed on NodeMCU's Lua ----

export interface SpeedRow {
  state: string;
  /** Median and most CPU µs of the callbacks after one key press (digits and '#'). */
  keyUs: number;
  keyMaxUs: number;
  /** The same without the bridge's stubs: the firmware's (and the stand-ins') own Lua. */
  keyFirmwareUs: number;
  /** Median host-function calls (bridge crossings) after one key press. */
  keyHostCalls: number;
  /** Median CPU µs from the '#' press to the callback that energises the coil. */
  hashToCoilUs: number;
  hashToCoilFirmwareUs: number;
  hashToCoilHostCalls: number;
  rounds: number;
}

/** CPU µs of some callbacks, without the stubs, and the host calls they made. */
interface Work {
  total: number;
  firmware: number;
  calls: number;
}

/** Records the CPU of every callback with the key press it follows. */
class CpuLog {
  readonly events: (LuaEvent & { coil: boolean })[] = [];
  constructor(private readonly box: SimBox) {
    let pulses = box.board.coil.pulseCount;
    vmOf(box).onEvent = (event) => {
      const now = box.board.coil.pulseCount;
      this.events.push({ ...event, coil: now !== pulses });
      pulses = now;
    };
  }

  /** Types `keys` as SimBox.type does; returns each key's CPU (µs, total and firmware) and '#' to coil. */
  type(keys: string): { keys: Work[]; toCoil: Work | undefined } {
    const marks: number[] = [];
    for (const key of keys) {
      marks.push(this.events.length);
      this.box.board.keypad.press(key);
      this.box.advance(120);
      this.box.board.keypad.release(key);
      this.box.advance(150);
    }
    this.box.advance(2000);
    marks.push(this.events.length);
    const sum = (from: number, to: number): Work => {
      let total = 0;
      let stub = 0;
      let calls = 0;
      for (const e of this.events.slice(from, to)) {
        total += e.cpuUs;
        stub += e.stubUs;
        calls += e.hostCalls;
      }
      return { total, firmware: total - stub, calls };
    };
    const perKey = keys.split("").map((_, i) => sum(marks[i], marks[i + 1]));
    const hashAt = marks[keys.length - 1];
    const coilAt = this.events.findIndex((e, i) => i >= hashAt && e.coil);
    return { keys: perKey, toCoil: coilAt < 0 ? undefined : sum(hashAt, coilAt + 1) };
  }
}

function boxHour(box: SimBox): number {
  return Math.floor((nowUnix(box) - BOX_EPOCH_UNIX) / 3600);
}

/** Valid codes of the current hour's candidate table with at least `minUses` uses, skipping `skip`. */
function codesOfHour(box: SimBox, count: number, minUses: number, skip: Set<number>): { index: number; code: string }[] {
  const keys = deriveKeys(nodeHasher, SECRET.toString("latin1"));
  const hour = boxHour(box);
  const out: { index: number; code: string }[] = [];
  for (let index = 0; index < 308 && out.length < count; index++) {
    const id = candidateId(hour, 0, index);
    if (skip.has(index) || codeUses(id) < minUses) continue;
    skip.add(index);
    out.push({ index, code: codeText(nodeHasher, keys.codeKey, id) });
  }
  return out;
}

function speedRow(state: string, runs: ReturnType<CpuLog["type"]>[]): SpeedRow {
  const keys = runs.flatMap((r) => r.keys);
  const coil = runs.map((r) => r.toCoil).filter((c): c is Work => c !== undefined);
  if (coil.length < runs.length) throw new Error(`${state}: a valid code did not energise the coil`);
  return {
    state,
    keyUs: median(keys.map((k) => k.total)),
    keyMaxUs: Math.max(...keys.map((k) => k.total)),
    keyFirmwareUs: median(keys.map((k) => k.firmware)),
    keyHostCalls: median(keys.map((k) => k.calls)),
    hashToCoilUs: median(coil.map((c) => c.total)),
    hashToCoilFirmwareUs: median(coil.map((c) => c.firmware)),
    hashToCoilHostCalls: median(coil.map((c) => c.calls)),
    rounds: runs.length,
  };
}

export async function lfsSpeed(profile = "esp32-nodemcu", rounds = SPEED_ROUNDS): Promise<SpeedRow[]> {
  const box = await SimBox.start({ runtime: "nodemcu", lua: "nodemcu", profile, unixTime: START });
  try {
    box.provision(SECRET, START);
    box.advance(60_000);
    const log = new CpuLog(box);
    const rows: SpeedRow[] = [];
    const taken = new Set<number>();

    // The first entry of each new box hour: the candidate table is computed while typing.
    const fresh: ReturnType<CpuLog["type"]>[] = [];
    for (let round = 0; round < rounds; round++) {
      box.advance(HOUR_MS - ((box.board.scheduler.nowMs + START * 1000) % HOUR_MS) + 60_000);
      taken.clear();
      const [{ code }] = codesOfHour(box, 1, 1, taken);
      fresh.push(log.type(`${code}#`));
      lidCycle(box);
    }
    rows.push(speedRow("first entry of a box hour", fresh));

    // Ten multi-use codes used once each, then entries 5 minutes after the last use (all within one hour).
    box.advance(HOUR_MS - ((box.board.scheduler.nowMs + START * 1000) % HOUR_MS) + 60_000);
    taken.clear();
    for (const { code } of codesOfHour(box, 10, 3, taken)) {
      box.type(`${code}#`);
      box.advance(2000);
      lidCycle(box);
    }
    const outstanding: ReturnType<CpuLog["type"]>[] = [];
    const after: ReturnType<CpuLog["type"]>[] = [];
    for (let round = 0; round < rounds; round++) {
      box.advance(5 * 60_000);
      const [first, second] = codesOfHour(box, 2, 1, taken);
      outstanding.push(log.type(`${first.code}#`));
      lidCycle(box);
      // Right after that code opened the box and the lid shut.
      after.push(log.type(`${second.code}#`));
      lidCycle(box);
    }
    rows.push(speedRow("ten codes outstanding, 5 min after a use", outstanding));
    rows.push(speedRow("ten codes outstanding, right after a use", after));
    checkErrors(box, "speed");
    return rows;
  } finally {
    box.close();
  }
}

// ---- the section of `make bench` ----

type Table = (headers: string[], rows: string[][]) => string;

const kb = (n: number): string => n.toFixed(1);
const bytes = (n: number | undefined): string => (n === undefined ? "over 256 KB" : n.toLocaleString("en"));

/** Prints this file's figures (make bench), or why they cannot be taken here. */
export async function printNodeMcuReal(table: Table): Promise<void> {
  const missing = nodeMcuBenchMissing();
  console.log("\nNodeMCU's own Lua (luac.cross from nodemcu-firmware; sim/nodemcu/real, issue 14)\n");
  if (missing.lua !== undefined) {
    console.log(`skipped: ${missing.lua}`);
    return;
  }
  const images = lfsImageSizes();
  console.log(
    "Each chip's luac.cross on its build/nodemcu/<chip>/parcelbox.lua (the images make build wrote are in the table above), with and\n" +
      "without debug information (-s); in flash is the image as the LFS region must hold it (-a). Targets: 128 KB, goal 64 KB\n",
  );
  console.log(
    table(
      ["chip", "debug info", "image file bytes", "in flash bytes", "in flash KB"],
      images.map((r) => [r.chip, r.strip ? "stripped" : "kept", bytes(r.fileBytes), bytes(r.flashBytes), r.flashBytes === undefined ? "-" : kb(r.flashBytes / 1024)]),
    ),
  );
  if (missing.lfsRun !== undefined) {
    console.log(`\nheap with the code in LFS: skipped: ${missing.lfsRun}`);
  } else {
    const sessions = [await lfsHeap("esp8266-nodemcu"), await lfsHeap("esp32-nodemcu")];
    console.log(
      "\nLua heap with the code in LFS (LFS-running tool, ESP8266 release Lua, under qemu-i386), KB of collectgarbage(\"count\").\n" +
        "Session: boot, PROVISION, a wrong code, a delivery code and a lid cycle, the owner code, USB LOG, STATUS, REVOKE.\n" +
        "peak live: a full collection at every bridge crossing; peak egc: NodeMCU's collector, the most live data at any\n" +
        "allocation inside callbacks too (a whole collection at every allocation check; what a device needs); peak bound:\n" +
        "collector stopped for each callback (live at its start + all it allocated, bridge frames left out).\n" +
        "firmware = total - baseline (bridge and module stand-ins, loaded before the firmware). Targets for the firmware:\n" +
        "20 KB after boot and PROVISION, 28 KB at any moment (peak egc)\n",
    );
    console.log(
      table(
        ["profile", "baseline", "after boot", "after PROVISION", "peak live", "peak egc", "peak bound", "firmware: boot", "PROVISION", "peak live", "peak egc", "peak bound", "callbacks"],
        sessions.map((s) => [
          s.profile,
          kb(s.baselineKb),
          kb(s.afterBootKb),
          kb(s.afterProvisionKb),
          kb(s.peakLiveKb),
          kb(s.peakEgcKb),
          kb(s.peakBoundKb),
          kb(s.afterBootKb - s.baselineKb),
          kb(s.afterProvisionKb - s.baselineKb),
          kb(s.peakLiveKb - s.baselineKb),
          kb(s.peakEgcKb - s.baselineKb),
          kb(s.peakBoundKb - s.baselineKb),
          String(s.events),
        ]),
      ),
    );
  }
  const speed = await lfsSpeed();
  console.log(
    `\nCPU of NodeMCU's Lua on this machine (x86-64 luac.cross, code from source; a device is far slower), µs, medians of ${SPEED_ROUNDS} entries.\n` +
      "key: the callbacks from one key press to the next; # to coil: from the '#' press to the callback that energises the\n" +
      "coil. firmware: without the bridge's host-function stubs (the stand-ins' own Lua, e.g. hex conversion, stays in);\n" +
      "host calls: NodeMCU module functions that reached the host (gpio, tmr, crypto, file...)\n",
  );
  console.log(
    table(
      ["state (esp32-nodemcu)", "key", "key (slowest)", "key firmware", "host calls", "# to coil", "# to coil firmware", "host calls"],
      speed.map((r) => [r.state, String(r.keyUs), String(r.keyMaxUs), String(r.keyFirmwareUs), String(r.keyHostCalls), String(r.hashToCoilUs), String(r.hashToCoilFirmwareUs), String(r.hashToCoilHostCalls)]),
    ),
  );
}

// ---- figures for the fit verdicts (tools/fit) ----

/** The heap figures of tools/fit (Lua heap bytes, the firmware's share) for both NodeMCU boards. */
export async function lfsHeapFitFigures(): Promise<Record<string, BoardFigures>> {
  const boards: Record<string, BoardFigures> = {};
  for (const profile of ["esp8266-nodemcu", "esp32-nodemcu"]) {
    const s = await lfsHeap(profile);
    const share = (n: number): number => Math.round((n - s.baselineKb) * 1024);
    const run = `luac.cross-lfsrun-i386 (NodeMCU's own Lua 5.3, 32-bit) under qemu-i386 with the code in an LFS image, ${profile}, build of ${new Date().toISOString().slice(0, 10)}; the firmware's share: minus ${s.baselineKb.toFixed(1)} KB of the simulator's bridge and module stand-ins`;
    boards[profile] = {
      memoryAfterBoot: { value: share(s.afterBootKb), source: "real", how: `${run}: ${(share(s.afterBootKb) / 1024).toFixed(1)} KB live after boot, ${(share(s.afterProvisionKb) / 1024).toFixed(1)} KB after PROVISION (test/bench/nodemcu-real-bench.ts)` },
      memoryPeak: {
        value: share(s.peakEgcKb),
        source: "real",
        how: `the same over a session (PROVISION, wrong, delivery and owner codes, a lid cycle, LOG, STATUS, REVOKE), under NodeMCU's collector (a full collection when the heap is short: a whole cycle at every allocation check, the live data read after each, inside callbacks too): ${(share(s.peakEgcKb) / 1024).toFixed(1)} KB live at the busiest allocation; ${(share(s.peakLiveKb) / 1024).toFixed(1)} KB live at the busiest bridge crossing, at most ${(share(s.peakBoundKb) / 1024).toFixed(1)} KB with the collector stopped for each callback (an upper bound)`,
      },
    };
  }
  return boards;
}

// `npx tsx test/bench/nodemcu-real-bench.ts` prints this file's section of make bench alone;
/** The session step by step (`--steps`): which step holds the peak, and what each leaves behind. */
export async function lfsHeapSteps(profile = "esp8266-nodemcu", mode: "live" | "egc" = "live"): Promise<HeapStep[]> {
  const steps: HeapStep[] = [];
  await heapRun(profile, mode, steps);
  return steps;
}

// `--fit-json` prints lfsHeapFitFigures() for tools/fit/measure.ts; `--steps [profile] [--egc]` the session step by step
// (the peak within each step at the crossings, or with --egc under NodeMCU's collector).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--fit-json")) {
    process.stdout.write(JSON.stringify(await lfsHeapFitFigures()) + "\n");
  } else if (process.argv.includes("--steps")) {
    const next = process.argv[process.argv.indexOf("--steps") + 1];
    const profile = next !== undefined && !next.startsWith("--") ? next : "esp8266-nodemcu";
    const mode = process.argv.includes("--egc") ? "egc" : "live";
    console.log(`The heap session on ${profile}, step by step (the firmware's share, KB: the ${mode} peak within the step, the heap after it)`);
    for (const s of await lfsHeapSteps(profile, mode)) console.log(`${s.step.padEnd(18)} ${s.peakLiveKb.toFixed(1).padStart(6)} ${s.afterKb.toFixed(1).padStart(6)}`);
  } else {
    const table: Table = (headers, rows) => {
      const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
      return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
    };
    await printNodeMcuReal(table);
  }
}
