/**
 * Figures from the real Espruino 2v29 interpreter (sim/espruino-real) for `make bench` (issue 11):
 *
 * - memory, on espruino-pico (a Pico's 5100 JsVars) with the code in Storage as on a Pico:
 *   process.memory().usage after boot, after PROVISION, and the highest value sampled during a
 *   session that provisions, takes a wrong code, a delivery code, an owner code, a lid cycle and
 *   a USB LOG, STATUS and REVOKE. process.memory() collects garbage before it counts, so each
 *   figure is the memory in use (what decides running out), not garbage waiting for collection.
 *   Samples are taken at every call the firmware makes into the bridge (pins, I2C, Storage,
 *   random) and each time the interpreter goes idle, so work between two calls (a whole HMAC)
 *   is seen only by what it leaves behind. The bridge's own JsVars (measured with no firmware)
 *   are in every total, and printed beside them;
 * - the Storage the code takes (the build's files, tools/build/espruino-storage.ts, as Espruino
 *   stores them);
 * - speed, on espruino-debug with the code in RAM (medians of several rounds, timed inside the
 *   interpreter with Date.now(), the machine's clock): the firmware's HMAC against its two
 *   native SHA-1 calls, the work after a key press and from '#' to the coil, after a code was
 *   used, with ten codes outstanding and three of them revoked, next to the 50x Pico estimate.
 *
 * Until the firmware fits a Pico the memory figures end with "out of memory at <step>".
 * Run alone: `npx tsx test/bench/espruino-real-bench.ts`; `espruinoRealReport()` gives the text.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { espruinoStorageFiles, type StorageFile } from "../../tools/build/espruino-storage.ts";
import { SimBox } from "../../sim/box.ts";
import { EspruinoRealBoot } from "../../sim/espruino-real/boot.ts";
import { espruinoMissing, requireEspruino, type EspruinoBinary } from "../../sim/espruino-real/interpreter.ts";
import { codeInRam, writeStorage } from "../../sim/espruino-real/storage-image.ts";
import { Variables } from "../../sim/scenario/variables.ts";
import { OWNER_IDLE_MS } from "../../firmware/espruino/owner-on-demand.ts";
import { ESPRUINO_CONFORMANCE } from "../runtimes/core-runtimes.ts";
import { VirtualBoard } from "../../sim/state/board.ts";

const SECRET = Buffer.from("3132333435363738393031323334353637383930", "hex");
const START = Date.parse("2026-11-28T09:00:00Z") / 1000;
const ROUNDS = 5;
/** How much slower a Pico interprets than espruino-debug here (../shared/tools/espruino/README.md). */
export const PICO_FACTOR = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/**
 * The scenario runner's code maker: code `n` is slot n of the current 8 h window for n < 6 (a
 * window has six delivery slots), else slot n - 6 of the 24 h window; `$c<n>` names it.
 */
function deliveryCode(vars: Variables, n: number, nowUnix: number): string {
  const [hours, slot] = n < 6 ? [8, n] : [24, n - 6];
  vars.makeCode({ kind: "delivery", from: "now", lengthMs: hours * 3_600_000, until: undefined, slot, uses: undefined, zone: undefined, as: `c${n}` }, nowUnix, 0);
  return vars.expand(`$c${n}`, nowUnix);
}

function lidCycle(box: SimBox): void {
  box.board.lid.open();
  box.advance(1500);
  box.board.lid.close();
  box.advance(1500);
}

/** The first error that says the interpreter ran out of memory (or died), if any. */
function outOfMemory(box: SimBox): string | undefined {
  return box.errors().find((e) => /MEMORY|interpreter exited/.test(e));
}

// ---------------------------------------------------------------------------------------------
// Memory (espruino-pico, code in Storage)

