/**
 * The system services both NodeMCU firmwares provide under different names: ./system-esp8266.ts
 * (tmr.now, node.random, rtctime) and ./system-esp32.ts (time, sodium), each chip's entry point
 * (main-esp8266.ts, main-esp32.ts) hands its own to the box. One object per boot, shared by the
 * timers and the clock: on ESP32 setting the clock moves the counter the uptime is read from.
 * @noSelf
 */
export interface NodeMcuSystem {
  /** Milliseconds since boot, integer. Exact while read at least every 35 minutes. */
  uptimeMs(): number;
  /** `count` bytes from the hardware random generator. */
  randomBytes(count: number): string;
  /** The chip's clock in whole seconds (box seconds once set; lost on reset). */
  rtcSeconds(): number;
  setRtc(seconds: number): void;
}
