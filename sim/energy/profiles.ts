/**
 * Power profiles: the currents behind the energy model, one profile per board as the firmware
 * really runs it. Every figure names its source; docs/energy.md lists the sources ([S1]...) and
 * says which figures are datasheet values and which are our assumptions.
 *
 * Currents in mA at the battery side of a linear regulator (a linear regulator passes its load
 * current through, so battery mA = board mA + the regulator's own quiescent current).
 */
import { boardProfile, LID_PULL_UP_OHMS } from "../../firmware/boards/profiles.ts";

export interface PowerProfile {
  /** Board profile name (firmware/boards/profiles.ts), or a what-if variant of one. */
  name: string;
  label: string;
  /** Whether the firmware as built lets the chip sleep when nothing is due (else `asleep` costs idleMa). */
  firmwareSleeps: boolean;
  /** Current while asleep (Espruino: STM32 stop mode). */
  sleepMa: number;
  /** Awake with the CPU waiting for a timer or an event (Espruino "sleep"; ESP32 modem-sleep, CPU idle). */
  idleMa: number;
  /** CPU running code. */
  activeMa: number;
  /** Estimated CPU time of one firmware callback (a key scan, a timer), ms. */
  cpuMsPerCallback: number;
  /** Estimated CPU time of one candidate code: the HMAC and the interpreted code around it, ms. */
  cpuMsPerHmac: number;
  /** The chip's internal pull-up resistor, ohms. */
  pullUpOhms: number;
  /** Regulator quiescent current and anything else always on, mA. */
  boardQuiescentMa: number;
  /** The battery divider's two resistors together (firmware/boards/profiles.ts `batteryDivider`), ohms: it draws all the time. */
  dividerOhms: number;
  /** Source tags of each figure, as listed in docs/energy.md. */
  sources: Record<string, string>;
}

/** The parts around the microcontroller, the same on every board. */
export interface Peripherals {
  supplyVolts: number;
  /** The pack's voltage, for what the battery divider draws. */
  packVolts: number;
  /** The DS3231 module powered (on the 3.3 V rail, or from its power pin while the box reads it), I2C idle. */
  ds3231Ma: number;
  /** One LED colour element lit (amber lights both). */
  ledMa: number;
  buzzerMa: number;
  /** The lock's coil, drawn straight from the battery through the MOSFET. */
  coilMa: number;
  /** A pull-up resistor fitted on the board (ESP32's input-only pins 34 and 35). */
  externalPullUpOhms: number;
  /** The lid's pull-up on the board (firmware/boards/profiles.ts LID_PULL_UP_OHMS). */
  lidPullUpOhms: number;
  sources: Record<string, string>;
}

export interface Battery {
  label: string;
  cells: number;
  /** Usable capacity of the series pack, mAh (series cells: one cell's capacity). */
  capacityMah: number;
  source: string;
}

/** The divider's resistance on a board profile. */
function dividerOhms(profile: string): number {
  const board = boardProfile(profile);
  if (board === undefined) throw new Error(`no board profile ${profile}`);
  return (board.batteryDivider[0] + board.batteryDivider[1]) * 1000;
}

/** Espruino Pico (STM32F401): the firmware calls setDeepSleep(1) and keeps no periodic timer. */
export const PICO_POWER: PowerProfile = {
  name: "espruino-pico",
  label: "Espruino Pico (Espruino 2v29)",
  firmwareSleeps: true,
  // Board-level figure from the Pico's page, regulator included ("< 0.05 mA" in sleep).
  sleepMa: 0.05,
  idleMa: 11,
  activeMa: 32,
  cpuMsPerCallback: 5,
  cpuMsPerHmac: 136,
  pullUpOhms: 40_000,
  boardQuiescentMa: 0,
  dividerOhms: dividerOhms("espruino-pico"),
  sources: { sleepMa: "S2", idleMa: "S1", activeMa: "S1", cpuMsPerCallback: "A1", cpuMsPerHmac: "A2", pullUpOhms: "S4", dividerOhms: "firmware/boards/profiles.ts" },
};

