/**
 * One interface over the Lua VMs the Lua build is tested on:
 * - fengari: Lua 5.3 with 32-bit integers, NodeMCU's integer width (but 64-bit floats);
 * - wasmoon: the reference Lua 5.4 in WebAssembly, with 64-bit integers;
 * - nodemcu: NodeMCU's own Lua 5.3 (luac.cross, 32-bit integers and 32-bit floats) in a child
 *   process, bridged synchronously (./real/process-vm.ts); nodemcu-lfs: the same with the code in
 *   an LFS image (the LFS-running tool under qemu-i386), for heap figures. Both need the tools
 *   (./real/tools.ts).
 * Code right on fengari and wasmoon is right on NodeMCU as far as integer width goes
 * (PLATFORMS.md); only NodeMCU's own Lua shows where a float loses a whole second.
 *
 * Everything crossing between JavaScript and Lua is ASCII text (hex for bytes): both bridges
 * decode Lua strings as UTF-8, which would mangle binary data.
 *
 * A JavaScript exception thrown by a registered function becomes a Lua error on both VMs (wasmoon
 * does that itself; fengari would otherwise let it fly past every Lua pcall), so Lua code sees
 * the same thing on both.
 */
import fengari from "fengari";
import { LuaEngine, LuaFactory, type LuaWasm } from "wasmoon";
import { createNodeMcuLfsLua, createNodeMcuLua } from "./real/factory.ts";

export type LuaVmKind = "fengari" | "wasmoon" | "nodemcu" | "nodemcu-lfs";
export const LUA_VM_KINDS: readonly LuaVmKind[] = ["fengari", "wasmoon", "nodemcu", "nodemcu-lfs"];
export type LuaArg = string | number;

export interface LuaVm {
  readonly kind: LuaVmKind;
  /** Integer width of the VM: 32 (fengari, NodeMCU's) or 64 (wasmoon). */
  readonly integerBits: number;
  /** Runs a chunk and returns its first result as text ("nil" when there is none). Throws Lua errors. */
  run(code: string, chunkName?: string): string;
  /** Calls the global Lua function `name`; returns its first result as text. Throws Lua errors. */
  call(name: string, ...args: LuaArg[]): string;
  /** Makes a JavaScript function callable from Lua as a global; arguments arrive as text. */
  register(name: string, fn: (...args: string[]) => string | number | boolean | undefined): void;
  close(): void;
}

const { lua, lauxlib, lualib, to_luastring, to_jsstring } = fengari;
type FengariState = Parameters<typeof lua.lua_gettop>[0];
// sim/types/fengari.d.ts (shared) declares only what the conformance suite needed; these are
// further functions of fengari's C-like API, with their real signatures.
const luaMore = lua as typeof lua & {
  lua_getglobal(L: FengariState, name: Uint8Array): number;
  lua_pushnumber(L: FengariState, n: number): void;
  lua_error(L: FengariState): number;
};

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * NodeMCU's firmware has no `io` or `os` library (ESP8266: neither; ESP32's `io` is its file API,
 * which a module stand-in provides): the firmware must not find the host's.
 */
const NOT_ON_THE_DEVICE = "io, os = nil, nil";

