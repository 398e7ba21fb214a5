/**
 * What fills the NodeMCU build's Lua heap, by kind, with the code in an LFS image (issue 14, item 4):
 *
 *   npx tsx test/bench/nodemcu-heap-census.ts [--profile esp8266-nodemcu] [--objects]
 *
 * Boots build/nodemcu/<chip>/parcelbox.lua from its LFS image on NodeMCU's own 32-bit Lua (the
 * LFS-running tool under qemu-i386, sim/nodemcu/real), takes the heap census of
 * ./nodemcu-heap-census.lua after boot and again after PROVISION, and prints:
 *
 * - the measured heap (collectgarbage("count") after a full collection), the baseline (the
 *   simulator's bridge and module stand-ins before the firmware started) and the firmware's share;
 * - the firmware's objects by kind: closures made when the modules load, closures made at run time,
 *   their upvalues, each module's exports table, class tables and prototypes, objects of classes,
 *   other tables, strings built at run time (RAM), userdata;
 * - closures and tables per module (which module's code made each closure; exports and classes);
 * - by owner: the first of the box's and the board's fields that reaches each object, and what each
 *   field alone keeps alive (the bytes freed without it);
 * - the largest run-time strings and tables.
 *
 * Sizes are this VM's own (measured by the census: a table 32 bytes, a closure 16 + 4 per upvalue,
 * an upvalue 16, a hash node 20, an array slot 8, a string 17 + length); table parts are estimated,
 * so the census's firmware total is compared with the measured share. docs/lua-heap.md keeps
 * the result and what it means for the core.
 */
import "../../tools/lib/intrinsics-global.ts";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SimBox } from "../../sim/box.ts";
import { nodeMcuBuild } from "../../sim/nodemcu/loader.ts";
import type { ProcessLuaVm } from "../../sim/nodemcu/real/process-vm.ts";
import { findNodeMcuTools, lfsRunMissing, missingText } from "../../sim/nodemcu/real/tools.ts";
import { MODULE_LINE } from "../../tools/build/lua-bundle-plugin.ts";

const SECRET = Buffer.from("3132333435363738393031323334353637383930", "hex");
const START = Date.parse("2026-11-28T09:00:00Z") / 1000;
const CENSUS = readFileSync(join(import.meta.dirname, "nodemcu-heap-census.lua"), "utf8");

export interface CensusObject {
  kind: string;
  bytes: number;
  label: string;
  detail: string;
}

export interface Census {
  objects: CensusObject[];
  sizes: string;
}

export function parseCensus(text: string): Census {
  const objects: CensusObject[] = [];
  let sizes = "";
  for (const line of text.split("\n")) {
    const [kind, bytes, label, detail = ""] = line.split("\t");
    if (kind === "sizes") sizes = detail;
    else if (kind !== "") objects.push({ kind, bytes: Number(bytes), label, detail });
  }
  return { objects, sizes };
}

// ---- where a closure's code is: module and nesting, from the bundle and luac.cross -l ----

interface Module {
  name: string;
  first: number;
  last: number;
  /** The names its ____exports table gets. */
  exports: Set<string>;
}

/** The bundle's modules and their line ranges (typescript-to-lua's `["name"] = function(...)` lines). */
export function bundleModules(source: string): Module[] {
  const lines = source.split("\n");
  const starts: { name: string; line: number }[] = [];
  lines.forEach((text, i) => {
    const m = new RegExp(MODULE_LINE.source).exec(text);
    if (m) starts.push({ name: m[1] ?? m[2] ?? "?", line: i + 1 });
  });
  return starts.map((s, i) => {
    const last = (starts[i + 1]?.line ?? lines.length) - 1;
    const exports = new Set<string>();
    for (const text of lines.slice(s.line, last)) {
      const m = /^(?:function )?____exports\.(\w+)\b/.exec(text);
      if (m) exports.add(m[1]);
    }
    return { name: s.name, first: s.line, last, exports };
  });
}

/** Every function prototype's line range, from NodeMCU's luac.cross listing. */
function protoRanges(file: string): [number, number][] {
  const tools = findNodeMcuTools();
  if (tools === undefined) return [];
  const listing = execFileSync(tools.luacCross, ["-l", "-p", file], { encoding: "utf8", maxBuffer: 64 << 20 });
  const ranges: [number, number][] = [];
  for (const m of listing.matchAll(/^function <[^:]*:(\d+),(\d+)>/gm)) ranges.push([Number(m[1]), Number(m[2])]);
  return ranges;
}

