/** The keypad matrix through gpio.trig and the core's MatrixScanner, on the built Lua file. */
import { afterEach, describe, expect, it } from "vitest";
import { STUCK_KEY_MS } from "../../../firmware/core/matrix.ts";
import { bootBox, closeBoxes, collected, collector, VMS, type TestBox } from "./helpers.ts";

afterEach(closeBoxes);

async function withScans(vm: (typeof VMS)[number]): Promise<TestBox> {
  const t = await bootBox(vm);
  t.lua(`${collector("scans")} parcelboxBoard.keypad.onScan(collect)`);
  return t;
}

describe.each(VMS)("keypad on %s", (vm) => {
  it("reports a held key on every scan and an empty scan after its release", async () => {
    const t = await withScans(vm);
    t.board.keypad.press("5");
    t.board.advance(25);
    t.board.keypad.release("5");
    t.board.advance(30);
    expect(collected(t, "scans")).toEqual(["5@0", "5@10", "5@20", "@30"]);
  });

  it("schedules nothing while no key is pressed", async () => {
    const t = await withScans(vm);
    t.board.advance(60_000);
    expect(collected(t, "scans")).toEqual([]);
    expect(t.pending()).toBe(0);
    // At most the box's housekeeping wake, which pending() shows is over an hour away.
    expect(t.box.runningTimers()).toBeLessThanOrEqual(1);
  });

  it("schedules nothing once every key is released", async () => {
    const t = await withScans(vm);
    t.board.keypad.press("#");
    t.board.advance(15);
    t.board.keypad.release("#");
    t.board.advance(20);
    expect(t.pending()).toBe(0);
    // At most the box's housekeeping wake, which pending() shows is over an hour away.
    expect(t.box.runningTimers()).toBeLessThanOrEqual(1);
  });

  it("wakes again on the next key after going idle", async () => {
    const t = await withScans(vm);
    for (const key of ["1", "0"]) {
      t.board.keypad.press(key);
      t.board.advance(5);
      t.board.keypad.release(key);
      t.board.advance(20);
    }
    expect(collected(t, "scans").filter((s) => !s.startsWith("@")).map((s) => s.split("@")[0])).toEqual(["1", "0"]);
  });

  it("reads two keys of one column without shorting the rows", async () => {
    const t = await withScans(vm);
    t.board.keypad.press("2");
    t.board.keypad.press("8");
    t.board.advance(5);
    expect(collected(t, "scans")[0]).toBe("28@0");
    expect(t.board.pins.shorts).toEqual([]);
  });

  it("does not run the scan inside the pin change that woke it", async () => {
    const t = await withScans(vm);
    t.board.keypad.press("7");
    expect(collected(t, "scans")).toEqual([]);
    t.board.advance(0);
    expect(collected(t, "scans")).toEqual(["7@0"]);
  });

  it("leaves a key held past STUCK_KEY_MS out, with nothing pending; keys of the other columns still scan; its release frees it", async () => {
    const t = await withScans(vm);
    t.board.keypad.press("5");
    t.board.advance(STUCK_KEY_MS + 20_000);
    expect(collected(t, "scans").pop()?.split("@")[0]).toBe("");
    expect(t.pending()).toBe(0);
    const before = collected(t, "scans").length;
    for (const key of ["1", "2"]) {
      t.board.keypad.press(key);
      t.board.advance(60);
      t.board.keypad.release(key);
      t.board.advance(60);
    }
    // 1 scans alone; 2 shares the stuck key's column, which the stuck key holds low: no edge.
    expect([...new Set(collected(t, "scans").slice(before).map((s) => s.split("@")[0]))]).toEqual(["1", ""]);
    t.board.keypad.release("5");
    // Past the entry's timeout (the 1 was typed): then nothing is pending.
    t.board.advance(20_000);
    expect(t.pending()).toBe(0);
    t.board.keypad.press("5");
    t.board.advance(30);
    expect(collected(t, "scans").pop()?.split("@")[0]).toBe("5");
  });
});

describe.each(VMS)("the keypad scan's gpio calls on %s", (vm) => {
  // Each gpio call is a call into the firmware's C; board.ts drives the rows only when a column
  // read needs them, and only the rows that change (firmware/nodemcu/board.ts).
  it("reads the columns once for an empty scan and drives only changed rows for a held key", async () => {
    const t = await withScans(vm);
    t.lua(`gpioCalls = 0
      for _, name in ipairs({ "write", "read" }) do
        local f = gpio[name]
        gpio[name] = function(...) gpioCalls = gpioCalls + 1 return f(...) end
      end`);
    t.board.keypad.press("5");
    t.board.advance(0);
    const first = Number(t.lua("local n = gpioCalls gpioCalls = 0 return n"));
    t.board.advance(10);
    const held = Number(t.lua("local n = gpioCalls gpioCalls = 0 return n"));
    t.board.keypad.release("5");
    t.board.advance(10);
    const empty = Number(t.lua("return gpioCalls"));
    expect(collected(t, "scans")).toEqual(["5@0", "5@10", "@20"]);
    // Held: 3 column reads at idle, the rows of 4 selects and back (3 + 2 + 2 + 2 + 3 writes), and
    // the one column that read low read once per row (4); the core's naive scan made 32 calls.
    expect(held).toBe(19);
    // The first scan also disarms the column interrupts (watchEdge reads each column's level), and
    // the key's feedback starts (LED, buzzer).
    expect(first).toBeLessThanOrEqual(19 + 3 + 2);
    // Empty: the 3 column reads and no row write, then arming the interrupts again and the core's
    // look for an edge that came before the arming (3 reads each).
    expect(empty).toBe(3 + 6);
  });
});
