/**
 * The wiring diagram's view of a board profile: which pin each wire starts at and how the pin is
 * written. Every name comes from firmware/boards/profiles.ts; nothing here repeats a pin map.
 */
import { ESP8266_SILKSCREEN } from "../../firmware/boards/notes.ts";
import { digitsFrom, ESP8266_GPIO_OF_D, nodeMcuPinIndex, type BoardProfile, type PinMap } from "../../firmware/boards/profiles.ts";

/** Keys as the PinMap documents them: row i holds these keys, column j the j-th of each row. */
export const KEYPAD_KEYS = [
  ["1", "2", "3"],
  ["4", "5", "6"],
  ["7", "8", "9"],
  ["*", "0", "#"],
];

/** One wire from a chip pin: the PinMap field (with index for keypad lines), the pin and its words. */
export interface PinUse {
  /** "lockGate", "keypadRows[0]": a PinMap field, indexed for arrays. */
  field: string;
  pin: string;
  /** What the wire is for, written above it. */
  label: string;
}

type SinglePin = Exclude<keyof PinMap, "keypadRows" | "keypadColumns">;

const SINGLE_LABELS: Record<SinglePin, string> = {
  lockGate: "lock MOSFET gate",
  lid: "lid reed switch",
  ledGreen: "LED green",
  ledRed: "LED red",
  buzzer: "buzzer",
  serviceButton: "service button",
  homeOpen: "smart-home input",
  deliveryOut: "delivery output",
  i2cSda: "I2C SDA",
  i2cScl: "I2C SCL",
  rtcPower: "DS3231 power",
  battery: "battery divider",
};

export function single(profile: BoardProfile, field: SinglePin): PinUse {
  return { field, pin: profile.pins[field], label: SINGLE_LABELS[field] };
}

export function keypadRow(profile: BoardProfile, i: number): PinUse {
  return { field: `keypadRows[${i}]`, pin: profile.pins.keypadRows[i], label: `keypad row ${i + 1} (${KEYPAD_KEYS[i].join(" ")})` };
}

export function keypadColumn(profile: BoardProfile, j: number): PinUse {
  return { field: `keypadColumns[${j}]`, pin: profile.pins.keypadColumns[j], label: `keypad column ${j + 1} (${KEYPAD_KEYS.map((row) => row[j]).join(" ")})` };
}

/** True when the pin is on the profile's port expander rather than on the chip. */
export function onExpander(profile: BoardProfile, pin: string): boolean {
  return profile.expander !== undefined && pin.startsWith(profile.expander.pinPrefix);
}

/**
 * The pin as written on the diagram: ESP8266 D indexes also give the GPIO number the chip's
 * datasheet uses (and the board's print where it differs: D12 is printed SD3), expander pins
 * their PCF8574 port bit (EX3 is P3).
 */
export function pinText(profile: BoardProfile, pin: string): string {
  if (profile.expander && onExpander(profile, pin)) return `${pin} (P${digitsFrom(pin, profile.expander.pinPrefix.length)})`;
  if (profile.runtime === "nodemcu" && pin.startsWith("D") && nodeMcuPinIndex(pin) >= 0) {
    const printed = ESP8266_SILKSCREEN[pin];
    return `${pin} (GPIO${ESP8266_GPIO_OF_D[nodeMcuPinIndex(pin)]}${printed ? `, printed ${printed}` : ""})`;
  }
  return pin;
}

/** The short chip name for the board's box on the diagram ("ESP32" from "ESP32 (WROOM) running NodeMCU"). */
export function chipName(title: string): string {
  return title.split(" (")[0].split(" running")[0];
}
