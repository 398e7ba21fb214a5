/**
 * The firmware's import graph and its rules, checked by `make build` (test/build/import-graph.test.ts
 * gives each rule the graph it must refuse). Type-only imports count: a circle of types is still a
 * circle to a reader, and the owner's side must stay loadable as a file of its own.
 *
 * - No import circle anywhere in firmware/.
 * - The box (firmware/core/box.ts) reaches nothing of the owner's side (firmware/core/owner/) or
 *   the USB protocol (firmware/core/usb/): the entry points wire the two together.
 * - The owner's side reaches the box only through its port (box-port.ts), never box.ts itself.
 * - The Espruino box file (firmware/espruino/main.ts) reaches no owner or USB code either: the
 *   owner's side is a Storage file of its own there (firmware/espruino/owner.ts).
 * - firmware/core/host/ (words and tables only the host reads) is imported by nothing in firmware/.
 * - The store (firmware/core/store/store.ts) is opened by box-memory.ts alone: BoxMemory is the
 *   only way to it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** file (relative to the root, with .ts) -> the firmware files it imports. */
export type ImportGraph = Map<string, string[]>;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

/** The graph of every .ts file under `dir` (relative imports only; ambient ones are not files). */
export function importGraph(root: string, dir = "firmware"): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of tsFiles(join(root, dir))) {
    const imports = ts.preProcessFile(readFileSync(file, "utf8"), true, false).importedFiles.map((f) => f.fileName);
    const targets = imports
      .filter((name) => name.startsWith("."))
      .map((name) => relative(root, resolve(dirname(file), name.endsWith(".ts") ? name : `${name}.ts`)));
    graph.set(relative(root, file), targets);
  }
  return graph;
}

/** Every file `from` reaches through imports, itself excluded. */
export function reachable(graph: ImportGraph, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.get(from) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
}

/** Each import circle once, as the files along it ("a -> b -> a"). */
export function circles(graph: ImportGraph): string[] {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const found: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") found.push([...path.slice(path.indexOf(next)), next].join(" -> "));
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

const BOX = "firmware/core/box.ts";
const OWNER = "firmware/core/owner/";
const USB = "firmware/core/usb/";
const HOST = "firmware/core/host/";
const STORE = "firmware/core/store/store.ts";
const MEMORY = "firmware/core/box-memory.ts";
const ESPRUINO_BOX = "firmware/espruino/main.ts";

/** Every rule the graph breaks, in words; [] when it keeps them all. */
export function importProblems(graph: ImportGraph): string[] {
  const problems = circles(graph).map((c) => `import circle: ${c}`);
  if (graph.has(BOX)) {
    for (const file of reachable(graph, BOX)) {
      if (file.startsWith(OWNER) || file.startsWith(USB)) problems.push(`${BOX} reaches ${file}: the box must not import the owner's side or the USB protocol`);
    }
  }
  if (graph.has(ESPRUINO_BOX)) {
    for (const file of reachable(graph, ESPRUINO_BOX)) {
      if (file.startsWith(OWNER) || file.startsWith(USB)) problems.push(`${ESPRUINO_BOX} reaches ${file}: the Espruino box file loads the owner's side from Storage (firmware/espruino/owner.ts), it must not carry it`);
    }
  }
  for (const file of graph.keys()) {
    if (file.startsWith(OWNER) && reachable(graph, file).has(BOX)) problems.push(`${file} reaches ${BOX}: the owner's side reaches the box only through box-port.ts`);
    if (file.startsWith(HOST)) continue;
    for (const target of graph.get(file) ?? []) {
      if (target.startsWith(HOST)) problems.push(`${file} imports ${target}: ${HOST} is for the host only`);
      if (target === STORE && file !== MEMORY && !file.startsWith("firmware/core/store/")) problems.push(`${file} imports ${STORE}: the store is reached through ${MEMORY} only`);
    }
  }
  return problems;
}
