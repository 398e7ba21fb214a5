/**
 * NodeMCU's rtctime module on the board's microcontroller clock (sim/state/rtc.ts). The clock
 * counts from 0 after every reset, as an ESP32's does: rtctime is lost on any reset
 * (PLATFORMS.md), so each boot starts it again.
 */
import { intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";

export function installRtctime(boot: NodeMcuBoot): void {
  const rtc = boot.board.rtc;
  rtc.lose();
  boot.register("__host_rtc_get_seconds", () => Math.floor(rtc.nowMs() / 1000));
  boot.register("__host_rtc_get_micros", () => Math.floor((rtc.nowMs() % 1000) * 1000));
  boot.register("__host_rtc_set", (seconds, micros) => {
    rtc.set(intArg(seconds, "rtctime.set") * 1000 + Math.floor(intArg(micros, "rtctime.set") / 1000));
    return undefined;
  });
  boot.vm.run(luaModuleSource("rtctime"), "rtctime.lua");
}
