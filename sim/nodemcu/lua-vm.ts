/**
 * One interface over the two Lua VMs the Lua build is tested on:
 * - fengari: Lua 5.3 with 32-bit integers, NodeMCU's integer width;
 * - wasmoon: the reference Lua 5.4 in WebAssembly, with 64-bit integers.
 * Code right on both is right on NodeMCU as far as integer width goes (PLATFORMS.md).
 *
 * Everything crossing between JavaScript and Lua is ASCII text (hex for bytes): both bridges
 * decode Lua strings as UTF-8, which would mangle binary data.
 */
import fengari from "fengari";
import { LuaFactory } from "wasmoon";

export type LuaVmKind = "fengari" | "wasmoon";

export interface LuaVm {
  readonly kind: LuaVmKind;
  /** Integer width of the VM: 32 (fengari) or 64 (wasmoon). */
  readonly integerBits: number;
  /** Runs a chunk and returns its first result as text ("nil" when there is none). Throws Lua errors. */
  run(code: string, chunkName?: string): string;
  /** Makes a JavaScript function callable from Lua as a global; arguments arrive as text. */
  register(name: string, fn: (...args: string[]) => string | number | boolean | undefined): void;
  close(): void;
}

const { lua, lauxlib, lualib, to_luastring, to_jsstring } = fengari;

function createFengari(): LuaVm {
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  return {
    kind: "fengari",
    integerBits: 32,
    run(code, chunkName = "chunk") {
      const top = lua.lua_gettop(L);
      let status = lauxlib.luaL_loadbuffer(L, to_luastring(code), null, to_luastring(`=${chunkName}`));
      if (status === lua.LUA_OK) status = lua.lua_pcall(L, 0, 1, 0);
      if (status !== lua.LUA_OK) {
        const message = lauxlib.luaL_tolstring(L, -1);
        const text = message ? to_jsstring(message) : "unknown Lua error";
        lua.lua_settop(L, top);
        throw new Error(text);
      }
      const result = to_jsstring(lauxlib.luaL_tolstring(L, -1));
      lua.lua_settop(L, top);
      return result;
    },
    register(name, fn) {
      lua.lua_pushcfunction(L, (state: unknown) => {
        const n = lua.lua_gettop(state);
        const args: string[] = [];
        for (let i = 1; i <= n; i++) args.push(to_jsstring(lauxlib.luaL_tolstring(state, i)));
        lua.lua_settop(state, n);
        const result = fn(...args);
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

async function createWasmoon(): Promise<LuaVm> {
  wasmoonFactory ??= new LuaFactory();
  const engine = await wasmoonFactory.createEngine({ injectObjects: false, enableProxy: false, traceAllocations: false });
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
    register(name, fn) {
      engine.global.set(name, (...args: unknown[]) => fn(...args.map((a) => String(a))));
    },
    close() {
      engine.global.close();
    },
  };
}

export async function createLuaVm(kind: LuaVmKind): Promise<LuaVm> {
  return kind === "fengari" ? createFengari() : createWasmoon();
}
