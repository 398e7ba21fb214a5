/**
 * Espruino's analog inputs on the virtual board: E.getAnalogVRef() and analogRead(pin). The
 * battery divider's pin is the only analog source (sim/state/battery.ts). Shared by the node:vm
 * runtime (./api.ts) and the real interpreter's bridge (sim/espruino-real/session.ts).
 */
import { adcPinMv } from "../state/battery.ts";
import type { VirtualBoard } from "../state/board.ts";
import { Pin } from "./pins.ts";

/**
 * The STM32's supply as Espruino measures it against its internal reference, in volts: the
 * Pico's 3.3 V regulator holds it until the pack falls within its dropout (about 0.2 V) of 3.3 V.
 */
export function analogVRef(board: VirtualBoard): number {
  return Math.min(3.3, (board.battery.millivolts() - 200) / 1000);
}

/**
 * 0..1 of the supply in the ADC's 12 bits. Only the battery divider's pin has an analog source on
 * the virtual board; any other pin is a mistake of the firmware's.
 */
export function analogRead(board: VirtualBoard, pin: Pin | string): number {
  const name = new Pin(pin).name;
  if (name !== board.profile.pins.battery) throw new Error(`analogRead(${name}): only the battery divider (${board.profile.pins.battery}) is an analog source here`);
  const railMv = analogVRef(board) * 1000;
  return Math.min(4095, Math.round((adcPinMv(board.profile, board.battery.millivolts(), railMv) / railMv) * 4096)) / 4096;
}
