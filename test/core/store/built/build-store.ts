/**
 * Builds the store (with ./harness.ts) the way `make build` builds the firmware, and opens it on
 * the runtimes the firmware runs on: the Espruino-checked JavaScript bundle in an Espruino-shaped
 * node:vm context, and the typescript-to-lua bundle (checked like the NodeMCU build) in fengari
 * (32-bit integers) and wasmoon (64-bit). Each runs over a NorFlash the test swaps per life.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tstl from "typescript-to-lua";
import { createEspruinoContext } from "../../../../sim/espruino/context.ts";
import { createLuaVm, type LuaVmKind } from "../../../../sim/nodemcu/lua-vm.ts";
import { buildEspruino, ROOT } from "../../../../tools/build/build.ts";
import { checkLuaBundle } from "../../../../tools/build/check-lua.ts";
import { NorFlash, PowerCut } from "../../../fakes/nor-flash.ts";
import type { Step } from "../script.ts";
import type { HostFlash, StoreHarness } from "./harness.ts";

const hex = (bytes: string): string => Buffer.from(bytes, "latin1").toString("hex");

/** One step as a line of the harness's text format (parsed in ./harness.ts). */
export function encodeStep(step: Step): string {
  if ("event" in step) {
    const e = step.event;
    return `E ${e.at} ${e.type} ${e.a} ${e.b} ${e.c}`;
  }
  return `P ${hex(step.payload)}`;
}

export async function buildStoreJs(): Promise<string> {
  return buildEspruino("test/core/store/built/entry-js.ts", false);
}

export function buildStoreLua(): string {
  const dir = mkdtempSync(join(tmpdir(), "parcelbox-store-"));
  try {
    const config = join(dir, "tsconfig.json");
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: { target: "ES2020", lib: ["ES2020"], module: "ESNext", moduleResolution: "Bundler", strict: true, types: [], rootDir: ROOT, outDir: dir, useDefineForClassFields: false },
        files: [join(ROOT, "firmware/core/lib/int-lua.d.ts"), join(ROOT, "node_modules/@typescript-to-lua/language-extensions/index.d.ts"), join(ROOT, "test/core/store/built/entry-lua.ts")],
        tstl: { luaTarget: "5.3", luaBundle: "store.lua", luaBundleEntry: join(ROOT, "test/core/store/built/entry-lua.ts"), luaLibImport: "require-minimal", noImplicitSelf: true, noHeader: true },
      }),
    );
    const result = tstl.transpileProject(config, { outDir: dir });
    if (result.diagnostics.length > 0) throw new Error(`typescript-to-lua: ${result.diagnostics.map((d) => String(d.messageText)).join("; ")}`);
    const lua = readFileSync(join(dir, "store.lua"), "utf8");
    const problems = checkLuaBundle(lua);
    if (problems.length > 0) throw new Error(problems.map((p) => `${p.module}:${p.line}: ${p.message}`).join("\n"));
    return lua;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The harness on one runtime; `flash` is the fake flash its next calls use. */
export interface BuiltStore {
  flash: NorFlash;
  load(script: string, journalSize: number, logSegments: number, logSegmentEvents: number): void;
  /** These throw PowerCut when the power failed under them. */
  open(): void;
  run(from: number): void;
  done(): number;
  entries(): string;
  events(): string;
  close(): void;
}

function hostOf(target: { flash: NorFlash }): HostFlash {
  const guarded = (fn: () => string): string => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof PowerCut) return "cut";
      throw error;
    }
  };
  return {
    read: (name, offset, length) => guarded(() => {
      const data = target.flash.read(name, Number(offset) < 0 ? undefined : Number(offset), Number(length) < 0 ? undefined : Number(length));
      return data === undefined ? "none" : hex(data);
    }),
    create: (name, size) => guarded(() => (target.flash.create(name, Number(size)) ? "ok" : "no")),
    write: (name, offset, data) => guarded(() => (target.flash.write(name, Number(offset), Buffer.from(data, "hex").toString("latin1")) ? "ok" : "no")),
    remove: (name) => guarded(() => {
      target.flash.remove(name);
      return "ok";
    }),
    free: () => target.flash.free(),
  };
}

function rethrowCut(error: unknown): never {
  if (String((error as { message?: unknown })?.message ?? error).includes("power cut")) throw new PowerCut();
  throw error;
}

export function openJsStore(js: string): BuiltStore {
  const vm = createEspruinoContext({});
  vm.run(js, "store.js");
  const target = { flash: new NorFlash() };
  const harness = (vm.global.storeHarness as (host: HostFlash) => StoreHarness)(hostOf(target));
  const cutSafe = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      return rethrowCut(error);
    }
  };
  return {
    get flash() {
      return target.flash;
    },
    set flash(f: NorFlash) {
      target.flash = f;
    },
    load: (script, j, s, e) => void harness.load(script, j, s, e),
    open: () => cutSafe(() => harness.open()),
    run: (from) => void cutSafe(() => harness.run(from)),
    done: () => harness.done(),
    entries: () => harness.entries(),
    events: () => harness.events(),
    close: () => undefined,
  };
}

export async function openLuaStore(lua: string, kind: LuaVmKind): Promise<BuiltStore> {
  const vm = await createLuaVm(kind);
  const target = { flash: new NorFlash() };
  const host = hostOf(target);
  let script = "";
  vm.register("hostRead", (name, offset, length) => host.read(name, Number(offset), Number(length)));
  vm.register("hostCreate", (name, size) => host.create(name, Number(size)));
  vm.register("hostWrite", (name, offset, data) => host.write(name, Number(offset), data));
  vm.register("hostRemove", (name) => host.remove(name));
  vm.register("hostFree", () => host.free());
  vm.register("hostScript", () => script);
  vm.run(lua, "store.lua");
  const call = (code: string): string => {
    try {
      return vm.run(code, "harness");
    } catch (error) {
      return rethrowCut(error);
    }
  };
  return {
    get flash() {
      return target.flash;
    },
    set flash(f: NorFlash) {
      target.flash = f;
    },
    load: (text, j, s, e) => {
      script = text;
      call(`return storeHarness.load(hostScript(), ${j}, ${s}, ${e})`);
    },
    open: () => void call("return storeHarness.open()"),
    run: (from) => void call(`return storeHarness.run(${from})`),
    done: () => Number(call("return storeHarness.done()")),
    entries: () => call("return storeHarness.entries()"),
    events: () => call("return storeHarness.events()"),
    close: () => vm.close(),
  };
}
