/**
 * Board profiles: the one place that says which pin does what on each supported board, how much
 * flash the box's files may use, and which hashes the runtime has natively. The adapters, the
 * simulator and docs/boards.md (checked by test/sim/board-profiles.test.ts) all read this file.
 *
 * Portable-core rules apply (the firmware imports it): plain data, no JSON, integers only.
 *
 * Electrical conventions shared by every profile:
 * - keypad rows are open-drain outputs, columns are inputs with pull-ups (a pressed key pulls its
 *   column low while its row is driven low);
 * - the lid's reed switch, the service button and the home relay contact close to ground, read
 *   with a pull-up: closed reads low. The reed switch is closed while the lid is shut, so a cut
 *   wire reads as an open lid; its pull-up is a 1 MOhm resistor on the board (LID_PULL_UP_OHMS),
 *   so a shut lid draws 3.3 uA instead of the 80 uA of the chip's own (docs/energy.md);
 * - the battery pack is read on a divider (`batteryDivider`) at an ADC pin, and the DS3231 module
 *   (with its I2C pull-ups) is powered from a pin (`rtcPower`) only while the box talks to it: the
 *   chip keeps time on its coin cell between reads (docs/energy.md);
 * - the lock gate drives a logic-level N-MOSFET with a gate pull-down: high energises the coil;
 * - LEDs, buzzer (active type) and the delivery output are active high on the chip's own pins, and
 *   active low on a port expander (`activeLowOutputs`): a PCF8574 pin sinks 25 mA when low but
 *   sources only ~0.1 mA (a weak pull-up) when high, so each part hangs from +3V3 into the pin and
 *   a low pin switches it on. The expander's pins power up high: all off.
 */
// The profiles live in a file per runtime, so that each firmware build carries only its own boards
// (an LFS image pays flash for every profile in it); the helpers and types in ./board-profile.ts.
export * from "./board-profile";
import type { BoardProfile } from "./board-profile";
import { ESPRUINO_PICO, ESPRUINO_WIFI } from "./espruino-profiles";
import { ESP32_NODEMCU, ESP8266_NODEMCU } from "./nodemcu-profiles";
export { ESPRUINO_PICO, ESPRUINO_WIFI } from "./espruino-profiles";
export { ESP32_NODEMCU, ESP8266_NODEMCU } from "./nodemcu-profiles";

/**
 * Every profile, reference board first. A function, not an array constant: esbuild merges the
 * profile constants and such an array into one `var` statement, which the Espruino build check
 * refuses (it reads a name declared by the same statement as used before its declaration ran).
 */
export function boardProfiles(): BoardProfile[] {
  return [ESPRUINO_PICO, ESPRUINO_WIFI, ESP32_NODEMCU, ESP8266_NODEMCU];
}

export function boardProfile(name: string): BoardProfile | undefined {
  return boardProfiles().find((p) => p.name === name);
}

/** Every pin a profile uses, in PinMap order ("" for none left out). */
export function profilePins(profile: BoardProfile): string[] {
  const p = profile.pins;
  const all = p.keypadRows.concat(p.keypadColumns, [p.lockGate, p.lid, p.ledGreen, p.ledRed, p.buzzer, p.serviceButton, p.homeOpen, p.deliveryOut, p.i2cSda, p.i2cScl, p.rtcPower, p.battery]);
  const used: string[] = [];
  for (let i = 0; i < all.length; i++) if (all[i] !== "") used.push(all[i]);
  return used;
}

/** ESP8266 GPIO number behind each NodeMCU D index (for docs and wiring). */
export const ESP8266_GPIO_OF_D = [16, 5, 4, 0, 2, 14, 12, 13, 15, 3, 1, 9, 10];
