/**
 * The keypad matrix, the same on every runtime: the one module the adapters hand the keypad's
 * pins to (matrixKeypad). Idle, all rows are driven low and an edge on any column (pulled up)
 * wakes the firmware. Then the rows are driven low one at a time and the columns read, every
 * SCAN_INTERVAL_MS while any key is down; with every key up the scanner stops and arms the
 * interrupt again, so nothing runs while nobody is at the keypad.
 *
 * A key held longer than STUCK_KEY_MS (a pebble, a jammed membrane) is stuck: from then on scans
 * leave it out until it is seen up, so the scanner stops and the box sleeps again, and the
 * handlers hear of it once. With the rows idle its column stays low, so another key in that column
 * cannot wake the box; keys in the other columns still do (their falling edge), and the stuck
 * key's release is its column's rising edge: columns are watched on both edges, so nothing polls.
 */
import type { Keypad, Timers } from "./board";

/** Rows 1-2-3, 4-5-6, 7-8-9, *-0-#: the keypad's layout, here and in the simulator (sim/state/keypad.ts). */
export const KEYPAD_LAYOUT = ["123", "456", "789", "*0#"];
/** The same keys in one string, row after row: key i is on row idiv(i, 3), column i % 3. */
const KEYS = "123456789*0#";
export const SCAN_INTERVAL_MS = 10;
/** A key held longer than this is stuck: a deliberate press lasts a fraction of a second. */
export const STUCK_KEY_MS = 5000;

/** The keypad's pins, as the adapter drives them. @noSelf */
export interface MatrixPins {
  /** Drives only `row` low and the other rows high (or -1: all rows low, the idle state). */
  selectRow(row: number): void;
  /** Whether column `col` reads low (a key on the selected row connects it). */
  columnLow(col: number): boolean;
  /** Arms the interrupt on both edges of every column to call `wake` (undefined: disarms it). */
  armWake(wake: (() => void) | undefined): void;
}

/**
 * The board's Keypad port on the matrix behind `pins`: what an adapter puts in Board.keypad.
 * Scans go from the scanner straight to the box's handlers (./keypad.ts debounces them there).
 */
export function matrixKeypad(pins: MatrixPins, timers: Timers): Keypad {
  const scans: ((pressed: string, atMs: number) => void)[] = [];
  let stuckHandler: ((keys: string) => void) | undefined;
  let timer = -1;
  /** Keys left out of every scan until seen up; the keys the last scan reported, and since when. */
  let stuck = "";
  let held = "";
  let heldSince = 0;

  const wake = (): void => {
    if (timer >= 0) return;
    pins.armWake(undefined);
    tick();
  };

  /** One scan: each row driven low in turn; a stuck key seen down stays stuck, one seen up is free. */
  const tick = (): void => {
    timer = -1;
    const now = timers.uptimeMs();
    let pressed = "";
    let still = "";
    for (let i = 0; i < 12; i++) {
      if (i % 3 === 0) pins.selectRow(idiv(i, 3));
      const key = KEYS.charAt(i);
      if (!pins.columnLow(i % 3)) continue;
      if (stuck.indexOf(key) < 0) pressed = pressed + key;
      else still = still + key;
    }
    pins.selectRow(-1);
    stuck = still;
    if (pressed !== held) {
      held = pressed;
      heldSince = now;
    } else if (pressed !== "" && now - heldSince >= STUCK_KEY_MS) {
      stuck = stuck + pressed;
      if (stuckHandler !== undefined) stuckHandler(pressed);
      pressed = "";
      held = "";
    }
    for (let i = 0; i < scans.length; i++) scans[i](pressed, now);
    if (pressed === "") {
      pins.armWake(wake);
      // An edge between the last scan and arming gave no interrupt. With the rows idle a column
      // reads low exactly when a stuck key holds it; any other level is news: scan once more.
      let news = false;
      for (let col = 0; col < 3; col++) {
        let holds = false;
        for (let i = 0; i < stuck.length; i++) if (KEYS.indexOf(stuck.charAt(i)) % 3 === col) holds = true;
        if (pins.columnLow(col) !== holds) news = true;
      }
      if (!news) return;
      pins.armWake(undefined);
    }
    timer = timers.after(SCAN_INTERVAL_MS, tick);
  };

  pins.selectRow(-1);
  pins.armWake(wake);
  return {
    onScan: (handler) => {
      scans.push(handler);
    },
    onStuck: (handler) => {
      stuckHandler = handler;
    },
  };
}