export class CodeMap {
  private readonly loaders: Set<string>;
  constructor(
    readonly modules: Module[],
    private readonly ranges: [number, number][],
  ) {
    this.loaders = new Set(modules.map((m) => `${m.first}-${m.last}`));
  }

  /** The module whose exports table has these keys (the census lists up to 12), if any. */
  exportsOf(keys: string[]): string | undefined {
    if (keys.length === 0) return undefined;
    return this.modules.find((m) => keys.every((k) => m.exports.has(k)) && (keys.length >= 12 || keys.length === m.exports.size))?.name;
  }

  module(line: number): string {
    return this.modules.find((m) => line >= m.first && line <= m.last)?.name ?? "(bundle)";
  }

  /** Whether the function at first-last is made when its module loads (its parent is the loader). */
  atLoad(first: number, last: number): boolean {
    let parent: [number, number] | undefined;
    for (const r of this.ranges) {
      if (r[0] === first && r[1] === last) continue;
      if (r[0] <= first && r[1] >= last && (parent === undefined || r[1] - r[0] < parent[1] - parent[0])) parent = r;
    }
    // A loader's range ends one line before the next module (its `end,` line is its last).
    return parent === undefined || this.modules.some((m) => m.first === parent[0]) || this.loaders.has(`${parent[0]}-${parent[1]}`);
  }
}

// ---- taking a census ----

function vmOf(box: SimBox): ProcessLuaVm {
  const vm = box.nodeMcu?.boot.vm;
  if (vm === undefined || vm.kind !== "nodemcu-lfs") throw new Error("not a box on NodeMCU's LFS-running Lua");
  return vm as ProcessLuaVm;
}

export interface Snapshot {
  when: string;
  liveKb: number;
  baselineKb: number;
  census: Census;
}

/** Boots a box from LFS and takes the census after boot and after PROVISION. */
export async function takeCensus(profile = "esp8266-nodemcu"): Promise<Snapshot[]> {
  const box = await SimBox.start({ runtime: "nodemcu", lua: "nodemcu-lfs", profile, unixTime: START });
  try {
    const snap = (when: string): Snapshot => {
      const vm = vmOf(box);
      const figures = vm.heapFigures();
      const census = parseCensus(vm.run(CENSUS, "census"));
      return { when, liveKb: figures.liveKb, baselineKb: figures.baselineKb, census };
    };
    const boot = snap("after boot");
    box.provision(SECRET, START);
    box.advance(2000);
    const provisioned = snap("after PROVISION");
    const errors = box.errors();
    if (errors.length > 0) throw new Error(`firmware errors: ${errors.join(" | ")}`);
    return [boot, provisioned];
  } finally {
    box.close();
  }
}

// ---- the report ----

type Row = string[];

