import "../../tools/lib/intrinsics-global.ts";
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deriveKeys } from "../../firmware/core/codes/keys.ts";
import { base32Encode } from "../../firmware/core/otp/base32.ts";
import { AUTHENTICATOR_TOTP, totp } from "../../firmware/core/otp/totp.ts";
import { boxSecondsOf } from "../../tools/cli/box-time.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";
import { bench, BOX_PORT, NOW } from "./harness.ts";

const profileFile = (configHome: string, box: string) => join(configHome, "parcelbox", "boxes", `${box}.json`);

async function provisioned() {
  const b = bench();
  const r = await b.run("provision", "--no-qr");
  expect(r.code).toBe(0);
  return b;
}

describe("parcelbox provision", () => {
  it("gives the box a fresh 20-byte secret, sets its clock and saves the profile readable only by the owner", async () => {
    const b = bench();
    const r = await b.run("provision", "--no-qr", "--set", "unlockPulseMs=900");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const path = profileFile(b.configHome, "box-7f3a");
    const profile = JSON.parse(readFileSync(path, "utf8"));
    expect(Buffer.from(profile.secretHex, "hex").toString("latin1")).toBe(b.box.state.secret);
    expect(b.box.state.secret).toHaveLength(20);
    expect(b.box.state.clock).toBe(boxSecondsOf(NOW));
    expect(b.box.state.settings[0].value).toBe(900);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(b.configHome, "parcelbox", "boxes")).mode & 0o777).toBe(0o700);
  });

  it("shows the owner key's otpauth URI and never prints the master secret", async () => {
    const b = bench();
    const r = await b.run("provision");
    const ownerKey = deriveKeys(nodeHasher, b.box.state.secret).ownerKey;
    expect(r.stdout).toContain(`otpauth://totp/parcelbox:box-7f3a?secret=${base32Encode(ownerKey)}&issuer=parcelbox&algorithm=SHA1&digits=6&period=30`);
    expect(r.stdout).not.toContain(Buffer.from(b.box.state.secret, "latin1").toString("hex"));
    expect(r.stdout).not.toContain(base32Encode(b.box.state.secret));
  });

  it("prints box, profile and URI with --json", async () => {
    const b = bench();
    const r = await b.run("provision", "--json");
    expect(JSON.parse(r.stdout)).toMatchObject({ box: "box-7f3a", profile: profileFile(b.configHome, "box-7f3a") });
  });

  it("refuses a provisioned box with exit 4 and says how to replace its secret or start over", async () => {
    const b = await provisioned();
    const before = readFileSync(profileFile(b.configHome, "box-7f3a"), "utf8");
    const r = await b.run("provision");
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("parcelbox rekey");
    expect(r.stderr).toContain("service button");
    expect(readFileSync(profileFile(b.configHome, "box-7f3a"), "utf8")).toBe(before);
  });
});

describe("parcelbox rekey", () => {
  it("gives the box a new secret, signed with the old one, and the profile takes it after the box's OK", async () => {
    const b = await provisioned();
    const old = b.box.state.secret;
    const r = await b.run("rekey", "--no-qr");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(b.box.state.secret).toHaveLength(20);
    expect(b.box.state.secret).not.toBe(old);
    const profile = JSON.parse(readFileSync(profileFile(b.configHome, "box-7f3a"), "utf8"));
    expect(Buffer.from(profile.secretHex, "hex").toString("latin1")).toBe(b.box.state.secret);
    expect(statSync(profileFile(b.configHome, "box-7f3a")).mode & 0o777).toBe(0o600);
    expect(existsSync(profileFile(b.configHome, "box-7f3a") + ".new")).toBe(false);
    const ownerKey = deriveKeys(nodeHasher, b.box.state.secret).ownerKey;
    expect(r.stdout).toContain(`secret=${base32Encode(ownerKey)}`);
    expect((await b.run("status")).code).toBe(0);
  });

  it("drops the old codes from the laptop's list and says they stopped working", async () => {
    const b = await provisioned();
    expect((await b.run("code", "--hours", "8", "--label", "shop")).code).toBe(0);
    const r = await b.run("rekey", "--json");
    expect(JSON.parse(r.stdout)).toMatchObject({ box: "box-7f3a", codesDropped: 1 });
    expect(JSON.parse(readFileSync(profileFile(b.configHome, "box-7f3a"), "utf8")).codes).toEqual([]);
  });

  it("keeps the profile as it was when the box refuses the new secret", async () => {
    const b = await provisioned();
    const before = readFileSync(profileFile(b.configHome, "box-7f3a"), "utf8");
    const provision = b.box.services.provision;
    b.box.services.provision = () => ({ ok: false, code: "E_STATE", message: "flash full", fields: [] });
    const r = await b.run("rekey");
    expect(r.code).toBe(4);
    expect(readFileSync(profileFile(b.configHome, "box-7f3a"), "utf8")).toBe(before);
    expect(existsSync(profileFile(b.configHome, "box-7f3a") + ".new")).toBe(false);
    b.box.services.provision = provision;
  });

  it("needs the box's profile: without it the box cannot be signed for (exit 5)", async () => {
    const b = await provisioned();
    rmSync(profileFile(b.configHome, "box-7f3a"));
    expect((await b.run("rekey")).code).toBe(5);
  });
});

