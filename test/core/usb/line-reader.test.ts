import "../../../tools/lib/intrinsics-global.ts";
import { describe, expect, it } from "vitest";
import { LineReader } from "../../../firmware/core/usb/line-reader.ts";

const line = (text: string) => ({ line: text, problem: "" });

describe("LineReader", () => {
  it("assembles a line split across chunks at every position", () => {
    const text = "12 LOG from=0 count=5\n";
    for (let cut = 0; cut <= text.length; cut++) {
      const reader = new LineReader(64);
      const items = [...reader.feed(text.slice(0, cut)), ...reader.feed(text.slice(cut))];
      expect(items).toEqual([line("12 LOG from=0 count=5")]);
    }
  });

  it("splits several lines in one chunk and accepts \\r, \\n and \\r\\n", () => {
    expect(new LineReader(64).feed("1 A\r2 B\n3 C\r\n\n")).toEqual([line("1 A"), line("2 B"), line("3 C")]);
  });

  it("keeps an unfinished line until its end arrives", () => {
    const reader = new LineReader(64);
    expect(reader.feed("1 HEL")).toEqual([]);
    expect(reader.feed("LO\n")).toEqual([line("1 HELLO")]);
  });

  it("reports an over-long line once, as soon as it is too long, and drops it up to the line end", () => {
    const reader = new LineReader(8);
    expect(reader.feed("123456789")).toEqual([{ line: "", problem: "E_TOO_LONG" }]);
    expect(reader.feed("more and more")).toEqual([]);
    expect(reader.feed("tail\n1 OK\n")).toEqual([line("1 OK")]);
  });

  it("accepts a line of exactly the maximum length", () => {
    expect(new LineReader(8).feed("12345678\n")).toEqual([line("12345678")]);
  });

  it("reports a line with a byte outside printable ASCII and never returns it", () => {
    const reader = new LineReader(64);
    expect(reader.feed("1 HEL\u0000LO\n2 HELLO\n")).toEqual([{ line: "", problem: "E_BINARY" }, line("2 HELLO")]);
    expect(reader.feed("\u00ff\u0003\n")).toEqual([{ line: "", problem: "E_BINARY" }]);
  });
});
