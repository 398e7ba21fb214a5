/**
 * Pin names of firmware/boards/profiles.ts to what the NodeMCU adapter drives: "GPIO13" (ESP32)
 * is gpio 13, "D5" (ESP8266 dev kit index, which is what NodeMCU's gpio module takes there) is
 * gpio 5, and "EX3" is bit 3 of the profile's PCF8574 port expander. Whether an output is wired
 * active low is the profile's word too (activeLowOutputs); the core only says "on" and "off".
 */
import { digitsFrom, isActiveLow, nodeMcuPinIndex, type BoardProfile } from "../boards/board-profile";

/**
 * One of the box's pins, as one integer rather than a table (a table each was 112 bytes of Lua
 * heap for as long as the box runs): a gpio number on the chip (0-39), or EXPANDER_PIN + the bit
 * on the port expander; plus ACTIVE_LOW when the part is wired active low (profiles.ts), so that
 * "on" is written as 0 (pin-writer.ts). pinGpio, pinBit and pinActiveLow read it.
 */
export type NodeMcuPin = number;
export const EXPANDER_PIN = 64;
export const ACTIVE_LOW = 128;

/** The pin's gpio number on the chip; -1 for an expander pin. */
export function pinGpio(pin: NodeMcuPin): number {
  const at = pin >= ACTIVE_LOW ? pin - ACTIVE_LOW : pin;
  return at < EXPANDER_PIN ? at : -1;
}

/** The pin's bit on the port expander; -1 for a chip pin. */
export function pinBit(pin: NodeMcuPin): number {
  const at = pin >= ACTIVE_LOW ? pin - ACTIVE_LOW : pin;
  return at >= EXPANDER_PIN ? at - EXPANDER_PIN : -1;
}

export function pinActiveLow(pin: NodeMcuPin): boolean {
  return pin >= ACTIVE_LOW;
}

/**
 * The box's pins on NodeMCU. What must wake the box or be hardware-timed (columns, coil, lid,
 * service, home) is always on the chip; rows and the slow outputs may be on the expander.
 */
export interface NodeMcuPins {
  rows: NodeMcuPin[];
  cols: number[];
  coil: number;
  lid: number;
  ledGreen: NodeMcuPin;
  ledRed: NodeMcuPin;
  buzzer: NodeMcuPin;
  service: number;
  homeOpen: number;
  deliverySignal: NodeMcuPin;
  /** The PCF8574's I2C address, or -1 when the board has none. */
  expanderAddress: number;
}

/** NodeMCU's gpio number of a chip pin name; -1 for names that are not on the chip ("EX0"). */
export const gpioNumber = nodeMcuPinIndex;

function pinOf(profile: BoardProfile, name: string): NodeMcuPin {
  const activeLow = isActiveLow(profile, name) ? ACTIVE_LOW : 0;
  const expander = profile.expander;
  if (expander !== undefined) {
    const prefix = expander.pinPrefix;
    if (name.substring(0, prefix.length) === prefix) {
      const bit = digitsFrom(name, prefix.length);
      if (bit >= 0 && bit <= 7) return EXPANDER_PIN + bit + activeLow;
    }
  }
  return gpioNumber(name) + activeLow;
}

export function nodeMcuPins(profile: BoardProfile): NodeMcuPins {
  const p = profile.pins;
  const rows: NodeMcuPin[] = [];
  for (let i = 0; i < p.keypadRows.length; i++) rows.push(pinOf(profile, p.keypadRows[i]));
  const cols: number[] = [];
  for (let i = 0; i < p.keypadColumns.length; i++) cols.push(gpioNumber(p.keypadColumns[i]));
  return {
    rows: rows,
    cols: cols,
    coil: gpioNumber(p.lockGate),
    lid: gpioNumber(p.lid),
    ledGreen: pinOf(profile, p.ledGreen),
    ledRed: pinOf(profile, p.ledRed),
    buzzer: pinOf(profile, p.buzzer),
    service: gpioNumber(p.serviceButton),
    homeOpen: gpioNumber(p.homeOpen),
    deliverySignal: pinOf(profile, p.deliveryOut),
    expanderAddress: profile.expander === undefined ? -1 : profile.expander.address,
  };
}
