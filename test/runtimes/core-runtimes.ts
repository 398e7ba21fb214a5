/**
 * The four runtimes the conformance suite and the bench drive, behind one interface:
 * - "typescript": the core's TypeScript sources in Node (native hasher: node:crypto);
 * - "espruino-vm": build/espruino/conformance.js (the API over the sources and names of the shipped
 *   Espruino files, tools/build/espruino-files.ts) in a node:vm context without what Espruino lacks;
 * - "fengari": build/nodemcu/conformance.lua on Lua 5.3 with 32-bit integers;
 * - "wasmoon": build/nodemcu/conformance.lua on Lua 5.4 with 64-bit integers;
 * - "nodemcu": build/nodemcu/conformance.lua on NodeMCU's own Lua (luac.cross: 32-bit integers and
 *   32-bit floats), only where the tools are found (nodeMcuLuaMissing());
 * - "espruino-real": build/espruino/conformance.js in the real Espruino 2v29 interpreter
 *   (./espruino-real-runtime.ts); not in RUNTIMES, since it needs the interpreter.
 * The built files' native hashers are the simulator's Espruino `crypto` and NodeMCU `crypto`. The
 * NodeMCU build's test API is a build file of its own (firmware/nodemcu/conformance.ts), compiled
 * by the same build from the same sources as the box's <chip>/parcelbox.lua, which do not carry it.
 */
import "../../tools/lib/intrinsics-global.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { coreApi, type CoreApi } from "../../firmware/core/api.ts";
import { createEspruinoContext } from "../../sim/espruino/context.ts";
import { espruinoAddressOf, espruinoCrypto, espruinoToString } from "../../sim/espruino/crypto.ts";
import { installNodeMcuCrypto } from "../../sim/nodemcu/crypto.ts";
import { createLuaVm, type LuaVmKind } from "../../sim/nodemcu/lua-vm.ts";
import { nodeMcuLuaMissing } from "../../sim/nodemcu/real/tools.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";
import { espruinoRealRuntime } from "./espruino-real-runtime.ts";

export const RUNTIMES = ["typescript", "espruino-vm", "fengari", "wasmoon"] as const;
export type RuntimeName = (typeof RUNTIMES)[number] | "nodemcu" | "espruino-real";

/** RUNTIMES and, where its tools are found, NodeMCU's own Lua. */
export function availableRuntimes(): RuntimeName[] {
  return nodeMcuLuaMissing() === undefined ? [...RUNTIMES, "nodemcu"] : [...RUNTIMES];
}

export type Arg = string | number;
/** A call of one CoreApi function by name, with its arguments. */
export type Call = [keyof CoreApi, ...Arg[]];

export interface CoreRuntime {
  readonly name: RuntimeName;
  /** Runs calls in order and returns each result as text. */
  batch(calls: Call[]): string[];
  call(...call: Call): string;
  close(): void;
}

const ROOT = join(import.meta.dirname, "../..");
export const ESPRUINO_BUILD = join(ROOT, "build/espruino/parcelbox.js");
/** The test-only hash API's build (never shipped): what the conformance suite and the bench drive. */
export const ESPRUINO_CONFORMANCE = join(ROOT, "build/espruino/conformance.js");
/** The ESP8266's box file (a NodeMCU build per chip; this one has the least room). */
export const NODEMCU_BUILD = join(ROOT, "build/nodemcu/esp8266/parcelbox.lua");
export const NODEMCU_CONFORMANCE_BUILD = join(ROOT, "build/nodemcu/conformance.lua");

function jsRuntime(name: RuntimeName, api: CoreApi, close = (): void => undefined): CoreRuntime {
  const batch = (calls: Call[]): string[] =>
    calls.map(([method, ...args]) => String((api[method] as (...a: Arg[]) => unknown)(...args)));
  return { name, batch, call: (...call) => batch([call])[0], close };
}

export function loadEspruinoBuild(): CoreApi {
  const vm = createEspruinoContext({
    E: { toString: espruinoToString, toFlatString: espruinoToString, getAddressOf: espruinoAddressOf, defrag: () => undefined },
    require: (module: string) => {
      if (module === "crypto") return espruinoCrypto;
      throw new Error(`Module ${module} not found`);
    },
  });
  vm.run(readFileSync(ESPRUINO_CONFORMANCE, "latin1"), "conformance.js");
  return vm.global.parcelbox as CoreApi;
}

function luaLiteral(arg: Arg): string {
  return typeof arg === "number" ? String(arg) : JSON.stringify(arg);
}

async function luaRuntime(kind: LuaVmKind & RuntimeName): Promise<CoreRuntime> {
  const vm = await createLuaVm(kind);
  installNodeMcuCrypto(vm);
  vm.run(readFileSync(NODEMCU_CONFORMANCE_BUILD, "latin1"), "conformance.lua");
  const batch = (calls: Call[]): string[] => {
    const results: string[] = [];
    // Chunks of 200 calls keep each Lua function well within its constant limits.
    for (let at = 0; at < calls.length; at += 200) {
      const lines = calls
        .slice(at, at + 200)
        .map(([method, ...args], i) => `r[${i + 1}] = tostring(parcelbox.${method}(${args.map(luaLiteral).join(", ")}))`);
      const out = vm.run(`local r = {}\n${lines.join("\n")}\nreturn table.concat(r, "\\n")`, "conformance");
      results.push(...out.split("\n"));
    }
    return results;
  };
  return { name: kind, batch, call: (...call) => batch([call])[0], close: () => vm.close() };
}

export async function openRuntime(name: RuntimeName): Promise<CoreRuntime> {
  switch (name) {
    case "typescript":
      return jsRuntime(name, coreApi("node", nodeHasher));
    case "espruino-vm":
      return jsRuntime(name, loadEspruinoBuild());
    case "fengari":
    case "wasmoon":
    case "nodemcu":
      return luaRuntime(name);
    case "espruino-real":
      return espruinoRealRuntime();
  }
}
