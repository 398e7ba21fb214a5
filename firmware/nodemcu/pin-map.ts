/**
 * Pin names of firmware/boards/profiles.ts to NodeMCU gpio numbers: "GPIO13" (ESP32) is 13,
 * "D5" (ESP8266 dev kit index) is 5. Names of pins the chip does not have (a port expander's
 * "EX0") give -1.
 */
import type { BoardProfile } from "../boards/profiles";
import type { NodeMcuPins } from "./board";

export function gpioNumber(name: string): number {
  let at = 0;
  if (name.substring(0, 4) === "GPIO") at = 4;
  else if (name.substring(0, 1) === "D") at = 1;
  else return -1;
  if (at >= name.length) return -1;
  let n = 0;
  for (let i = at; i < name.length; i++) {
    const digit = name.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

function numbers(names: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < names.length; i++) out.push(gpioNumber(names[i]));
  return out;
}

/** The adapter's pin numbers for a profile whose pins are all on the chip (ESP32). */
export function nodeMcuPins(profile: BoardProfile): NodeMcuPins {
  const p = profile.pins;
  return {
    rows: numbers(p.keypadRows),
    cols: numbers(p.keypadColumns),
    coil: gpioNumber(p.lockGate),
    lid: gpioNumber(p.lid),
    ledGreen: gpioNumber(p.ledGreen),
    ledRed: gpioNumber(p.ledRed),
    buzzer: gpioNumber(p.buzzer),
    service: gpioNumber(p.serviceButton),
    homeOpen: gpioNumber(p.homeOpen),
    deliverySignal: gpioNumber(p.deliveryOut),
  };
}
