/**
 * The keypad matrix on Espruino. Idle: rows driven low (open-drain), columns are inputs with
 * pull-ups watched for a falling edge; no timer runs. A key press pulls its column low, the watch
 * fires, the watches are cleared and the matrix is scanned one row at a time; the scan repeats
 * every SCAN_INTERVAL_MS while any key is down. The first scan that finds none is reported too,
 * then the watches are armed again and the adapter goes quiet. Debouncing and two keys at once
 * are the core's business (firmware/core/board.ts).
 */
import type { Keypad } from "../core/board";

const SCAN_INTERVAL_MS = 10;
/** Keys in matrix order: row by row, column by column. */
const LAYOUT = "123456789*0#";

export function espruinoKeypad(rows: Pin[], columns: Pin[], uptimeMs: () => number): Keypad {
  const handlers: ((pressed: string, atMs: number) => void)[] = [];
  let watches: number[] = [];
  let timer: number | undefined = undefined;

  const driveRows = (selected: number): void => {
    // Open-drain: 0 pulls the row low, 1 lets it float, so two pressed keys never short two rows.
    for (let r = 0; r < rows.length; r++) digitalWrite(rows[r], selected < 0 || r === selected ? 0 : 1);
  };

  const scan = (): string => {
    let pressed = "";
    for (let r = 0; r < rows.length; r++) {
      driveRows(r);
      for (let c = 0; c < columns.length; c++) {
        if (digitalRead(columns[c]) === 0) pressed += LAYOUT.charAt(r * columns.length + c);
      }
    }
    driveRows(-1);
    return pressed;
  };

  const anyColumnLow = (): boolean => {
    for (let c = 0; c < columns.length; c++) if (digitalRead(columns[c]) === 0) return true;
    return false;
  };

  const disarm = (): void => {
    for (let i = 0; i < watches.length; i++) clearWatch(watches[i]);
    watches = [];
  };

  const tick = (): void => {
    timer = undefined;
    const pressed = scan();
    const atMs = uptimeMs();
    for (let i = 0; i < handlers.length; i++) handlers[i](pressed, atMs);
    if (pressed !== "") {
      timer = setTimeout(tick, SCAN_INTERVAL_MS);
      return;
    }
    arm();
    // A key that went down between the scan and the watches would give no edge: look once more.
    // (A column low while the rows are driven is a key, or a fault that reads as keys held.)
    if (anyColumnLow()) {
      disarm();
      timer = setTimeout(tick, SCAN_INTERVAL_MS);
    }
  };

  const onEdge = (): void => {
    if (timer !== undefined) return;
    disarm();
    tick();
  };

  const arm = (): void => {
    for (let c = 0; c < columns.length; c++) {
      watches.push(setWatch(onEdge, columns[c], { edge: "falling", repeat: true, debounce: 0 }));
    }
  };

  for (let r = 0; r < rows.length; r++) pinMode(rows[r], "opendrain");
  for (let c = 0; c < columns.length; c++) pinMode(columns[c], "input_pullup");
  driveRows(-1);
  arm();

  return {
    onScan: (handler) => {
      handlers.push(handler);
    },
  };
}
