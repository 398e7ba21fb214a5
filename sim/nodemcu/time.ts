/**
 * NodeMCU's time module (ESP32 only; ESP8266 has rtctime) on the board's microcontroller clock
 * (sim/state/rtc.ts), lost at every boot as rtctime is. time.get and time.set only: the box needs
 * no calendar, time zone or NTP.
 */
import { intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";

export function installTime(boot: NodeMcuBoot): void {
  const rtc = boot.board.rtc;
  rtc.lose();
  boot.register("__host_time_get_seconds", () => Math.floor(rtc.nowMs() / 1000));
  boot.register("__host_time_get_micros", () => Math.floor((rtc.nowMs() % 1000) * 1000));
  boot.register("__host_time_set", (seconds, micros) => {
    rtc.set(intArg(seconds, "time.set") * 1000 + Math.floor(intArg(micros, "time.set") / 1000));
    return undefined;
  });
  boot.vm.run(luaModuleSource("time"), "time.lua");
}
