/**
 * What every board profile is (firmware/boards/profiles.ts has the profiles and says which pin
 * does what), and the helpers the adapters use to read one. Kept apart from the profiles so each
 * adapter's build carries only its own boards' data (./espruino-profiles.ts, ./nodemcu-profiles.ts).
 *
 * Portable-core rules apply (the firmware imports it): plain data, no JSON, integers only.
 */

/**
 * How long the lid's reed switch, the service button and the home relay contact must hold a
 * level before it counts, on every board and runtime (Espruino's setWatch debounce, NodeMCU's
 * settle timer): switch bounce dies out within a few milliseconds, a person's press lasts far
 * longer. The keypad is debounced by the core (firmware/core/keypad.ts).
 */
export const CONTACT_DEBOUNCE_MS = 50;

/** The lid's pull-up, on the board on every profile (the firmware reads the lid with no pull of its own). */
export const LID_PULL_UP_OHMS = 1000000;

/** Pin names as the runtime spells them: Espruino "B3"; NodeMCU "GPIO13" (ESP32) or "D5" (ESP8266). */
export interface PinMap {
  /** Rows 1-2-3, 4-5-6, 7-8-9, *-0-#. */
  keypadRows: string[];
  /** Columns 1-4-7-*, 2-5-8-0, 3-6-9-#. */
  keypadColumns: string[];
  lockGate: string;
  lid: string;
  ledGreen: string;
  ledRed: string;
  buzzer: string;
  serviceButton: string;
  /** The smart-home relay contact asking the box to open. */
  homeOpen: string;
  /** The smart-home "delivery arrived" output. */
  deliveryOut: string;
  i2cSda: string;
  i2cScl: string;
  /** Feeds the DS3231 module's VCC and its I2C pull-ups while the box reads or sets it; "" when it stays on +3V3. */
  rtcPower: string;
  /** The battery divider's tap, an ADC pin. */
  battery: string;
}

/** A PCF8574 I2C port expander on the DS3231's bus, for boards short of pins (ESP8266). */
export interface Expander {
  chip: string;
  address: number;
  /** Its pins are named prefix + bit ("EX0".."EX7"). */
  pinPrefix: string;
}

export interface BoardProfile {
  /** Profile name, as in Board.profile and docs/boards.md. */
  name: string;
  runtime: string;
  /** Espruino's process.env.BOARD for this board ("" on NodeMCU). */
  espruinoBoard: string;
  pins: PinMap;
  /** Pins that need a resistor on the board because the chip has no internal pull-up there (10 kOhm). */
  externalPullUps: string[];
  /** The battery divider: kOhm from the pack's + to the battery pin, and from the pin to ground. */
  batteryDivider: number[];
  /** The cells the owner's guide fits to this board: an index of CELLS, what the `cells` setting's 0 means. */
  cells: number;
  /**
   * Low and critical pack voltages, mV, for each of CELLS in turn (two numbers each): computed from
   * the power model (sim/energy/cells.ts; test/energy/thresholds.test.ts holds them to it). Low
   * leaves four weeks of the day in docs/energy.md before critical, where the coil may no longer pull.
   */
  batteryMv: number[];
  /**
   * Output pins (LEDs, buzzer, delivery output) wired active low: the part runs from +3V3 into the
   * pin, so low is on and high is off. Every output on a port expander is here (it cannot source
   * current); keypad rows never are (they are open-drain, low selects, on any board).
   */
  activeLowOutputs: string[];
  expander: Expander | undefined;
  /** Flash the box's own files may use (state, log), in bytes. */
  flashBudgetBytes: number;
  /** Hash algorithms the runtime computes natively ("sha1", "sha256"). */
  nativeHashes: string[];
}

/**
 * What the `cells` setting's values mean (docs/energy.md, sim/energy/cells.ts): 0 the cells the
 * board's guide fits, then 4 AA alkaline, 4 AA lithium (Li-FeS2), 5 D alkaline, and a mains
 * supply (no battery: no warnings). Only the host reads the names.
 */
export const CELLS_COUNT = 5;

/** [low, critical] pack mV for the `cells` setting's value on `profile`; [0, 0] on a supply. */
export function batteryLevels(profile: Pick<BoardProfile, "cells" | "batteryMv">, cells: number): number[] {
  const c = cells > 0 && cells < CELLS_COUNT ? cells : profile.cells;
  return [profile.batteryMv[c * 2 - 2], profile.batteryMv[c * 2 - 1]];
}

/** Whether output pin `name` is wired active low in `profile` (low switches its part on). */
export function isActiveLow(profile: BoardProfile, name: string): boolean {
  const pins = profile.activeLowOutputs;
  for (let i = 0; i < pins.length; i++) if (pins[i] === name) return true;
  return false;
}

/** The decimal number written from `at` to the end of `name`; -1 unless it is all digits. */
export function digitsFrom(name: string, at: number): number {
  if (at >= name.length) return -1;
  let n = 0;
  for (let i = at; i < name.length; i++) {
    const digit = name.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * NodeMCU's gpio index of a pin name ("GPIO13" is 13 on ESP32, "D5" is index 5 on ESP8266); -1
 * for any other name ("EX0" on a port expander, "D5x"). The firmware and the simulator both use it.
 */
export function nodeMcuPinIndex(name: string): number {
  if (name.substring(0, 4) === "GPIO") return digitsFrom(name, 4);
  if (name.substring(0, 1) === "D") return digitsFrom(name, 1);
  return -1;
}
