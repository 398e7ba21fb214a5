/**
 * The Espruino boards' profiles (what firmware/boards/profiles.ts says about them): only the
 * Espruino build imports this file.
 */
import type { BoardProfile } from "./board-profile";
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
