/**
 * The keypad matrix, the same on every runtime: the one module the adapters hand the keypad's
 * pins to (matrixKeypad). Idle, all rows are driven low and a falling edge on any column (pulled
 * up) wakes the firmware. Then the rows are driven low one at a time and the columns read, every
 * SCAN_INTERVAL_MS while any key is down; with every key up the scanner stops and arms the
 * interrupt again, so nothing runs while nobody is at the keypad.
 */
import type { Keypad, Timers } from "./board";

/** Rows 1-2-3, 4-5-6, 7-8-9, *-0-#: the keypad's layout, here and in the simulator (sim/state/keypad.ts). */
export const KEYPAD_LAYOUT = ["123", "456", "789", "*0#"];
export const SCAN_INTERVAL_MS = 10;

/** The keypad's pins, as the adapter drives them. @noSelf */
export interface MatrixPins {
  /** Drives only `row` low and the other rows high (or -1: all rows low, the idle state). */
  selectRow(row: number): void;
  /** Whether column `col` reads low (a key on the selected row connects it). */
  columnLow(col: number): boolean;
  /** Arms the interrupt on every column's falling edge to call `wake` (undefined: disarms it). */
  armWake(wake: (() => void) | undefined): void;
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

  private readonly onEdge: () => void;

  constructor(
    private readonly pins: MatrixPins,
    private readonly timers: Timers,
    private readonly report: (pressed: string, atMs: number) => void,
  ) {
    this.onEdge = () => this.wake();
    pins.selectRow(-1);
    pins.armWake(this.onEdge);
  }

  /** A column interrupt fired: start scanning (ignored while already scanning). */
  wake(): void {
    if (this.timer >= 0) return;
    this.pins.armWake(undefined);
    this.tick();
  }

  private tick(): void {
    // Made before any branch: Espruino trips an assertion on an arrow using `this` in a branch it skips.
    const again = (): void => this.tick();
    const pressed = scanOnce(this.pins);
    this.report(pressed, this.timers.uptimeMs());
    if (pressed.length > 0) {
      this.timer = this.timers.after(SCAN_INTERVAL_MS, again);
      return;
    }
    this.timer = -1;
    this.pins.armWake(this.onEdge);
    // A key that went down between the last scan and arming gave no edge: look once more. With
    // the rows idle (all low) any low column is a key (or a fault that reads as keys held).
    if (this.anyColumnLow()) {
      this.pins.armWake(undefined);
      this.timer = this.timers.after(SCAN_INTERVAL_MS, again);
    }
  }

  private anyColumnLow(): boolean {
    for (let col = 0; col < KEYPAD_LAYOUT[0].length; col++) if (this.pins.columnLow(col)) return true;
    return false;
  }
}

/**
 * The board's Keypad port on the matrix behind `pins`: what an adapter puts in Board.keypad.
 * Scans go from the scanner straight to the box's handlers (./keypad.ts debounces them there).
 */
export function matrixKeypad(pins: MatrixPins, timers: Timers): Keypad {
  const handlers: ((pressed: string, atMs: number) => void)[] = [];
  new MatrixScanner(pins, timers, (pressed, atMs) => {
    for (let i = 0; i < handlers.length; i++) handlers[i](pressed, atMs);
  });
  return {
    onScan: (handler) => {
      handlers.push(handler);
    },
  };
}
