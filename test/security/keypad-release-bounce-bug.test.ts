/**
 * Release bounce, found by the keypad abuse tests (was a bug, now a regression test): a key
 * whose contact chatters for longer than the 20 ms debounce when it is LET GO counted twice.
 *
 * firmware/core/keypad.ts used to forget a key on the first scan that saw every key up, so
 * chatter after a release started a new press; the matrix is scanned every 10 ms, so gaps of
 * 1 ms in the chatter go unseen and 8 ms bounces added up to a "press" held past DEBOUNCE_MS.
 * Then "1" typed once, followed by "2345678#", gave 9 digits (refused as too long) instead of
 * one wrong 8-digit code. The decoder now wants the keypad all up for DEBOUNCE_MS first.
 */
import { describe, expect, it } from "vitest";
import { SimBox, type SimBoxOptions } from "../../sim/box.ts";
import { namedLogLine } from "../../firmware/core/host/log.ts";

const SECRET = Buffer.from("abad1dea0123456789abcdef0123456789abcdef", "hex");
const START = Date.parse("2026-11-28T09:00:00Z") / 1000;

/** Up and down pieces (ms) after the key is let go: 36 ms of chatter, every gap 1 ms. */
const RELEASE_CHATTER: [number, number][] = [
  [1, 8],
  [1, 8],
  [1, 8],
  [1, 8],
];

describe.each([
  { name: "espruino build", options: { runtime: "espruino" } as SimBoxOptions },
  { name: "nodemcu build (wasmoon)", options: { runtime: "nodemcu", lua: "wasmoon" } as SimBoxOptions },
])("release bounce on the $name", ({ options }) => {
  it("a key that chatters for 36 ms when let go counts once", async () => {
    const box = await SimBox.start({ ...options, unixTime: START, seed: 5 });
    box.provision(SECRET, START);
    const keypad = box.board.keypad;
    keypad.press("1");
    box.advance(100);
    for (const [up, down] of RELEASE_CHATTER) {
      keypad.release("1");
      box.advance(up);
      keypad.press("1");
      box.advance(down);
    }
    keypad.release("1");
    box.advance(150);
    box.type("2345678#");
    box.advance(2000);
    const log = box.authenticated(SECRET, "LOG from=0 count=50").map(namedLogLine).filter((l) => l.includes("ev=wrong-code"));
    expect(box.errors()).toEqual([]);
    expect(log).toEqual([expect.stringContaining("digits=8")]);
  });
});
