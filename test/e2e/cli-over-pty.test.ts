/**
 * End to end, on both firmware builds: the real CLI (its own process) -> a pseudo-terminal ->
 * the simulated box (SimBox), with virtual time running at wall-clock pace while the CLI talks.
 * The tests of one runtime share one box and run in order: provisioning first, the secret
 * check last over everything the box sent.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base32Encode } from "../../firmware/core/otp/base32.ts";
import { startSession, type BoxSession } from "../../tools/demo/session.ts";
import { openRawPort } from "./raw-port.ts";

const BOX = "e2e-box";

interface LogRow {
  event: string;
  code?: string;
  by?: string;
  replaced?: string;
}

describe.each(["espruino", "nodemcu"] as const)("CLI -> pty -> %s box", (runtime) => {
  let s: BoxSession;
  const profile = () => JSON.parse(readFileSync(join(s.configHome, "parcelbox", "boxes", `${BOX}.json`), "utf8")) as { secretHex: string };
  const secret = () => Buffer.from(profile().secretHex, "hex");
  const logRows = async () => JSON.parse((await s.cli("log", "--json")).stdout) as LogRow[];
  const coilPulses = () => s.box.board.coil.pulses.length;

  /** STATUS (without the running clock), SETTINGS and the whole LOG, asked in-process. */
  const boxState = (): string[] => {
    s.pause();
    try {
      const status = s.box.authenticated(secret(), "STATUS").join(" ").replace(/ time=\d+/, "");
      const settings = s.box.authenticated(secret(), "SETTINGS GET").join(" ");
      const log = s.box.authenticated(secret(), "LOG from=0 count=50").map((l) => l.replace(/^\w+ /, ""));
      return [status.replace(/^\w+ /, ""), settings.replace(/^\w+ /, ""), ...log];
    } finally {
      s.resume();
    }
  };

  beforeAll(async () => {
    s = await startSession({ runtime });
  });

  afterAll(async () => {
    await s?.close();
  });

  it("provisions the box through the pty and keeps its profile", async () => {
    const r = await s.cli("provision", "--box", BOX, "--no-qr");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(profile().secretHex).toMatch(/^[0-9a-f]{40}$/);
  });

  it("clock shows when the box's clock was last set: at provisioning, then at each --sync", async () => {
    const provisioned = JSON.parse((await s.cli("clock", "--json")).stdout) as { lastSet: number; boxTime: number };
    expect(provisioned.lastSet).toBeGreaterThan(0);
    expect(provisioned.lastSet).toBeLessThanOrEqual(provisioned.boxTime);
    const synced = await s.cli("clock", "--sync");
    expect(synced.code).toBe(0);
    expect(synced.stdout).toMatch(/last set\s+20\d\d-\d\d-\d\d \d\d:\d\d:\d\dZ/);
    expect(synced.stdout).not.toContain("not set");
    expect(JSON.parse((await s.cli("clock", "--json")).stdout).lastSet).toBeGreaterThanOrEqual(provisioned.lastSet);
  });

  it("refuses a second provision with exit 4, names `parcelbox rekey`, and keeps the profile", async () => {
    const before = profile().secretHex;
    const r = await s.cli("provision", "--box", BOX, "--no-qr");
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("parcelbox rekey");
    expect(profile().secretHex).toBe(before);
  });

  it("opens for a delivery code from the CLI typed on the keypad, and the log names the code", async () => {
    const made = JSON.parse((await s.cli("code", "--from", "now", "--label", "first parcel", "--json")).stdout) as { code: string; id: string };
    const before = coilPulses();
    s.box.type(`${made.code}#`);
    s.box.advance(2000);
    expect(coilPulses()).toBe(before + 1);
    s.box.board.lid.open();
    s.box.advance(2000);
    s.box.board.lid.close();
    s.box.advance(1000);
    const events = (await logRows()).map((e) => `${e.event} ${e.code ?? ""}`.trim());
    expect(events.slice(-3)).toEqual([`open ${made.id}`, "lid-opened", "lid-closed"]);
  });

  it("refuses at the keypad a code revoked by its label", async () => {
    const made = JSON.parse((await s.cli("code", "--from", "today", "--label", "cancelled order", "--json")).stdout) as { code: string };
    const revoked = await s.cli("revoke", "cancelled order");
    expect(revoked.code).toBe(0);
    const before = coilPulses();
    s.box.type(`${made.code}#`);
    s.box.advance(2000);
    expect(coilPulses()).toBe(before);
    expect((await logRows()).at(-1)?.event).toBe("wrong-code");
  });

  it("ends a keypad lock-out with `parcelbox lift`, and logs it", async () => {
    const lockout = async () => Number(JSON.parse((await s.cli("status", "--json")).stdout).lockout);
    // Wrong codes until the box locks the keypad, watched in-process (quicker than the CLI).
    const lockedOut = () => / lockout=[1-9]/.test(boxState()[0]);
    for (let wrong = 0; wrong < 12 && !lockedOut(); wrong++) {
      s.box.type("00000000#");
      s.box.advance(2000);
    }
    expect(await lockout()).toBeGreaterThan(0);
    const r = await s.cli("lift");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("lifted");
    expect(await lockout()).toBe(0);
    expect((await logRows()).at(-1)?.event).toBe("lockout-lifted");
  });

  it("refuses a signed line the CLI sent, replayed raw over the pty", async () => {
    const signed = s
      .toBox()
      .split(/\r?\n/)
      .filter((l) => / REVOKE .* auth=[0-9a-f]{40}$/.test(l));
    expect(signed).toHaveLength(1);
    const port = await openRawPort(s.port);
    try {
      const answer = await port.send(`${signed[0]}\n`, (a) => / (OK|ERR)/.test(a));
      expect(answer).toMatch(/ ERR E_REPLAY\r?$/m);
    } finally {
      await port.close();
    }
  });

  it("survives fuzzed lines (random bytes, over-long lines, unsigned commands) with its state unchanged", async () => {
    const before = boxState();
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    const lines = [
      Buffer.from(Array.from({ length: 4000 }, random)),
      "x".repeat(1000) + "\n",
      `1 HELLO ${"a=b ".repeat(100)}\n`,
      "2 RESET confirm=erase\n",
      `3 PROVISION secret=${"00".repeat(20)} clock=1\n`,
      "4 CLOCK SET time=1\n",
      "5 SETTINGS SET unlockPulseMs=5000\n",
      "6 REVOKE kind=delivery start=1 hours=1 slot=0 nonce=00 auth=00\n",
      "7 LIFT\n\r\n\u0000\u00ff\n",
    ];
    const port = await openRawPort(s.port);
    try {
      for (const line of lines) await port.send(line, () => false, 150);
      const hello = await port.send("8 HELLO\n", (a) => a.includes("8 OK"));
      expect(hello).toContain("8 OK proto=PB2");
    } finally {
      await port.close();
    }
    // The box read every line and refused each one.
    const said = s.fromBox();
    for (const answer of ["- ERR E_TOO_LONG", "2 ERR E_AUTH", "3 ERR E_AUTH", "4 ERR E_AUTH", "5 ERR E_AUTH", "6 ERR E_", "- ERR E_BINARY"]) {
      expect(said).toContain(answer);
    }
    expect(boxState()).toEqual(before);
    expect(s.box.errors()).toEqual([]);
  });

  let oldSecret = Buffer.alloc(0);

  it("rekey: the box takes a new secret signed with the old one; the old code, owner code and key stop at once; the new ones work", async () => {
    oldSecret = secret();
    const oldCode = (JSON.parse((await s.cli("code", "--from", "now", "--label", "before rekey", "--json")).stdout) as { code: string }).code;
    const oldTotp = (JSON.parse((await s.cli("totp", "--json")).stdout) as { code: string }).code;
    const r = await s.cli("rekey", "--no-qr");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("stops working");
    expect(secret().equals(oldSecret)).toBe(false);
    s.pause();
    try {
      expect(s.box.authenticated(oldSecret, "STATUS").join(" ")).toMatch(/ ERR E_AUTH /);
    } finally {
      s.resume();
    }
    const before = coilPulses();
    s.box.type(`${oldCode}#`);
    s.box.advance(2000);
    s.box.type(`${oldTotp}#`);
    s.box.advance(2000);
    expect(coilPulses()).toBe(before);
    const made = JSON.parse((await s.cli("code", "--from", "now", "--label", "after rekey", "--json")).stdout) as { code: string };
    s.box.type(`${made.code}#`);
    s.box.advance(2000);
    expect(coilPulses()).toBe(before + 1);
    const log = await logRows();
    expect(log.filter((e) => e.event === "provisioned").map((e) => e.replaced)).toEqual(["0", "1"]);
    expect(log.at(-1)).toMatchObject({ event: "open", by: "delivery" });
  });

  it("never sends the secret, in bytes, hex or base32, in anything it said during these tests", () => {
    const sent = s.fromBox();
    expect(sent.length).toBeGreaterThan(1000);
    for (const key of [secret(), oldSecret]) {
      expect(key.length).toBe(20);
      for (const form of [key.toString("hex"), key.toString("hex").toUpperCase(), base32Encode(key.toString("latin1")), key.toString("latin1")]) {
        expect(sent.includes(form)).toBe(false);
      }
    }
  });
});
