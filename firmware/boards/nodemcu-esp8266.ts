/** The ESP8266 NodeMCU board's profile: only the NodeMCU build for that chip imports this file. */
import type { BoardProfile } from "./board-profile";

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
