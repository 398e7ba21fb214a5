import { describe, expect, it } from "vitest";
import { DEBOUNCE_MS, decodeScan, newKeyScan } from "../../firmware/core/keypad.ts";

/** The decoder, and the keys that counted so far. */
function decoder(): { keys: string[]; d: { scan(pressed: string, atMs: number): void } } {
  const keys: string[] = [];
  const state = newKeyScan();
  return {
    keys,
    d: {
      scan: (pressed, atMs) => {
        const key = decodeScan(state, pressed, atMs);
        if (key !== "") keys.push(key);
      },
    },
  };
}

describe("keypad decoding", () => {
  it("a key held past the debounce time counts once", () => {
    const { keys, d } = decoder();
    for (let t = 0; t <= 100; t += 10) d.scan("5", t);
    d.scan("", 110);
    expect(keys).toEqual(["5"]);
  });

  it("contact bounce shorter than the debounce time types nothing", () => {
    const { keys, d } = decoder();
    for (let t = 0; t < 200; t += 5) d.scan(t % 10 === 0 ? "5" : "", t);
    expect(keys).toEqual([]);
  });

  it("bounce on release does not type the key twice", () => {
    const { keys, d } = decoder();
    for (let t = 0; t <= 60; t += 10) d.scan("7", t);
    // release chatter: up, down for 5 ms, up
    d.scan("", 70);
    d.scan("7", 72);
    d.scan("", 77);
    expect(keys).toEqual(["7"]);
  });

  it("a key released just before the debounce time does not count", () => {
    const { keys, d } = decoder();
    d.scan("3", 0);
    d.scan("3", DEBOUNCE_MS - 1);
    d.scan("", DEBOUNCE_MS + 5);
    expect(keys).toEqual([]);
  });

  it("two keys at once type nothing, even when one is released first", () => {
    const { keys, d } = decoder();
    d.scan("1", 0);
    d.scan("12", 10);
    d.scan("2", 20);
    for (let t = 30; t <= 200; t += 10) d.scan("2", t);
    expect(keys).toEqual([]);
    d.scan("", 210);
    for (let t = 210 + DEBOUNCE_MS; t <= 300; t += 10) d.scan("2", t);
    expect(keys).toEqual(["2"]);
  });

  it("a ghosted fourth key from three pressed types nothing", () => {
    const { keys, d } = decoder();
    for (let t = 0; t <= 100; t += 10) d.scan("1245", t);
    d.scan("", 110);
    expect(keys).toEqual([]);
  });

  it("chatter on release, up for less than the debounce time between contacts, types the key once", () => {
    const { keys, d } = decoder();
    for (let t = 0; t <= 60; t += 10) d.scan("1", t);
    // Let go with 1-ms gaps and 8-ms bounces: the 10-ms scan sees up, down, up, down ...
    for (let t = 70; t < 110; t += 10) {
      d.scan("", t);
      d.scan("1", t + 9);
      d.scan("1", t + 9 + DEBOUNCE_MS);
    }
    d.scan("", 200);
    expect(keys).toEqual(["1"]);
  });

  it("the same key pressed again after the keypad was up for the debounce time counts again", () => {
    const { keys, d } = decoder();
    for (let t = 0; t <= 60; t += 10) d.scan("4", t);
    d.scan("", 70);
    for (let t = 70 + DEBOUNCE_MS; t <= 140; t += 10) d.scan("4", t);
    expect(keys).toEqual(["4", "4"]);
  });

  it("another key straight after a counted one counts (fast typing), after its own debounce", () => {
    const { keys, d } = decoder();
    for (let t = 0; t <= 40; t += 10) d.scan("2", t);
    d.scan("", 45);
    d.scan("3", 50);
    d.scan("3", 50 + DEBOUNCE_MS - 1);
    expect(keys).toEqual(["2"]);
    d.scan("3", 50 + DEBOUNCE_MS);
    expect(keys).toEqual(["2", "3"]);
  });

  it("keeps working when the uptime has wrapped to negative (NodeMCU, after 24.8 days)", () => {
    const { keys, d } = decoder();
    const wrapped = -2147483648 + 5000;
    const press = (key: string, from: number) => {
      for (let t = from; t <= from + 40; t += 10) d.scan(key, t);
      d.scan("", from + 50);
    };
    press("5", wrapped);
    press("5", wrapped + 100);
    // A touch of two keys, then single keys again.
    d.scan("58", wrapped + 200);
    d.scan("", wrapped + 250);
    press("6", wrapped + 300);
    expect(keys).toEqual(["5", "5", "6"]);
  });

  it("a palm lifted unevenly (all up for a moment, then one key still down) types nothing", () => {
    const { keys, d } = decoder();
    for (let t = 0; t <= 50; t += 10) d.scan("1245", t);
    d.scan("", 60);
    for (let t = 65; t <= 150; t += 10) d.scan("5", t);
    expect(keys).toEqual([]);
  });
});
