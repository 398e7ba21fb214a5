/**
 * A LOG page holds at most LOG_PAGE_EVENTS entries whatever `count` asks for: the page is held in
 * memory until it is sent, and a Pico has little memory to spare. A reader that goes on from `next`
 * still gets every entry once, in order.
 */
import { describe, expect, it } from "vitest";
import { LOG_PAGE_EVENTS, MAX_LOG_PAGE } from "../../../../firmware/core/host/protocol.ts";
import { SimBox, type SimBoxOptions } from "../../../../sim/box.ts";

const SECRET = Buffer.from("abad1dea0123456789abcdef0123456789abcdef", "hex");
const START = Date.parse("2026-11-28T09:00:00Z") / 1000;

function fieldOf(line: string, name: string): number {
  const match = new RegExp(` ${name}=(\\d+)`).exec(line);
  if (match === null) throw new Error(`no ${name}= in ${line}`);
  return Number(match[1]);
}

describe.each([
  { name: "espruino build", options: { runtime: "espruino" } as SimBoxOptions },
  { name: "nodemcu build (wasmoon)", options: { runtime: "nodemcu", lua: "wasmoon" } as SimBoxOptions },
])("LOG pages on the $name", ({ options }) => {
  it(`answer at most ${LOG_PAGE_EVENTS} entries a page, and paging from next reads every entry once`, async () => {
    const box = await SimBox.start({ ...options, unixTime: START, seed: 7 });
    box.provision(SECRET, START);
    // Each power-up is logged: more entries than two pages.
    for (let i = 0; i < 3 * LOG_PAGE_EVENTS; i++) {
      box.powerCycle();
      box.advance(2000);
    }
    const first = box.authenticated(SECRET, `LOG from=0 count=${MAX_LOG_PAGE}`);
    const done = first[first.length - 1]!;
    const total = fieldOf(done, "total");
    expect(total).toBeGreaterThan(2 * LOG_PAGE_EVENTS);
    expect(first.filter((l) => / DATA /.test(l))).toHaveLength(LOG_PAGE_EVENTS);
    expect(fieldOf(done, "count")).toBe(LOG_PAGE_EVENTS);
    expect(fieldOf(done, "next")).toBe(LOG_PAGE_EVENTS);
    const indexes: number[] = [];
    let from = 0;
    while (from < total) {
      const page = box.authenticated(SECRET, `LOG from=${from} count=${MAX_LOG_PAGE}`);
      for (const line of page) if (/ DATA /.test(line)) indexes.push(fieldOf(line, "i"));
      from = fieldOf(page[page.length - 1]!, "next");
    }
    expect(indexes).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(box.errors()).toEqual([]);
  });
});
