/**
 * The NodeMCU system services on ESP32 (dev-esp32), which has no tmr.now, node.random or
 * rtctime: the time module for the clock and the counter, sodium.random for random bytes.
 *
 * Why uptime comes from time.get and not node.uptime: on the default ESP32 build (Lua 5.3,
 * 32-bit integers, single-precision floats) node.uptime returns the µs counter as a float, which
 * from about 4.7 hours of uptime can no longer tell single milliseconds apart (after a week, 65 ms;
 * after a month, a quarter of a second), and beyond 2^31 µs cannot become an integer at all.
 * time.get returns integer seconds and microseconds of the same system time.
 *
 * The box's clock is the system time plus an offset kept here, in integers; the system time itself
 * is never set. time.set reads its seconds as a lua_Number (components/modules/time.c), which on
 * the default build is a 32-bit float: box second 218554157 would become 218554160. Nobody else
 * sets the system time (no SNTP), so it runs on from boot without jumps; the guards below only
 * protect the uptime should it ever jump.
 */
import type { NodeMcuSystem } from "./system-port";

/** Longest gap between two reads still counted (23 days): seconds × 1000 must stay in 32 bits. */
const LONGEST_GAP_S = 2000000;

export function esp32System(): NodeMcuSystem {
  if (time === undefined || sodium === undefined) {
    throw "parcelbox on ESP32 needs NodeMCU's time and sodium modules in the firmware build";
  }
  let lastS = 0;
  let lastUs = 0;
  let uptimeMs = 0;
  let remainderUs = 0;
  /** Box seconds minus system seconds, set by setRtc. */
  let offsetS = 0;
  const uptime = (): number => {
    const now = time.get();
    let seconds = now[0] - lastS;
    // Nothing moves the system time; these guard a clock set by anyone else.
    if (seconds < 0) seconds = 0;
    if (seconds > LONGEST_GAP_S) seconds = LONGEST_GAP_S;
    const us = remainderUs + (now[1] - lastUs);
    lastS = now[0];
    lastUs = now[1];
    const ms = seconds * 1000 + idiv(us, 1000);
    remainderUs = us - idiv(us, 1000) * 1000;
    if (ms < 0) {
      remainderUs = 0;
      return uptimeMs;
    }
    uptimeMs = uptimeMs + ms;
    return uptimeMs;
  };
  const start = time.get();
  lastS = start[0];
  lastUs = start[1];
  return {
    uptimeMs: uptime,
    // Both modules were checked above: the box takes sodium's function itself, not a wrapper.
    randomBytes: sodium.random.buf,
    rtcSeconds: (): number => {
      const now = time.get();
      return now[0] + offsetS;
    },
    setRtc: (seconds: number): void => {
      const now = time.get();
      offsetS = seconds - now[0];
    },
  };
}
