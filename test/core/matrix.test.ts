/**
 * The keypad matrix scanner (firmware/core/matrix.ts) on a matrix of wires: a key joins its row
 * and column, rows are driven low (one at a time while scanning, all while idle), columns pulled
 * up, and the watch on the columns fires on both edges. A stuck key (held past STUCK_KEY_MS) is
 * reported once, left out of every scan until released, and scanning stops: the box sleeps again.
 */
import { describe, expect, it } from "vitest";
import type { Timers } from "../../firmware/core/board.ts";
import { KEYPAD_LAYOUT, matrixKeypad, SCAN_INTERVAL_MS, STUCK_KEY_MS, type MatrixPins } from "../../firmware/core/matrix.ts";
import { FakeTimers } from "../fakes/fake-board.ts";

/** The wires, and what the scanner saw through them. */
class Wires {
  readonly down = new Set<string>();
  readonly scans: string[] = [];
  readonly stuck: string[] = [];
  private selected = -1;
  private watch: (() => void) | undefined;
  readonly timers = new FakeTimers();

  constructor() {
    const pins: MatrixPins = {
      selectRow: (row) => {
        this.selected = row;
      },
      columnLow: (col) => this.columnLow(col),
      armWake: (wake) => {
        this.watch = wake;
      },
    };
    const timers: Timers = { after: (ms, cb) => this.timers.after(ms, cb), cancel: (id) => this.timers.cancel(id), uptimeMs: () => this.timers.now };
    const keypad = matrixKeypad(pins, timers);
    keypad.onScan((pressed) => this.scans.push(pressed));
    keypad.onStuck((keys) => this.stuck.push(keys));
  }

  private columnLow(col: number): boolean {
    for (let row = 0; row < KEYPAD_LAYOUT.length; row++) {
      if ((this.selected < 0 || this.selected === row) && this.down.has(KEYPAD_LAYOUT[row][col])) return true;
    }
    return false;
  }

  /** Moves a key; an armed watch fires (from the event queue) when a column's idle level changed. */
  private move(key: string, down: boolean): void {
    const before = [0, 1, 2].map((c) => this.columnLow(c));
    if (down) this.down.add(key);
    else this.down.delete(key);
    const changed = [0, 1, 2].some((c) => this.columnLow(c) !== before[c]);
    const watch = this.watch;
    if (changed && watch !== undefined) this.timers.after(0, watch);
  }

  press(key: string): void {
    this.move(key, true);
  }

  release(key: string): void {
    this.move(key, false);
  }

  /** Presses and lets go after 60 ms, then waits 60 ms more. */
  tap(key: string): void {
    this.press(key);
    this.timers.advance(60);
    this.release(key);
    this.timers.advance(60);
  }

  /** The keys reported, one entry per run of equal non-empty scans. */
  typed(): string[] {
    const out: string[] = [];
    let last = "";
    for (const s of this.scans) {
      if (s !== "" && s !== last) out.push(s);
      last = s;
    }
    return out;
  }
}

describe("the keypad matrix", () => {
  it("scans every SCAN_INTERVAL_MS while a key is down and stops when it is up", () => {
    const w = new Wires();
    w.press("5");
    w.timers.advance(3 * SCAN_INTERVAL_MS);
    w.release("5");
    w.timers.advance(3 * SCAN_INTERVAL_MS);
    expect(w.scans).toEqual(["5", "5", "5", "5", ""]);
    expect(w.timers.pending()).toBe(0);
  });
});

describe("a key held longer than STUCK_KEY_MS", () => {
  it("is reported once, left out of the scans, and scanning stops: nothing is pending", () => {
    const w = new Wires();
    w.press("5");
    w.timers.advance(STUCK_KEY_MS + 100);
    expect(w.stuck).toEqual(["5"]);
    expect(w.scans[w.scans.length - 1]).toBe("");
    expect(w.timers.pending()).toBe(0);
    const scans = w.scans.length;
    w.timers.advance(24 * 3600 * 1000);
    expect(w.scans.length).toBe(scans);
    expect(w.stuck).toEqual(["5"]);
  });

  it("is not reported before STUCK_KEY_MS", () => {
    const w = new Wires();
    w.press("5");
    w.timers.advance(STUCK_KEY_MS - SCAN_INTERVAL_MS);
    expect(w.stuck).toEqual([]);
    expect(w.timers.pending()).toBe(1);
  });

  it("leaves the keys of the other columns working: they wake the scanner and type alone", () => {
    const w = new Wires();
    w.press("5");
    w.timers.advance(STUCK_KEY_MS + 100);
    w.scans.length = 0;
    for (const key of "1374*#96") w.tap(key);
    expect(w.typed()).toEqual(["1", "3", "7", "4", "*", "#", "9", "6"]);
    expect(w.timers.pending()).toBe(0);
  });

  it("hides the keys of its own column while idle: their column is already low, so they give no edge", () => {
    const w = new Wires();
    w.press("5");
    w.timers.advance(STUCK_KEY_MS + 100);
    w.scans.length = 0;
    for (const key of "280") w.tap(key);
    expect(w.typed()).toEqual([]);
  });

  it("is freed by its release, which its column's rising edge reports: it types again", () => {
    const w = new Wires();
    w.press("5");
    w.timers.advance(STUCK_KEY_MS + 100);
    w.release("5");
    w.timers.advance(100);
    expect(w.timers.pending()).toBe(0);
    w.scans.length = 0;
    w.tap("5");
    w.tap("2");
    expect(w.typed()).toEqual(["5", "2"]);
    expect(w.stuck).toEqual(["5"]);
  });

  it("sticks again, and is reported again, when it is held again", () => {
    const w = new Wires();
    w.press("5");
    w.timers.advance(STUCK_KEY_MS + 100);
    w.release("5");
    w.timers.advance(100);
    w.press("5");
    w.timers.advance(STUCK_KEY_MS + 100);
    expect(w.stuck).toEqual(["5", "5"]);
  });

  it("a palm held on several keys sticks them all; each is freed by its own release", () => {
    const w = new Wires();
    w.press("1");
    w.press("6");
    w.timers.advance(STUCK_KEY_MS + 100);
    expect(w.stuck).toEqual(["16"]);
    expect(w.timers.pending()).toBe(0);
    w.release("1");
    w.timers.advance(100);
    expect(w.timers.pending()).toBe(0);
    w.scans.length = 0;
    w.tap("1");
    w.tap("8");
    // 6 is still stuck: its column (3, 6, 9, #) stays hidden, the others type.
    w.tap("9");
    expect(w.typed()).toEqual(["1", "8"]);
  });
});
