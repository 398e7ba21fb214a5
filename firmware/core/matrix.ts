/**
 * Scanning the 4x3 keypad matrix, the same on every runtime. Idle, all rows are driven low and a
 * falling edge on any column (pulled up) wakes the firmware. Then the rows are driven low one at
 * a time and the columns read, every SCAN_INTERVAL_MS while any key is down; with every key up the
 * scanner stops and arms the interrupt again, so nothing runs while nobody is at the keypad.
 */
import type { Timers } from "./board";

export const KEYPAD_LAYOUT = ["123", "456", "789", "*0#"];
export const SCAN_INTERVAL_MS = 10;

/** The keypad's pins, as the adapter drives them. @noSelf */
export interface MatrixPins {
  /** Drives only `row` low and the other rows high (or -1: all rows low, the idle state). */
  selectRow(row: number): void;
  /** Whether column `col` reads low (a key on the selected row connects it). */
  columnLow(col: number): boolean;
  /** Arms or disarms the column interrupt that wakes the scanner. */
  armWake(on: boolean): void;
}

/** The keys down right now, in layout order. */
export function scanOnce(pins: MatrixPins): string {
  let pressed = "";
  for (let row = 0; row < KEYPAD_LAYOUT.length; row++) {
    pins.selectRow(row);
    const keys = KEYPAD_LAYOUT[row];
    for (let col = 0; col < keys.length; col++) {
      if (pins.columnLow(col)) pressed = pressed + keys.charAt(col);
    }
  }
  pins.selectRow(-1);
  return pressed;
}

export class MatrixScanner {
  private timer = -1;

  constructor(
    private readonly pins: MatrixPins,
    private readonly timers: Timers,
    private readonly report: (pressed: string, atMs: number) => void,
  ) {
    pins.selectRow(-1);
    pins.armWake(true);
  }

  /** A column interrupt fired: start scanning (ignored while already scanning). */
  wake(): void {
    if (this.timer >= 0) return;
    this.pins.armWake(false);
    this.tick();
  }

  private tick(): void {
    const pressed = scanOnce(this.pins);
    this.report(pressed, this.timers.uptimeMs());
    if (pressed.length > 0) {
      this.timer = this.timers.after(SCAN_INTERVAL_MS, () => this.tick());
      return;
    }
    this.timer = -1;
    this.pins.armWake(true);
    // A key that went down between the last scan and arming gave no edge: look once more. With
    // the rows idle (all low) any low column is a key (or a fault that reads as keys held).
    if (this.anyColumnLow()) {
      this.pins.armWake(false);
      this.timer = this.timers.after(SCAN_INTERVAL_MS, () => this.tick());
    }
  }

  private anyColumnLow(): boolean {
    for (let col = 0; col < KEYPAD_LAYOUT[0].length; col++) if (this.pins.columnLow(col)) return true;
    return false;
  }
}
