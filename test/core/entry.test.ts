import { describe, expect, it } from "vitest";
import { Entry, MAX_ENTRY_DIGITS } from "../../firmware/core/entry.ts";

function typeAll(entry: Entry, keys: string): string[] {
  return [...keys].map((k) => entry.key(k));
}

describe("code entry", () => {
  it("# submits the digits typed", () => {
    const e = new Entry();
    typeAll(e, "12345678");
    expect(e.key("#")).toBe("submit");
    expect(e.submitted()).toBe("12345678");
    expect(e.typed()).toBe(0);
  });

  it("* clears what was typed", () => {
    const e = new Entry();
    typeAll(e, "999*");
    typeAll(e, "123456");
    e.key("#");
    expect(e.submitted()).toBe("123456");
  });

  it("# with nothing typed submits nothing", () => {
    const e = new Entry();
    expect(e.key("#")).toBe("empty");
  });

  it("a digit beyond the longest code is refused and clears the entry", () => {
    const e = new Entry();
    const outcomes = typeAll(e, "1".repeat(MAX_ENTRY_DIGITS + 1));
    expect(outcomes.at(-1)).toBe("too-long");
    expect(e.typed()).toBe(0);
  });

  it("clear() forgets a half-typed code (entry timeout)", () => {
    const e = new Entry();
    typeAll(e, "1234");
    e.clear();
    expect(e.key("#")).toBe("empty");
  });

  it("ignores anything that is not a keypad key", () => {
    const e = new Entry();
    expect(e.key("A")).toBe("ignored");
    expect(e.key("")).toBe("ignored");
    expect(e.typed()).toBe(0);
  });
});
