/** The ESP32 NodeMCU board's profile: only the NodeMCU build for that chip imports this file. */
import type { BoardProfile } from "./board-profile";

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
