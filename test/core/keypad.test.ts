import { describe, expect, it } from "vitest";
import { DEBOUNCE_MS, KeyDecoder } from "../../firmware/core/keypad.ts";

function decoder(): { keys: string[]; d: KeyDecoder } {
  const keys: string[] = [];
  return { keys, d: new KeyDecoder((k) => keys.push(k)) };
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
    for (let t = 220; t <= 300; t += 10) d.scan("2", t);
    expect(keys).toEqual(["2"]);
  });

  it("a ghosted fourth key from three pressed types nothing", () => {
    const { keys, d } = decoder();
    for (let t = 0; t <= 100; t += 10) d.scan("1245", t);
    d.scan("", 110);
    expect(keys).toEqual([]);
  });

  it("reports busy while a key is down so the adapter keeps scanning", () => {
    const { d } = decoder();
    expect(d.busy()).toBe(false);
    d.scan("9", 0);
    expect(d.busy()).toBe(true);
    d.scan("", 50);
    expect(d.busy()).toBe(false);
  });
});
