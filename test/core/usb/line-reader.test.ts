import "../../../tools/lib/intrinsics-global.ts";
import { describe, expect, it } from "vitest";
import { MAX_LINE_BYTES } from "../../../firmware/core/host/protocol.ts";
import { fakeBox, serverOn } from "./fake-box.ts";

/**
 * The server's line reading (firmware/core/usb/server.ts, receive): serial chunks of any size
 * in, one answer per complete line out. A request's id is echoed, so each answer names its line.
 */
function reader(): { feed: (chunk: string) => string[] } {
  const { server, out } = serverOn(fakeBox());
  return {
    feed: (chunk) => {
      const before = out.length;
      server.receive(chunk);
      return out.slice(before).map((l) => l.split(" ").slice(0, 3).join(" "));
    },
  };
}


describe("the USB server's line reader", () => {
  it("assembles a line split across chunks at every position", () => {
    const text = "12 HELLO\n";
    for (let cut = 0; cut <= text.length; cut++) {
      const r = reader();
      expect([...r.feed(text.slice(0, cut)), ...r.feed(text.slice(cut))]).toEqual(["12 OK proto=PB2"]);
    }
  });

  it("splits several lines in one chunk and accepts \\r, \\n and \\r\\n, skipping empty lines", () => {
    expect(reader().feed("1 HELLO\r2 HELLO\n3 HELLO\r\n\n")).toEqual(["1 OK proto=PB2", "2 OK proto=PB2", "3 OK proto=PB2"]);
  });

  it("keeps an unfinished line until its end arrives", () => {
    const r = reader();
    expect(r.feed("1 HEL")).toEqual([]);
    expect(r.feed("LO\n")).toEqual(["1 OK proto=PB2"]);
  });

  it("reports an over-long line once, as soon as it is too long, and drops it up to the line end", () => {
    const r = reader();
    expect(r.feed("9 HELLO " + "x".repeat(MAX_LINE_BYTES))).toEqual(["- ERR E_TOO_LONG"]);
    expect(r.feed("more and more")).toEqual([]);
    expect(r.feed("tail\n1 HELLO\n")).toEqual(["1 OK proto=PB2"]);
  });

  it("reads a line of exactly the maximum length (and parses it)", () => {
    // The longest line is read whole: HELLO takes no key, so the parser names the stray word.
    const line = "8 HELLO a=" + "x".repeat(MAX_LINE_BYTES - 10);
    expect(line.length).toBe(MAX_LINE_BYTES);
    expect(reader().feed(line + "\n")).toEqual(["8 ERR E_SYNTAX"]);
  });

  it("reports a line with a byte outside printable ASCII and never parses it", () => {
    const r = reader();
    expect(r.feed("1 HEL\u0000LO\n2 HELLO\n")).toEqual(["- ERR E_BINARY", "2 OK proto=PB2"]);
    expect(r.feed("\u00ff\u0003\n")).toEqual(["- ERR E_BINARY"]);
  });
});
