import "../../../tools/lib/intrinsics-global.ts";
import { describe, expect, it } from "vitest";
import { commandList, field, parseResponse } from "../../../firmware/core/host/protocol.ts";
import { refusalOf } from "../../../firmware/core/host/commands.ts";
import { fakeBox, serverOn, STATE_CHANGING } from "./fake-box.ts";
import { nonceFrom, SECRET, SECRET_HEX, send, signed } from "./helpers.ts";

const COMMANDS = commandList();

/** A small deterministic generator (xorshift) so a failure can be reproduced. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const WORDS = [...COMMANDS.map((c) => c.name), "CLOCK", "SETTINGS", "from=0", "count=3", "time=9", "nonce=", "auth=", "secret=", "confirm=erase", "kind=delivery", "=", "%", "%4", "-1", "99999999999"];

function randomLine(next: () => number): string {
  const mode = Math.floor(next() * 3);
  if (mode === 0) {
    let s = "";
    const n = Math.floor(next() * 300);
    for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(next() * 256));
    return s;
  }
  const parts: string[] = [Math.floor(next() * 1000).toString(36)];
  const n = Math.floor(next() * 6);
  for (let i = 0; i < n; i++) {
    const w = WORDS[Math.floor(next() * WORDS.length)];
    parts.push(mode === 1 ? w : w + Math.floor(next() * 1e6).toString(16));
  }
  return parts.join(next() < 0.9 ? " " : "  ");
}

describe("USB server under random input", () => {
  it("never throws, always answers in PB1 with documented refusals, and never changes a provisioned box", () => {
    const box = fakeBox();
    const { server, out } = serverOn(box);
    send(server, out, `p PROVISION secret=${SECRET_HEX} clock=1`);
    box.calls.length = 0;
    const next = random(12345);
    for (let i = 0; i < 5000; i++) {
      const line = randomLine(next);
      const chunks = line + (next() < 0.5 ? "\n" : "\r\n");
      const before = out.length;
      let at = 0;
      while (at < chunks.length) {
        const size = 1 + Math.floor(next() * 40);
        expect(() => server.receive(chunks.slice(at, at + size))).not.toThrow();
        at += size;
      }
      for (const reply of out.slice(before)) {
        const r = parseResponse(reply);
        expect(r).toBeDefined();
        // Every refusal gives a reason docs/protocol.md's "Refusals" lists (or none, where listed so).
        if (r?.kind === "ERR") expect(refusalOf(r.code, r.message), reply).toBeDefined();
      }
    }
    expect(box.calls.filter((c) => STATE_CHANGING.includes(c))).toEqual([]);
    expect(box.state.secret).toBe(SECRET);
  });

  it("never sends the secret, in hex or raw, in any answer", () => {
    const box = fakeBox();
    const { server, out } = serverOn(box);
    send(server, out, `p PROVISION secret=${SECRET_HEX} clock=1`);
    const next = random(777);
    for (let i = 0; i < 2000; i++) server.receive(randomLine(next) + "\n");
    // Every command signed as the owner, so each handler answers and its answer is searched too.
    for (const c of COMMANDS) server.receive(signed("z", c.name, [], nonceFrom(server, out)) + "\n");
    server.receive(signed("z", "LOG", [field("from", "0"), field("count", "50")], nonceFrom(server, out)) + "\n");
    server.receive(`z PROVISION secret=${SECRET_HEX}0 clock=x\n`);
    server.receive(`z PROVISION secret=${SECRET_HEX} clock=-5\n`);
    const all = out.join("\n").toLowerCase();
    expect(all).not.toContain(SECRET_HEX);
    expect(all).not.toContain(SECRET.toLowerCase());
  });
});
