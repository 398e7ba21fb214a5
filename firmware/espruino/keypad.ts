/**
 * The keypad matrix's pins on Espruino, handed to the core's keypad (firmware/core/matrix.ts).
 * Rows are open-drain outputs (0 pulls a row low, 1 lets it float, so two pressed keys never
 * short two rows), columns inputs with pull-ups watched on both edges while idle (a key down, or a
 * stuck key let go: firmware/core/matrix.ts).
 */
import type { MatrixPins } from "../core/matrix";

export function espruinoKeypadPins(rows: Pin[], columns: Pin[]): MatrixPins {
  let watches: number[] = [];
  for (let r = 0; r < rows.length; r++) pinMode(rows[r], "opendrain");
  for (let c = 0; c < columns.length; c++) pinMode(columns[c], "input_pullup");
  return {
    selectRow: (selected) => {
      for (let r = 0; r < rows.length; r++) digitalWrite(rows[r], selected < 0 || r === selected ? 0 : 1);
    },
    columnLow: (col) => digitalRead(columns[col]) === 0,
    armWake: (wake) => {
      for (let i = 0; i < watches.length; i++) clearWatch(watches[i]);
      watches = [];
      if (wake === undefined) return;
      for (let c = 0; c < columns.length; c++) watches.push(setWatch(wake, columns[c], { edge: "both", repeat: true, debounce: 0 }));
    },
  };
}