function createFengari(): LuaVm {
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  lauxlib.luaL_loadbuffer(L, to_luastring(NOT_ON_THE_DEVICE), null, to_luastring("=runtime"));
  lua.lua_pcall(L, 0, 0, 0);
  /** Runs a prepared pcall frame (function and arguments pushed) and returns its result as text. */
  const finish = (top: number, status: number): string => {
    if (status !== lua.LUA_OK) {
      const message = lauxlib.luaL_tolstring(L, -1);
      const text = message ? to_jsstring(message) : "unknown Lua error";
      lua.lua_settop(L, top);
      throw new Error(text);
    }
    const result = to_jsstring(lauxlib.luaL_tolstring(L, -1));
    lua.lua_settop(L, top);
    return result;
  };
  return {
    kind: "fengari",
    integerBits: 32,
    run(code, chunkName = "chunk") {
      const top = lua.lua_gettop(L);
      let status = lauxlib.luaL_loadbuffer(L, to_luastring(code), null, to_luastring(`=${chunkName}`));
      if (status === lua.LUA_OK) status = lua.lua_pcall(L, 0, 1, 0);
      return finish(top, status);
    },
    call(name, ...args) {
      const top = lua.lua_gettop(L);
      luaMore.lua_getglobal(L, to_luastring(name));
      for (const arg of args) {
        if (typeof arg === "string") lua.lua_pushstring(L, to_luastring(arg));
        else if (Number.isInteger(arg)) lua.lua_pushinteger(L, arg);
        else luaMore.lua_pushnumber(L, arg);
      }
      return finish(top, lua.lua_pcall(L, args.length, 1, 0));
    },
    register(name, fn) {
      lua.lua_pushcfunction(L, (state: FengariState) => {
        const n = lua.lua_gettop(state);
        const args: string[] = [];
        for (let i = 1; i <= n; i++) args.push(to_jsstring(lauxlib.luaL_tolstring(state, i)));
        lua.lua_settop(state, n);
        let result: ReturnType<typeof fn>;
        try {
          result = fn(...args);
        } catch (error) {
          lua.lua_pushstring(state, to_luastring(errorText(error)));
          return luaMore.lua_error(state);
        }
        if (result === undefined) return 0;
        if (typeof result === "number") lua.lua_pushinteger(state, result);
        else if (typeof result === "boolean") lua.lua_pushboolean(state, result);
        else lua.lua_pushstring(state, to_luastring(result));
        return 1;
      });
      lua.lua_setglobal(L, to_luastring(name));
    },
    close() {
      lua.lua_close(L);
    },
  };
}

let wasmoonFactory: LuaFactory | undefined;
let wasmoonModule: LuaWasm | undefined;

function createWasmoon(module: LuaWasm): LuaVm {
  const engine = new LuaEngine(module, { injectObjects: false, enableProxy: false, traceAllocations: false });
  engine.doStringSync(NOT_ON_THE_DEVICE);
  return {
    kind: "wasmoon",
    integerBits: 64,
    run(code, chunkName = "chunk") {
      // Go through Lua's own load() and tostring() so results come back as text, as from fengari.
      engine.global.set("__chunk_source", code);
      const result: unknown = engine.doStringSync(
        `local f, err = load(__chunk_source, ${JSON.stringify(`=${chunkName}`)}); __chunk_source = nil
         if not f then error(err, 0) end
         return tostring((f()))`,
      );
      return String(result);
    },
    call(name, ...args) {
      const fn: unknown = engine.global.get(name);
      if (typeof fn !== "function") throw new Error(`attempt to call a nil value (global '${name}')`);
      const result: unknown = fn(...args);
      return result === undefined || result === null ? "nil" : String(result);
    },
    register(name, fn) {
      engine.global.set(name, (...args: unknown[]) => fn(...args.map((a) => String(a))));
    },
    close() {
      engine.global.close();
    },
  };
}

/** Loads wasmoon's WebAssembly once, so later VMs can be created synchronously. */
export async function prepareLuaVms(): Promise<void> {
  wasmoonFactory ??= new LuaFactory();
  wasmoonModule ??= await wasmoonFactory.getLuaModule();
}

export interface LuaVmOptions {
  /** The firmware's source: nodemcu-lfs puts it in the LFS image its process starts with. */
  firmware?: string;
}

/** A fresh VM at once (a power-up is synchronous); wasmoon needs prepareLuaVms() first. */
export function createLuaVmSync(kind: LuaVmKind, options: LuaVmOptions = {}): LuaVm {
  if (kind === "fengari") return createFengari();
  if (kind === "nodemcu") return createNodeMcuLua();
  if (kind === "nodemcu-lfs") return createNodeMcuLfsLua(options.firmware ?? "");
  if (!wasmoonModule) throw new Error("wasmoon is not loaded yet: await prepareLuaVms() first");
  return createWasmoon(wasmoonModule);
}

export async function createLuaVm(kind: LuaVmKind, options: LuaVmOptions = {}): Promise<LuaVm> {
  if (kind === "wasmoon") await prepareLuaVms();
  return createLuaVmSync(kind, options);
}
