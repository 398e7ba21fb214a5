/**
 * NodeMCU's clock module on the board's microcontroller clock (sim/state/rtc.ts): `rtctime` on
 * ESP8266, `time` on ESP32 (time.get and time.set only: the box needs no calendar, time zone or
 * NTP). The clock counts from 0 after every reset and is lost at every boot, as on the chips
 * (PLATFORMS.md). Each chip's Lua module (modules/rtctime.lua, modules/time.lua) keeps its own
 * API and argument checks over the same host functions.
 *
 * time.set on ESP32 (components/modules/time.c) takes `uint32_t sec = luaL_checknumber(L, 1)`:
 * the number passes through a lua_Number, a 32-bit float on the default build, so seconds above
 * 2^24 are rounded (218554157 becomes 218554160) before settimeofday sees them.
 */
import { intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";

export function installChipClock(boot: NodeMcuBoot, module: "rtctime" | "time"): void {
  const rtc = boot.board.rtc;
  rtc.lose();
  boot.register("__host_clock_get_seconds", () => Math.floor(rtc.nowMs() / 1000));
  boot.register("__host_clock_get_micros", () => Math.floor((rtc.nowMs() % 1000) * 1000));
  boot.register("__host_clock_set", (seconds, micros) => {
    rtc.set(intArg(seconds, `${module}.set`) * 1000 + Math.floor(intArg(micros, `${module}.set`) / 1000));
    return undefined;
  });
  boot.register("__host_time_set", (seconds, micros) => {
    rtc.set(float32ToUint32(seconds) * 1000 + Math.floor(float32ToUint32(micros) / 1000));
    return undefined;
  });
  boot.vm.run(luaModuleSource(module), `${module}.lua`);
}

/** A Lua number passed through a 32-bit float lua_Number and a C cast to uint32_t. */
export function float32ToUint32(text: string): number {
  const value = Math.fround(Number(text));
  if (!Number.isFinite(value)) throw new Error(`time.set: ${text} is not a number`);
  return Math.trunc(value) >>> 0;
}
