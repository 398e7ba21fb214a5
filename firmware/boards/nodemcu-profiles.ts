/**
 * The NodeMCU boards' profiles (what firmware/boards/profiles.ts says about them): only the
 * NodeMCU build imports this file.
 */
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