describe("a box that was reset", () => {
  it("is named as reset when this laptop has a profile and the box answers provisioned=0 (exit 5)", async () => {
    const b = await provisioned();
    b.box.state.secret = "";
    const r = await b.run("status");
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("has been reset");
    expect(r.stderr).toContain("box-7f3a");
    expect(r.stderr).toContain("parcelbox provision");
  });
});

describe("parcelbox totp", () => {
  it("prints the owner code from the profile, the same as the authenticator app", async () => {
    const b = await provisioned();
    const r = await b.run("totp", "--box", "box-7f3a", "--json");
    const ownerKey = deriveKeys(nodeHasher, b.box.state.secret).ownerKey;
    expect(JSON.parse(r.stdout).code).toBe(totp(nodeHasher, ownerKey, boxSecondsOf(NOW), AUTHENTICATOR_TOTP));
  });

  it("takes --secret (the master secret as a profile holds it, hex) instead of a profile", async () => {
    const b = bench();
    const secret = "0123456789abcdefghij";
    const r = await b.run("totp", "--secret", Buffer.from(secret, "latin1").toString("hex"), "--json");
    const ownerKey = deriveKeys(nodeHasher, secret).ownerKey;
    expect(JSON.parse(r.stdout).code).toBe(totp(nodeHasher, ownerKey, boxSecondsOf(NOW), AUTHENTICATOR_TOTP));
  });

  it("refuses a secret that is not 20 bytes with exit 2", async () => {
    expect((await bench().run("totp", "--secret", "GEZDGNBV")).code).toBe(2);
  });
});

