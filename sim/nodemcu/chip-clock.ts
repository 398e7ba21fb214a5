/**
 * NodeMCU's clock module on the board's microcontroller clock (sim/state/rtc.ts): `rtctime` on
 * ESP8266, `time` on ESP32 (time.get and time.set only: the box needs no calendar, time zone or
 * NTP). The clock counts from 0 after every reset and is lost at every boot, as on the chips
 * (PLATFORMS.md). Each chip's Lua module (modules/rtctime.lua, modules/time.lua) keeps its own
 * API and argument checks over the same host functions.
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
  boot.vm.run(luaModuleSource(module), `${module}.lua`);
}
