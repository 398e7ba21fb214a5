/**
 * The owner's side on NodeMCU is loaded at the first USB data and released after OWNER_IDLE_MS of
 * quiet (firmware/nodemcu/owner-on-demand.ts, tools/build/lua-bundle-plugin.ts): the first line is
 * answered, a released side gives its heap back, a line after the release is answered again, and
 * the box's news goes out only while the side is loaded.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SimBox } from "../../../sim/box.ts";
import { UsbPort, usbKeyOf } from "../../security/usb-port.ts";
import { bootBox, closeBoxes, VMS, type TestBox } from "./helpers.ts";

// OWNER_IDLE_MS of firmware/nodemcu/owner-on-demand.ts (USB_AWAKE_MS of light-sleep.ts), which the
// Node side cannot import (it reads NodeMCU's globals); a test below fails if it changes.
const OWNER_IDLE_MS = 60_000;

// An ESP8266: it never sleeps, so a line after a long quiet needs no wake preamble.
const ESP8266 = { profile: "esp8266-nodemcu" };

afterEach(closeBoxes);

/** Live Lua heap in KB after two full collections. */
function heapKb(t: TestBox): number {
  return Number(t.lua(`collectgarbage() collectgarbage() return collectgarbage("count")`));
}

function ask(t: TestBox, line: string): string {
  t.board.usb.send(`${line}\n`);
  t.board.advance(50);
  return t.board.usb.takeOutput();
}

describe.each(VMS)("the owner's side on demand on %s", (vm) => {
  it("answers the line that wakes it, and again after a release", async () => {
    const t = await bootBox(vm, ESP8266);
    expect(ask(t, "1 HELLO")).toMatch(/^1 OK proto=/);
    t.board.advance(OWNER_IDLE_MS + 1000);
    expect(ask(t, "2 HELLO")).toMatch(/^2 OK proto=/);
  });

  it("sends the box's news only while loaded", async () => {
    const t = await bootBox(vm, ESP8266);
    ask(t, "1 HELLO");
    t.board.lid.open();
    t.board.advance(100);
    expect(t.board.usb.takeOutput()).toMatch(/\* EVENT/);
    t.board.lid.close();
    t.board.advance(OWNER_IDLE_MS + 1000);
    t.board.usb.takeOutput();
    t.board.lid.open();
    t.board.advance(100);
    expect(t.board.usb.takeOutput()).toBe("");
  });
});

// fengari has no collectgarbage("count"); wasmoon's heap holds the code too (no LFS), so only the
// difference counts here. The real NodeMCU heap is measured by test/bench/nodemcu-heap-census.ts.
describe("the owner's side's heap on wasmoon", () => {
  it("holds its heap only while the port talks", async () => {
    const t = await bootBox("wasmoon", ESP8266);
    const idle = heapKb(t);
    ask(t, "1 HELLO");
    const talking = heapKb(t);
    // The owner's side (USB protocol, commands, log) is KBs of closures and tables (about 3.2 KB
    // since session 20 shrank it), against under 1 KB left once it is released.
    expect(talking - idle).toBeGreaterThan(2);
    t.board.advance(OWNER_IDLE_MS - 5000);
    expect(heapKb(t) - idle).toBeGreaterThan(2);
    t.board.advance(10000);
    expect(heapKb(t) - idle).toBeLessThan(1);
  });
});

describe("the owner's side released", () => {
  it("forgets its nonces as a reboot does: one from before is unknown, not expired (docs/protocol.md)", async () => {
    const SECRET = Buffer.from("5ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2", "hex");
    const START = Date.parse("2026-11-28T09:00:00Z") / 1000;
    const box = await SimBox.start({ runtime: "nodemcu", lua: "wasmoon", profile: "esp8266-nodemcu", unixTime: START, seed: 0x1234 });
    try {
      const port = new UsbPort(box);
      box.provision(SECRET, START);
      const signedAfter = (quietMs: number): string => {
        const nonce = port.challenge();
        box.advance(quietMs);
        return port.ask(port.signedLine(usbKeyOf(SECRET), "STATUS", nonce)).join(" ");
      };
      expect(signedAfter(1000)).toMatch(/ OK /);
      // The quiet minute that releases the side is the nonce's ttl too: a box that kept its
      // nonces would answer E_EXPIRED here.
      expect(signedAfter(OWNER_IDLE_MS + 1000)).toMatch(/ERR E_REPLAY/);
    } finally {
      box.close();
    }
  });
});
