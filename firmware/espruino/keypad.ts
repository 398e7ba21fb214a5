/**
 * The keypad matrix on Espruino: the core's MatrixScanner (firmware/core/matrix.ts) on Espruino's
 * pins. Rows are open-drain outputs (0 pulls a row low, 1 lets it float, so two pressed keys never
 * short two rows), columns inputs with pull-ups watched for a falling edge while idle.
 */
import type { Keypad, Timers } from "../core/board";
import { MatrixScanner, type MatrixPins } from "../core/matrix";

export function espruinoKeypad(rows: Pin[], columns: Pin[], timers: Timers): Keypad {
  const handlers: ((pressed: string, atMs: number) => void)[] = [];
  let watches: number[] = [];
  for (let r = 0; r < rows.length; r++) pinMode(rows[r], "opendrain");
  for (let c = 0; c < columns.length; c++) pinMode(columns[c], "input_pullup");

  let scanner: MatrixScanner | undefined = undefined;
  const pins: MatrixPins = {
    selectRow: (selected) => {
      for (let r = 0; r < rows.length; r++) digitalWrite(rows[r], selected < 0 || r === selected ? 0 : 1);
    },
    columnLow: (col) => digitalRead(columns[col]) === 0,
    armWake: (on) => {
      for (let i = 0; i < watches.length; i++) clearWatch(watches[i]);
      watches = [];
      if (!on) return;
      for (let c = 0; c < columns.length; c++) {
        watches.push(setWatch(() => scanner?.wake(), columns[c], { edge: "falling", repeat: true, debounce: 0 }));
      }
    },
  };
  scanner = new MatrixScanner(pins, timers, (pressed, atMs) => {
    for (let i = 0; i < handlers.length; i++) handlers[i](pressed, atMs);
  });

  return {
    onScan: (handler) => {
      handlers.push(handler);
    },
  };
}
