// Minimal declarations for the parts of fengari (no published types) that sim/nodemcu/lua-vm.ts uses.
declare module "fengari" {
  type State = unknown;
  type LuaString = Uint8Array;
  const fengari: {
    lua: {
      LUA_OK: number;
      lua_gettop(L: State): number;
      lua_settop(L: State, index: number): void;
      lua_pcall(L: State, nargs: number, nresults: number, msgh: number): number;
      lua_pushcfunction(L: State, fn: (L: State) => number): void;
      lua_pushinteger(L: State, n: number): void;
      lua_pushboolean(L: State, b: boolean): void;
      lua_pushstring(L: State, s: LuaString): void;
      lua_setglobal(L: State, name: LuaString): void;
      lua_close(L: State): void;
    };
    lauxlib: {
      luaL_newstate(): State;
      luaL_loadbuffer(L: State, code: LuaString, size: number | null, name: LuaString): number;
      luaL_tolstring(L: State, index: number): LuaString;
    };
    lualib: { luaL_openlibs(L: State): void };
    to_luastring(s: string): LuaString;
    to_jsstring(s: LuaString): string;
  };
  export default fengari;
}