/**
 * ESP32 running NodeMCU with its light sleep switched off (parcelboxSleep.enable(false)): the chip
 * stays in ESP-IDF's idle task with the radio off (modem-sleep class current) whatever it does.
 */
export const ESP32_POWER: PowerProfile = {
  name: "esp32-nodemcu",
  label: "ESP32 (NodeMCU, light sleep switched off: never sleeps)",
  firmwareSleeps: false,
  sleepMa: 0.01,
  idleMa: 27,
  activeMa: 44,
  cpuMsPerCallback: 1,
  cpuMsPerHmac: 1,
  pullUpOhms: 45_000,
  boardQuiescentMa: 0.005,
  dividerOhms: dividerOhms("esp32-nodemcu"),
  sources: { sleepMa: "S5", idleMa: "S5", activeMa: "S5", cpuMsPerCallback: "A1", cpuMsPerHmac: "A3", pullUpOhms: "S6", boardQuiescentMa: "A4", dividerOhms: "firmware/boards/profiles.ts" },
};

/**
 * ESP32 running NodeMCU as built, light sleep on (firmware/nodemcu/light-sleep.ts): node.sleep
 * whenever the box is idle, woken by the keypad columns, lid, service button, home input, UART 0
 * and a timer. The meter (sim/energy/scenarios.ts) takes the time asleep from the chip itself:
 * that time is charged at light-sleep current.
 */
export const ESP32_LIGHT_SLEEP_POWER: PowerProfile = {
  ...ESP32_POWER,
  name: "esp32-nodemcu-light-sleep",
  label: "ESP32 (NodeMCU, as built: light sleep when idle)",
  firmwareSleeps: true,
  sleepMa: 0.8,
  sources: { ...ESP32_POWER.sources, sleepMa: "S5", firmwareSleeps: "S7" },
};

/** ESP8266 running NodeMCU, radio assumed off: like the ESP32 build, it never sleeps. */
export const ESP8266_POWER: PowerProfile = {
  name: "esp8266-nodemcu",
  label: "ESP8266 (NodeMCU, as built, radio off: never sleeps)",
  firmwareSleeps: false,
  sleepMa: 0.02,
  idleMa: 15,
  activeMa: 15,
  cpuMsPerCallback: 2,
  cpuMsPerHmac: 2,
  pullUpOhms: 50_000,
  boardQuiescentMa: 0.005,
  dividerOhms: dividerOhms("esp8266-nodemcu"),
  sources: { sleepMa: "S8", idleMa: "S8", activeMa: "S8", cpuMsPerCallback: "A1", cpuMsPerHmac: "A3", pullUpOhms: "A5", boardQuiescentMa: "A4", dividerOhms: "firmware/boards/profiles.ts" },
};

export const BOX_PERIPHERALS: Peripherals = {
  supplyVolts: 3.3,
  packVolts: 6,
  ds3231Ma: 0.11,
  ledMa: 5,
  buzzerMa: 25,
  coilMa: 1000,
  externalPullUpOhms: 10_000,
  lidPullUpOhms: LID_PULL_UP_OHMS,
  sources: { ds3231Ma: "S3", ledMa: "A6", buzzerMa: "A6", coilMa: "A7", externalPullUpOhms: "firmware/boards/profiles.ts", lidPullUpOhms: "firmware/boards/profiles.ts" },
};

export const FOUR_AA: Battery = {
  label: "4 x AA alkaline in series (6 V)",
  cells: 4,
  capacityMah: 2500,
  source: "S9",
};

/** The pessimistic pack: cold, old or cheap cells. */
export const FOUR_AA_LOW: Battery = { ...FOUR_AA, label: "4 x AA alkaline, pessimistic", capacityMah: 2000 };

export function powerProfiles(): PowerProfile[] {
  return [PICO_POWER, ESP32_POWER, ESP32_LIGHT_SLEEP_POWER, ESP8266_POWER];
}