function table(headers: string[], rows: Row[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

interface Tally {
  count: number;
  bytes: number;
}

function tally<K>(into: Map<K, Tally>, key: K, bytes: number): void {
  const t = into.get(key) ?? { count: 0, bytes: 0 };
  t.count++;
  t.bytes += bytes;
  into.set(key, t);
}

const isSimulator = (o: CensusObject): boolean => o.label === "simulator";

/** The kind row of an object of the firmware. */
export function kindOf(o: CensusObject, code: CodeMap, source: string): string {
  if (o.kind === "closure") {
    const [first, last] = closureLines(o);
    const module = code.module(first);
    if (module === "lualib_bundle") return "closures: typescript-to-lua's lualib (made at load)";
    return code.atLoad(first, last) ? "closures made when a module loads (functions, class methods)" : "closures made at run time (objects of closures, callbacks)";
  }
  if (o.kind === "upvalue") return "upvalues (shared variables of closures)";
  if (o.kind === "table") {
    if (code.exportsOf(tableKeys(o)) !== undefined) return "module exports tables";
    if (o.detail.startsWith("class ") || o.detail.startsWith("prototype ")) return "class tables and prototypes";
    if (o.detail.startsWith("object ")) return "objects of classes (instances)";
    return "other tables (arrays, maps, plain objects)";
  }
  if (o.kind === "string") return longText(o, source) === "constant" ? "strings in the LFS image" : "strings built at run time (RAM)";
  return o.kind;
}

function describeTable(o: CensusObject, code: CodeMap): string {
  const what = o.detail.split("|")[0];
  const exportsOf = code.exportsOf(tableKeys(o));
  const keys = tableKeys(o);
  const shown = keys.length === 0 ? "no string keys" : `keys ${keys.slice(0, 5).join(",")}${keys.length > 5 ? ",..." : ""}`;
  return [what, exportsOf ? `exports of ${exportsOf}` : "", shown].filter((s) => s !== "").join("; ");
}

function tableKeys(o: CensusObject): string[] {
  const at = o.detail.indexOf("|");
  return at < 0 || at === o.detail.length - 1 ? [] : o.detail.slice(at + 1).split(",");
}

function closureLines(o: CensusObject): [number, number] {
  const m = /:(\d+)-(\d+)/.exec(o.detail);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

/** "constant" when a string lives in the LFS image, else "ram". */
function longText(o: CensusObject, source: string): "constant" | "ram" {
  if (o.detail === "rom") return "constant";
  if (!o.detail.startsWith("long ")) return "ram";
  const text = Buffer.from(o.detail.slice(5), "hex").toString("latin1");
  return source.includes(`"${text}"`) ? "constant" : "ram";
}

export function report(snapshots: Snapshot[], code: CodeMap, source: string, showObjects: boolean): string {
  const out: string[] = [];
  const sizes = snapshots[0].census.sizes;
  out.push(`Object sizes measured on this VM (bytes): ${sizes}\n`);
  out.push(
    table(
      ["", ...snapshots.map((s) => s.when)],
      [
        ["heap, measured (KB)", ...snapshots.map((s) => kb(s.liveKb * 1024))],
        ["baseline: bridge and module stand-ins (KB)", ...snapshots.map((s) => kb(s.baselineKb * 1024))],
        ["firmware's share, measured (KB)", ...snapshots.map((s) => kb((s.liveKb - s.baselineKb) * 1024))],
        ["firmware's objects, census (KB)", ...snapshots.map((s) => kb(s.census.objects.filter((o) => !isSimulator(o)).reduce((n, o) => n + o.bytes, 0)))],
      ],
    ),
  );

  const byKind = snapshots.map((s) => {
    const m = new Map<string, Tally>();
    for (const o of s.census.objects) if (!isSimulator(o) && o.bytes > 0) tally(m, kindOf(o, code, source), o.bytes);
    return m;
  });
  const kinds = [...new Set(byKind.flatMap((m) => [...m.keys()]))].sort((a, b) => (byKind[0].get(b)?.bytes ?? 0) - (byKind[0].get(a)?.bytes ?? 0));
  out.push("\nThe firmware's objects by kind (count, KB):\n");
  out.push(table(["kind", ...snapshots.flatMap((s) => [`${s.when}: count`, "KB"])], kinds.map((k) => [k, ...byKind.flatMap((m) => [String(m.get(k)?.count ?? 0), kb(m.get(k)?.bytes ?? 0)])])));

  // Per module, after boot: closures made at load and at run time, exports tables, class tables.
  const boot = snapshots[0].census.objects.filter((o) => !isSimulator(o));
  const perModule = new Map<string, { load: Tally; run: Tally; exports: number; classes: number; upvalues: number }>();
  const entry = (name: string) => {
    let e = perModule.get(name);
    if (e === undefined) perModule.set(name, (e = { load: { count: 0, bytes: 0 }, run: { count: 0, bytes: 0 }, exports: 0, classes: 0, upvalues: 0 }));
    return e;
  };
  for (const o of boot) {
    if (o.kind === "closure") {
      const [first, last] = closureLines(o);
      const e = entry(code.module(first));
      const t = code.atLoad(first, last) ? e.load : e.run;
      t.count++;
      t.bytes += o.bytes;
    } else if (o.kind === "table") {
      const module = code.exportsOf(tableKeys(o));
      if (module !== undefined) entry(module).exports += o.bytes;
    }
  }
  // Class tables by the module that defines the class (its prototype's methods' lines).
  const classModule = new Map<string, string>();
  for (const o of boot) if (o.kind === "closure") classModule.set(o.detail, code.module(closureLines(o)[0]));
  for (const o of boot) {
    if (o.kind === "table" && (o.detail.startsWith("class ") || o.detail.startsWith("prototype "))) {
      const name = o.detail.split("|")[0].split(" ")[1];
      const module = code.modules.find((m) => source.split("\n").slice(m.first - 1, m.last).some((l) => l.startsWith(`____exports.${name} = __TS__Class()`) || l.startsWith(`____x_${name} = __TS__Class()`) || l.startsWith(`local ${name} = __TS__Class()`)))?.name ?? "(lualib)";
      entry(module).classes += o.bytes;
    }
  }
  const modules = [...perModule.entries()].map(([name, e]) => ({ name, ...e, total: e.load.bytes + e.run.bytes + e.exports + e.classes })).sort((a, b) => b.total - a.total);
  out.push("\nPer module after boot: closures by where their code is (made at load / at run time), the module's exports table, its class tables (bytes):\n");
  out.push(
    table(
      ["module", "closures at load", "bytes", "closures at run time", "bytes", "exports table", "class tables", "total"],
      modules.map((m) => [m.name, String(m.load.count), String(m.load.bytes), String(m.run.count), String(m.run.bytes), String(m.exports), String(m.classes), String(m.total)]),
    ),
  );

  // By owner: first reached through which field of the box or the board.
  const s = snapshots[snapshots.length - 1];
  const columns = ["closure", "upvalue", "table", "string"];
  const byLabel = new Map<string, Map<string, number>>();
  for (const o of s.census.objects) {
    if (isSimulator(o) || o.bytes === 0) continue;
    const row = byLabel.get(o.label) ?? new Map<string, number>();
    const column = columns.includes(o.kind) ? o.kind : "table";
    row.set(column, (row.get(column) ?? 0) + o.bytes);
    row.set("total", (row.get("total") ?? 0) + o.bytes);
    byLabel.set(o.label, row);
  }
  const labels = [...byLabel.entries()].sort((a, b) => (b[1].get("total") ?? 0) - (a[1].get("total") ?? 0));
  out.push(
    `\nBy owner, ${s.when}: each object under the first of the firmware's globals that reaches it (parcelboxBox walked first, then parcelboxBoard, parcelboxSleep, the test API parcelbox), with the field it was reached through; "box" alone is the Box object, its class and all its methods reach; "callbacks": firmware closures only the NodeMCU modules hold (bytes):\n`,
  );
  out.push(table(["reached first through", "closures", "upvalues", "tables", "strings", "total"], labels.map(([l, row]) => [l, ...[...columns, "total"].map((c) => String(row.get(c) ?? 0))])));

  // The largest run-time strings and tables after PROVISION.
  const last = snapshots[snapshots.length - 1].census.objects.filter((o) => !isSimulator(o));
  const strings = last.filter((o) => o.kind === "string" && longText(o, source) === "ram");
  const stringBytes = strings.reduce((n, o) => n + o.bytes, 0);
  out.push(`\nRun-time strings ${snapshots[snapshots.length - 1].when}: ${strings.length}, ${stringBytes} bytes; the largest:\n`);
  out.push(
    table(
      ["owner", "bytes", "text"],
      [...strings]
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 12)
        .map((o) => [o.label, String(o.bytes), o.detail.startsWith("long ") ? `(${o.bytes - 17} bytes)` : o.detail]),
    ),
  );
  // Other tables grouped by shape (the same string keys): arrays of objects show up here.
  const shapes = new Map<string, Tally>();
  for (const o of last) if (o.kind === "table" && kindOf(o, code, source).startsWith("other")) tally(shapes, tableKeys(o).join(",") || "(array or no string keys)", o.bytes);
  out.push(`\nOther tables ${snapshots[snapshots.length - 1].when} by shape (their string keys), the largest groups:\n`);
  out.push(
    table(
      ["keys", "tables", "bytes"],
      [...shapes.entries()]
        .sort((a, b) => b[1].bytes - a[1].bytes)
        .slice(0, 15)
        .map(([k, t]) => [k.length > 70 ? `${k.slice(0, 70)}...` : k, String(t.count), String(t.bytes)]),
    ),
  );
  const tables = last.filter((o) => o.kind === "table").sort((a, b) => b.bytes - a.bytes);
  out.push(`\nThe largest tables ${snapshots[snapshots.length - 1].when}:\n`);
  out.push(table(["owner", "bytes", "what"], tables.slice(0, 20).map((o) => [o.label, String(o.bytes), describeTable(o, code)])));
  if (showObjects) {
    out.push("\nEvery firmware object after boot (kind, bytes, owner, detail):\n");
    for (const o of boot) out.push(`${o.kind}\t${o.bytes}\t${o.label}\t${o.detail.length > 80 ? o.detail.slice(0, 80) + "..." : o.detail}`);
  }
  return out.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const missing = lfsRunMissing();
  if (missing !== undefined) {
    console.log(`skipped: ${missingText(missing)}`);
  } else {
    const at = process.argv.indexOf("--profile");
    const profile = at > 0 ? process.argv[at + 1] : "esp8266-nodemcu";
    const file = nodeMcuBuild(profile.startsWith("esp8266") ? "esp8266" : "esp32");
    const source = readFileSync(file, "latin1");
    const code = new CodeMap(bundleModules(source), protoRanges(file));
    console.log(`Heap census of ${file.slice(file.indexOf("build/"))} on ${profile}, code in LFS (NodeMCU's Lua, 32-bit, under qemu-i386)\n`);
    console.log(report(await takeCensus(profile), code, source, process.argv.includes("--objects")));
  }
}
