/**
 * What the two NodeMCU firmwares provide under different names: the system counter, the hardware
 * random generator and the chip's real-time clock. ESP8266 NodeMCU has tmr.now, node.random and
 * rtctime; ESP32 NodeMCU (dev-esp32) has none of the three, and offers the time module and
 * sodium.random instead. Picked the same way main.ts picks the board profile: ESP32 has
 * gpio.config, ESP8266 has not. One object per boot, shared by the timers and the clock: on
 * ESP32 setting the clock moves the counter the uptime is read from (system-esp32.ts).
 */
import { esp32System } from "./system-esp32";
import { esp8266System } from "./system-esp8266";
import type { NodeMcuSystem } from "./system-port";

export type { NodeMcuSystem } from "./system-port";

export function nodeMcuSystem(): NodeMcuSystem {
  return gpio.config !== undefined ? esp32System() : esp8266System();
}