describe("parcelbox box commands", () => {
  it("status --json reports the box's state", async () => {
    const b = await provisioned();
    const r = await b.run("status", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ box: "box-7f3a", lock: "locked", lid: "closed", lockout: "0" });
  });

  it("status without a profile on this computer exits 5 and says where the profile should be", async () => {
    const b = await provisioned();
    const other = bench(); // another computer: its own config dir

    other.box = b.box;
    const r2 = await other.run("status");
    expect(r2.code).toBe(5);
    expect(r2.stderr).toContain("no profile for box box-7f3a");
  });

  it("a profile with the wrong secret gets exit 5 from the box's E_AUTH", async () => {
    const b = await provisioned();
    const path = profileFile(b.configHome, "box-7f3a");
    const profile = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...profile, secretHex: "ab".repeat(20) }));
    const r = await b.run("status");
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("rejected");
  });

  it("log prints the audit log as a table, CSV and JSON, naming the numbers the box sends", async () => {
    const b = await provisioned();
    // open (2) by a delivery code (c=1) of the window D-2-24-3, no uses left (docs/storage.md).
    b.box.state.log.push({ index: 1, time: 7200, type: 2, a: 2, b: 24 * 65536 + 3 * 256, c: 1 });
    const table = await b.run("log");
    expect(table.stdout).toMatch(/1\s+2020-01-01T02:00:00.000Z\s+open\s+by=delivery code=D-2-24-3 usesLeft=0/);
    expect((await b.run("log", "--csv")).stdout.split("\n")[0]).toBe("index,time,event,details");
    const json = JSON.parse((await b.run("log", "--json")).stdout);
    expect(json[1]).toEqual({ index: 1, time: "2020-01-01T02:00:00.000Z", boxTime: 7200, event: "open", by: "delivery", code: "D-2-24-3", usesLeft: "0" });
  });

  it("log shows an event type it does not know by its numbers", async () => {
    const b = await provisioned();
    b.box.state.log.push({ index: 1, time: 7200, type: 200, a: 1, b: -2, c: 3 });
    expect((await b.run("log")).stdout).toMatch(/event-200\s+a=1 b=-2 c=3/);
  });

  it("log refuses a LOG entry it cannot read instead of naming it wrongly", async () => {
    const b = await provisioned();
    b.box.state.log.push({ index: 1, time: 7200, type: Number.NaN, a: 0, b: 0, c: 0 });
    const r = await b.run("log");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("LOG entry this tool cannot read (i=1 t=7200 e=NaN a=0 b=0 c=0)");
  });

  it("refuses a box of another protocol version (a PB1 box named its LOG events itself)", async () => {
    const b = await provisioned();
    b.box.services.identify = () => ({ proto: "PB1", model: "parcelbox", firmware: "0.1.0", boxId: b.box.state.boxId, runtime: "node", board: "sim" });
    const r = await b.run("log");
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('speaks protocol "PB1", this tool speaks PB2: update the tool or the firmware');
  });

  it("log pages through more entries than one LOG answer holds, and --last keeps the tail", async () => {
    const b = await provisioned();
    for (let i = 1; i < 120; i++) b.box.state.log.push({ index: i, time: i, type: 3, a: 1, b: 8, c: 0 });
    expect(JSON.parse((await b.run("log", "--json")).stdout)).toHaveLength(120);
    const reads: number[][] = [];
    const read = b.box.services.logRead;
    b.box.services.logRead = (from, count) => (reads.push([from, count]), read(from, count));
    const tail = JSON.parse((await b.run("log", "--json", "--last", "5")).stdout);
    expect(tail.map((e: { index: number }) => e.index)).toEqual([115, 116, 117, 118, 119]);
    expect(reads).toEqual([[0, 1], [115, 50]]); // the tail only, not the whole log
  });

  it("clock --sync sets the box clock to this computer's time", async () => {
    const b = await provisioned();
    b.box.state.clock = 5;
    const r = await b.run("clock", "--sync", "--json");
    expect(b.box.state.clock).toBe(boxSecondsOf(NOW));
    expect(JSON.parse(r.stdout)).toMatchObject({ offsetSeconds: 0, synced: true });
  });

  it("clock without --sync only reads the clock", async () => {
    const b = await provisioned();
    b.box.state.clock = boxSecondsOf(NOW) + 42;
    const r = await b.run("clock", "--json");
    expect(JSON.parse(r.stdout).offsetSeconds).toBe(42);
    expect(b.box.calls).not.toContain("clockSet");
  });

  it("revoke sends the code id to the box", async () => {
    const b = await provisioned();
    const r = await b.run("revoke", "D-60123-24-0");
    expect(r.code).toBe(0);
    expect(b.box.state.revoked).toEqual([{ kind: "delivery", start: 60123, hours: 24, slot: 0 }]);
  });

  it("revoke refuses something that is not a code id with exit 2", async () => {
    const b = await provisioned();
    expect((await b.run("revoke", "12345678")).code).toBe(2);
    expect(b.box.state.revoked).toEqual([]);
  });

  it("a half line left in the box from an earlier session (answered as the wake-up completes it) is not taken for HELLO's answer", async () => {
    const b = await provisioned();
    b.leftover = "\x01half a line";
    const r = await b.run("status", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ box: "box-7f3a", lock: "locked" });
  });

  it("lift sends LIFT signed and reports the lock-out it ended", async () => {
    const b = await provisioned();
    const r = await b.run("lift", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ box: "box-7f3a", lifted: true, lockoutSecondsBefore: 0 });
    expect(b.box.calls).toContain("liftLockout");
  });

  it("lift without a profile exits 5 and lifts nothing", async () => {
    const b = await provisioned();
    const other = bench();
    other.box = b.box;
    expect((await other.run("lift")).code).toBe(5);
    expect(b.box.calls).not.toContain("liftLockout");
  });

  it("config shows settings and changes one", async () => {
    const b = await provisioned();
    const r = await b.run("config", "buzzerEnabled=0", "--json");
    expect(JSON.parse(r.stdout)).toEqual({ buzzerEnabled: 0 });
    expect(b.box.state.settings[1].value).toBe(0);
    expect(JSON.parse((await b.run("config", "--json")).stdout)).toEqual({ unlockPulseMs: 1500, buzzerEnabled: 0 });
  });

  it("config passes the box's refusal on with exit 4", async () => {
    const b = await provisioned();
    const r = await b.run("config", "nosuch=1");
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("E_RANGE");
  });
});

describe("parcelbox ports and port choice", () => {
  it("lists ports and marks box-like ones, also as JSON", async () => {
    const b = bench();
    b.ports = [BOX_PORT, { path: "/dev/ttyS0", vendorId: "", productId: "", manufacturer: "", serialNumber: "", boxHint: "" }];
    const r = await b.run("ports", "--json");
    expect(JSON.parse(r.stdout).map((p: { boxHint: string }) => p.boxHint !== "")).toEqual([true, false]);
  });

  it("uses the one box-like port without --port", async () => {
    const b = bench();
    await b.run("clock");
    expect(b.opened).toEqual(["/dev/ttyACM0"]);
  });

  it("exits 3 when no box is connected", async () => {
    const b = bench();
    b.ports = [];
    const r = await b.run("status");
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("--port");
  });

  it("exits 3 and names the ports when several boxes are connected", async () => {
    const b = bench();
    b.ports = [BOX_PORT, { ...BOX_PORT, path: "/dev/ttyUSB0" }];
    const r = await b.run("status");
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("/dev/ttyUSB0");
  });

  it("exits 6 when the port never answers", async () => {
    const b = bench();
    b.silent = true;
    b.timeoutMs = 50;
    const r = await b.run("clock");
    expect(r.code).toBe(6);
  });

  it("exits 2 on an unknown command or option", async () => {
    expect((await bench().run("fly")).code).toBe(2);
    expect((await bench().run("status", "--bogus")).code).toBe(2);
  });
});