export interface MemoryFigures {
  binary: EspruinoBinary;
  /** JsVars the interpreter has. */
  total: number | undefined;
  /** JsVars in use with the bridge and no firmware (part of every figure below). */
  bridge: number;
  afterBoot: number | undefined;
  afterProvision: number | undefined;
  /** The highest sample of the session: the step, and the bridge call it was taken at. */
  peak: { usage: number; where: string; step: string } | undefined;
  /** After the session, once the port was quiet long enough for the owner's side to be released. */
  afterRelease: number | undefined;
  /** "out of memory at <step>: <what the interpreter said>", when it ran out. */
  outOfMemory: string | undefined;
}

/** JsVars the bridge itself holds: the same boot with a firmware that does nothing. */
function bridgeBaseline(binary: EspruinoBinary): number {
  const dir = mkdtempSync(join(tmpdir(), "parcelbox-bench-"));
  const board = new VirtualBoard({ profile: "espruino-pico", powered: false });
  let real: EspruinoRealBoot | undefined;
  try {
    const file = join(dir, "empty.js");
    writeFileSync(file, "// no firmware\n");
    real = new EspruinoRealBoot(board, { binary, files: [{ name: ".bootcde", path: file }] });
    board.powerOn();
    return real.memory().usage;
  } finally {
    real?.detach();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function espruinoRealMemory(binary: EspruinoBinary = "espruino-pico"): Promise<MemoryFigures> {
  const figures: MemoryFigures = { binary, total: undefined, bridge: bridgeBaseline(binary), afterBoot: undefined, afterProvision: undefined, peak: undefined, afterRelease: undefined, outOfMemory: undefined };
  const box = await SimBox.start({ runtime: "espruino-real", espruinoBinary: binary, unixTime: START });
  const real = box.espruinoReal as EspruinoRealBoot;
  const vars = new Variables(SECRET);
  const now = (): number => START + box.board.scheduler.nowMs / 1000;
  const steps: [string, () => void][] = [
    ["PROVISION", () => void box.provision(SECRET, Math.floor(now()))],
    ["a wrong code", () => box.type("12345678#")],
    ["a delivery code", () => box.type(`${deliveryCode(vars, 0, now())}#`)],
    ["the lid cycle", () => lidCycle(box)],
    ["an owner code", () => {
      vars.makeTotp({ at: "now", step: 0, as: undefined }, now());
      box.type(`${vars.expand("$totp", now())}#`);
      lidCycle(box);
    }],
    ["USB LOG", () => void box.authenticated(SECRET, "LOG from=0 count=50")],
    ["USB STATUS", () => void box.authenticated(SECRET, "STATUS")],
    ["USB REVOKE", () => void box.authenticated(SECRET, `REVOKE ${vars.expand("$c0.revoke", now())}`)],
  ];
  let step = "boot";
  try {
    const failed = outOfMemory(box);
    if (failed) throw new Error(failed);
    const memory = real.memory();
    figures.total = memory.total;
    figures.afterBoot = memory.usage;
    for (const [name, run] of steps) {
      step = name;
      real.sampleMemory(true);
      run();
      const failedHere = outOfMemory(box);
      if (failedHere) throw new Error(failedHere);
      const peak = real.memoryPeak();
      if (!figures.peak || peak.usage > figures.peak.usage) figures.peak = { ...peak, step: name };
      if (name === "PROVISION") figures.afterProvision = real.memory().usage;
    }
    step = "the owner's side released";
    // Released at the first keypad scan after a quiet port; the one-key entry then times out.
    box.advance(OWNER_IDLE_MS + 1000);
    box.type("1");
    box.advance(120_000);
    figures.afterRelease = real.memory().usage;
  } catch (error) {
    figures.outOfMemory = `out of memory at ${step}: ${(error as Error).message}`;
  } finally {
    box.close();
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Storage

export interface StorageFigures {
  files: { name: string; bytes: number }[];
  /** What Espruino's Storage uses for them, headers and alignment included (getStats().fileBytes). */
  storageBytes: number;
}

export function espruinoRealStorage(binary: EspruinoBinary = "espruino-pico", files: StorageFile[] = espruinoStorageFiles()): StorageFigures {
  const path = requireEspruino(binary);
  const dir = mkdtempSync(join(tmpdir(), "parcelbox-bench-"));
  try {
    writeStorage(path, dir, files);
    const script = join(dir, "stats.js");
    writeFileSync(script, `var s = require("Storage"); print("\\x01" + JSON.stringify({ used: s.getStats().fileBytes, sizes: s.list().map(function (n) { return [n, s.read(n).length]; }) })); quit();`);
    const out = execFileSync(path, [script], { cwd: dir, encoding: "latin1", stdio: ["ignore", "pipe", "ignore"], timeout: 30_000 });
    const parsed = JSON.parse(out.slice(out.indexOf("\x01") + 1).split("\r")[0]) as { used: number; sizes: [string, number][] };
    return { files: parsed.sizes.map(([name, bytes]) => ({ name, bytes })), storageBytes: parsed.used };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Speed (espruino-debug, code in RAM)

export interface SpeedFigures {
  binary: EspruinoBinary;
  /** One firmware HMAC (20-byte key, 8-byte message) and its two native hash calls, ms, by hash. */
  hmac: { algorithm: "sha1" | "sha256"; hmacMs: number; hashPairMs: number }[];
  /** A keypad scan that sees nothing new: the bridge's pin traffic and the scan itself, ms. */
  scanMs: number;
  /** The scan that sees the first key after a code was used, less a plain scan: the key's work. */
  firstKeyMs: number;
  /**
   * The slowest key of the entry, less a plain scan: each key of the entry (first, second, ...)
   * has its own median over the rounds, and this is the largest of those medians. A median per
   * key rather than the median of each round's slowest key: a round's slowest key is a maximum
   * over about twenty timed ticks, which one load spike on a shared machine decides.
   */
  slowestKeyMs: number;
  /** From the start of the scan that sees '#' to the coil's pulse, less a plain scan. */
  hashToCoilMs: number;
  /** The slowest key of the first entry in a new hour (its codes not yet computed), less a scan: per key as above. */
  newHourKeyMs: number;
}

/**
 * The firmware's HMAC against its two native hash calls, timed through the test-only hash API
 * (build/espruino/conformance.js: the same sources and names as the shipped files, which leave the
 * API out), in RAM on an idle board.
 */
function hmacSpeed(binary: EspruinoBinary): SpeedFigures["hmac"] {
  const board = new VirtualBoard({ profile: "espruino-pico", powered: false });
  const real = new EspruinoRealBoot(board, { binary, files: codeInRam([{ name: ".bootcde", path: ESPRUINO_CONFORMANCE }]), bridge: "ram" });
  board.powerOn();
  try {
    const key = SECRET.toString("hex");
    const hmac: SpeedFigures["hmac"] = [];
    for (const [algorithm, native, digest] of [["sha1", "SHA1", 20], ["sha256", "SHA256", 32]] as const) {
      const hmacMs: number[] = [];
      const pairMs: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // 21 HMACs less 1, so the API's hex decoding and encoding around them (about 2 ms) is not
        // counted as HMAC; each the fastest of 30 runs, so a run the machine preempted does not count.
        hmacMs.push(Number(real.evaluate(`(function () { var b = [1e9, 1e9]; for (var r = 0; r < 60; r++) { var t = Date.now(); parcelbox.hmacRepeat(0, "${algorithm}", "${key}", "0000000000000001", r % 2 ? 1 : 21); b[r % 2] = Math.min(b[r % 2], Date.now() - t); } return (b[0] - b[1]) / 20; })()`)));
        // What an HMAC needs at least: the hash of a 64-byte pad and the message, then of a pad and the inner digest.
        pairMs.push(Number(real.evaluate(`(function () { var c = require("crypto"), k = E.toString(new Uint8Array(64)), d = E.toString(new Uint8Array(${digest})), b = 1e9; for (var r = 0; r < 10; r++) { var t = Date.now(); for (var i = 0; i < 20; i++) { c.${native}(k + "01234567"); c.${native}(k + d); } b = Math.min(b, Date.now() - t); } return b / 20; })()`)));
      }
      hmac.push({ algorithm, hmacMs: median(hmacMs), hashPairMs: median(pairMs) });
    }
    return hmac;
  } finally {
    board.powerOff("bench done");
    real.detach();
  }
}

export async function espruinoRealSpeed(binary: EspruinoBinary = "espruino-debug"): Promise<SpeedFigures> {
  const hmac = hmacSpeed(binary);
  const box = await SimBox.start({ runtime: "espruino-real", espruinoBinary: binary, unixTime: START, seed: 7, espruinoReal: { files: codeInRam(), bridge: "ram" } });
  const real = box.espruinoReal as EspruinoRealBoot;
  try {
    // A box as its owner uses it: provisioned, ten codes out, three revoked, one just used.
    const vars = new Variables(SECRET);
    const now = (): number => START + box.board.scheduler.nowMs / 1000;
    box.provision(SECRET, Math.floor(now()));
    const codes = Array.from({ length: 10 }, (_, slot) => deliveryCode(vars, slot, now()));
    for (const slot of [7, 8, 9]) box.authenticated(SECRET, `REVOKE ${vars.expand(`$c${slot}.revoke`, now())}`);
    const session = real.session;
    if (!session) throw new Error("the interpreter is not running");
    const scans: number[] = [];
    const firstKey: number[] = [];
    const keysByPlace: number[][] = [];
    const hashToCoil: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      box.type(`${codes[round]}#`);
      lidCycle(box);
      session.time(true);
      const keyMs: number[] = [];
      for (const digit of codes[round + 1]) {
        const from = session.timings?.length ?? 0;
        box.type(digit);
        const ticks = (session.timings ?? []).slice(from).filter((t) => t.type === "t");
        keyMs.push(Math.max(...ticks.map((t) => t.ms)));
        scans.push(...ticks.map((t) => t.ms));
      }
      const from = session.timings?.length ?? 0;
      box.type("#");
      const pulse = (session.timings ?? []).slice(from).find((t) => t.pulseAtMs.length > 0);
      session.time(false);
      firstKey.push(keyMs[0]);
      keyMs.forEach((ms, place) => (keysByPlace[place] ??= []).push(ms));
      if (pulse) hashToCoil.push(pulse.pulseAtMs[0]);
      lidCycle(box);
    }
    // The first entry of each new hour: its candidates are not computed yet.
    const newHourByPlace: number[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      box.advance(3_600_000 - (box.board.scheduler.nowMs % 3_600_000) + 60_000);
      session.time(true);
      const keyMs: number[] = [];
      for (const digit of "00000000") {
        const from = session.timings?.length ?? 0;
        box.type(digit);
        keyMs.push(Math.max(...(session.timings ?? []).slice(from).filter((t) => t.type === "t").map((t) => t.ms)));
      }
      session.time(false);
      // No '#': the entry times out, so no wrong code is charged (five would lock the keypad).
      keyMs.forEach((ms, place) => (newHourByPlace[place] ??= []).push(ms));
      box.advance(120_000);
    }
    if (box.errors().length > 0) throw new Error(`the firmware failed while timed: ${box.errors().join(" | ")}`);
    const scanMs = median(scans);
    return {
      binary,
      hmac,
      scanMs,
      firstKeyMs: median(firstKey) - scanMs,
      slowestKeyMs: Math.max(...keysByPlace.map(median)) - scanMs,
      hashToCoilMs: hashToCoil.length === ROUNDS ? median(hashToCoil) - scanMs : Number.NaN,
      newHourKeyMs: Math.max(...newHourByPlace.map(median)) - scanMs,
    };
  } finally {
    box.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? "-" : n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function espruinoRealReport(): Promise<string> {
  for (const binary of ["espruino-pico", "espruino-debug"] as const) {
    const missing = espruinoMissing(binary);
    if (missing) return `Real Espruino interpreter: skipped (${missing})`;
  }
  const out: string[] = [];
  // The Pico's pool, and espruino-debug's growing one: it shows what the session needs where a Pico runs out.
  for (const binary of ["espruino-pico", "espruino-debug"] as const) {
    const memory = await espruinoRealMemory(binary);
    out.push(`${binary === "espruino-pico" ? "" : "\n"}Memory on the real interpreter (${memory.binary}, ${fmt(memory.total)} JsVars, code in Storage; process.memory().usage, which collects garbage first)\n`);
    out.push(
      table(
        ["moment", "JsVars in use", "less the bridge", "target"],
        [
          ["the interpreter and the bridge, no firmware (in every figure below)", fmt(memory.bridge), "", ""],
          ...([
            ["after boot", memory.afterBoot, ""],
            ["after PROVISION", memory.afterProvision, "2,550"],
            [`highest in the session${memory.peak ? ` (${memory.peak.step}, at ${memory.peak.where})` : ""}`, memory.peak?.usage, "3,570"],
            ["after the session, the owner's side released (a key after OWNER_IDLE_MS of a quiet port)", memory.afterRelease, ""],
          ] as [string, number | undefined, string][]).map(([moment, usage, target]) => [moment, fmt(usage), fmt(usage === undefined ? undefined : usage - memory.bridge), target]),
        ],
      ),
    );
    if (memory.outOfMemory) out.push(`\n${memory.outOfMemory}`);
  }
  const storage = espruinoRealStorage("espruino-pico");
  out.push("\nStorage the code takes (tools/build/espruino-storage.ts, as Espruino stores it)\n");
  out.push(table(["file", "bytes"], [...storage.files.map((f) => [f.name, fmt(f.bytes)]), ["in Storage, headers included", fmt(storage.storageBytes)]]));
  out.push("(target: at most 24,576 bytes, so that code and box files fit the Pico's 48 KB)");
  const speed = await espruinoRealSpeed("espruino-debug");
  out.push(`\nSpeed on the real interpreter (${speed.binary}, code in RAM, medians of ${ROUNDS} rounds timed inside it; a Pico is ~${PICO_FACTOR}x slower, an estimate)\n`);
  out.push(
    table(
      ["work", "ms here", `ms on a Pico (x${PICO_FACTOR})`, "target"],
      [
        ...speed.hmac.flatMap((h) => [
          [`the firmware's HMAC-${h.algorithm.toUpperCase()}`, fmt(h.hmacMs, 3), fmt(h.hmacMs * PICO_FACTOR, 1), ""],
          [`its two native ${h.algorithm.toUpperCase()} calls`, fmt(h.hashPairMs, 3), "", ""],
          [`HMAC-${h.algorithm.toUpperCase()} / its two hash calls`, `${fmt(h.hmacMs / h.hashPairMs, 1)}x`, "", "<= 3x"],
        ]),
        ["a keypad scan that sees nothing new (bridge included)", fmt(speed.scanMs, 2), "", ""],
        ["first key after a code was used (less a scan)", fmt(speed.firstKeyMs, 2), fmt(speed.firstKeyMs * PICO_FACTOR, 0), "<= 2 ms here"],
        ["slowest key of the entry (less a scan)", fmt(speed.slowestKeyMs, 2), fmt(speed.slowestKeyMs * PICO_FACTOR, 0), "<= 2 ms here"],
        ["'#' to the coil (less a scan)", fmt(speed.hashToCoilMs, 2), fmt(speed.hashToCoilMs * PICO_FACTOR, 0), "<= 6 ms here"],
        ["slowest key of the first entry in a new hour (less a scan)", fmt(speed.newHourKeyMs, 2), fmt(speed.newHourKeyMs * PICO_FACTOR, 0), "<= 2 ms here"],
      ],
    ),
  );
  return out.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  espruinoRealReport().then(
    (text) => console.log(text),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
