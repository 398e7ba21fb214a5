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
 * Espruino Pico (STM32F401, the reference board). Watched pins (columns, lid, service, home)
 * have distinct pin numbers (1, 7, 6, 5, 3, 8) because STM32 external interrupts are shared
 * between pins of the same number. I2C1 on B8/B9 (SCL/SDA).
 */
export const ESPRUINO_PICO: BoardProfile = {
  name: "espruino-pico",
  runtime: "espruino",
  espruinoBoard: "PICO_R1_3",
  pins: {
    keypadRows: ["B15", "B14", "B13", "B10"],
    keypadColumns: ["B1", "A7", "A6"],
    lockGate: "B4",
    lid: "A5",
    ledGreen: "B5",
    ledRed: "B6",
    buzzer: "B7",
    serviceButton: "B3",
    homeOpen: "A8",
    deliveryOut: "A4",
    i2cSda: "B9",
    i2cScl: "B8",
    rtcPower: "A0",
    battery: "A1",
  },
  externalPullUps: [],
  batteryDivider: [3300, 1000],
  cells: 2,
  batteryMv: [5530, 5450, 5440, 5210, 5280, 5230, 0, 0],
  activeLowOutputs: [],
  expander: undefined,
  flashBudgetBytes: 24576,
  nativeHashes: ["sha1", "sha256"],
};

/** Espruino WiFi (STM32F411 + ESP8266 for WiFi, unused): same pin rows as the Pico. */
export const ESPRUINO_WIFI: BoardProfile = {
  name: "espruino-wifi",
  runtime: "espruino",
  espruinoBoard: "ESPRUINOWIFI",
  pins: {
    keypadRows: ["B15", "B14", "B13", "B10"],
    keypadColumns: ["B1", "A7", "A6"],
    lockGate: "B4",
    lid: "A5",
    ledGreen: "B5",
    ledRed: "B6",
    buzzer: "B7",
    serviceButton: "B3",
    homeOpen: "A8",
    deliveryOut: "A1",
    i2cSda: "B9",
    i2cScl: "B8",
    rtcPower: "A4",
    battery: "A0",
  },
  externalPullUps: [],
  batteryDivider: [3300, 1000],
  cells: 4,
  batteryMv: [5530, 5450, 5440, 5210, 5280, 5230, 0, 0],
  activeLowOutputs: [],
  expander: undefined,
  flashBudgetBytes: 32768,
  nativeHashes: ["sha1", "sha256"],
};

/**
 * ESP32 (WROOM module) running NodeMCU. Avoids the strapping pins (0, 2, 5, 12, 15), the flash
 * pins (6-11) and UART0 (1, 3: the USB link). 34 and 35 are input-only without pull-ups, so the
 * service button and the home contact there need 10 kOhm pull-ups on the board.
 */
export const ESP32_NODEMCU: BoardProfile = {
  name: "esp32-nodemcu",
  runtime: "nodemcu",
  espruinoBoard: "",
  pins: {
    keypadRows: ["GPIO13", "GPIO14", "GPIO16", "GPIO17"],
    keypadColumns: ["GPIO18", "GPIO19", "GPIO23"],
    lockGate: "GPIO25",
    lid: "GPIO26",
    ledGreen: "GPIO27",
    ledRed: "GPIO32",
    buzzer: "GPIO33",
    serviceButton: "GPIO34",
    homeOpen: "GPIO35",
    deliveryOut: "GPIO4",
    i2cSda: "GPIO21",
    i2cScl: "GPIO22",
    rtcPower: "GPIO5",
    battery: "GPIO36",
  },
  externalPullUps: ["GPIO34", "GPIO35"],
  batteryDivider: [3300, 1000],
  cells: 3,
  batteryMv: [6090, 5450, 5730, 5210, 5480, 5230, 0, 0],
  activeLowOutputs: [],
  expander: undefined,
  flashBudgetBytes: 65536,
  nativeHashes: ["sha1", "sha256"],
};

/**
 * ESP8266 running NodeMCU (NodeMCU dev kit, gpio indexes D0-D12). It has too few free pins for
 * the box, so the keypad rows and the four slow outputs sit on a PCF8574 on the DS3231's bus,
 * the outputs wired active low (from +3V3 into the pin: the chip can sink, not source); what must
 * wake the box or be hardware-timed stays on the chip. D3 (GPIO0) and D4 (GPIO2) must be high at
 * boot: the service button and the home contact are open at rest, so they are. D8 (GPIO15) must
 * be low at boot: the gate's pull-down keeps it so and the coil off.
 */
export const ESP8266_NODEMCU: BoardProfile = {
  name: "esp8266-nodemcu",
  runtime: "nodemcu",
  espruinoBoard: "",
  pins: {
    keypadRows: ["EX0", "EX1", "EX2", "EX3"],
    keypadColumns: ["D5", "D6", "D7"],
    lockGate: "D8",
    lid: "D12",
    ledGreen: "EX4",
    ledRed: "EX5",
    buzzer: "EX6",
    serviceButton: "D3",
    homeOpen: "D4",
    deliveryOut: "EX7",
    i2cSda: "D2",
    i2cScl: "D1",
    rtcPower: "",
    battery: "A0",
  },
  externalPullUps: [],
  batteryDivider: [1220, 100],
  cells: 4,
  batteryMv: [6320, 5450, 7120, 5210, 7440, 5230, 0, 0],
  // The PCF8574 sinks 25 mA but sources ~0.1 mA: LEDs, buzzer and delivery output hang from +3V3.
  activeLowOutputs: ["EX4", "EX5", "EX6", "EX7"],
  expander: { chip: "PCF8574", address: 32, pinPrefix: "EX" },
  flashBudgetBytes: 65536,
  nativeHashes: ["sha1", "sha256"],
};

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

/**
 * What the `cells` setting's values mean (docs/energy.md, sim/energy/cells.ts): 0 the cells the
 * board's guide fits, then 4 AA alkaline, 4 AA lithium (Li-FeS2), 5 D alkaline, and a mains
 * supply (no battery: no warnings). Only the host reads the names.
 */
export const CELLS_COUNT = 5;

/** [low, critical] pack mV for the `cells` setting's value on `profile`; [0, 0] on a supply. */
export function batteryLevels(profile: BoardProfile, cells: number): number[] {
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

/** ESP8266 GPIO number behind each NodeMCU D index (for docs and wiring). */
export const ESP8266_GPIO_OF_D = [16, 5, 4, 0, 2, 14, 12, 13, 15, 3, 1, 9, 10];
