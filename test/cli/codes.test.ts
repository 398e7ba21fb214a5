import "../../tools/lib/intrinsics-global.ts";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bench } from "./harness.ts";

// The worked example of docs/codes.md: S = "12345678901234567890", zoneOffsetHours = 1; --secret
// takes it as a profile's secretHex holds it.
const EXAMPLE_SECRET = Buffer.from("12345678901234567890").toString("hex");
const profileFile = (configHome: string) => join(configHome, "parcelbox", "boxes", "box-7f3a.json");

async function provisioned() {
  const b = bench();
  expect((await b.run("provision", "--no-qr")).code).toBe(0);
  return b;
}

const ledger = (configHome: string) => JSON.parse(readFileSync(profileFile(configHome), "utf8")).codes;

describe("parcelbox code with --secret", () => {
  it("makes the worked example's day code and reports its aligned window, not the hours asked for", async () => {
    const r = await bench().run("code", "--secret", EXAMPLE_SECRET, "--zone", "1", "--from", "2026-11-28 09:00", "--hours", "8", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      code: "16581294",
      id: "D-60551-24-0",
      kind: "delivery",
      from: "2026-11-27T23:00:00.000Z",
      until: "2026-11-28T23:00:00.000Z",
      uses: 1,
    });
  });

  it("prints the code, the local and UTC window, and a sentence for the shop", async () => {
    const r = await bench().run("code", "--secret", EXAMPLE_SECRET, "--zone", "1", "--from", "2026-11-28 09:00", "--hours", "8", "--label", "Amazon");
    expect(r.stdout).toContain("Delivery code 16581294");
    expect(r.stdout).toContain("Sat 28 Nov 00:00-24:00 box time (UTC+1)");
    expect(r.stdout).toContain("2026-11-27 23:00Z to 2026-11-28 23:00Z");
    expect(r.stdout).toContain("Parcel box at the door: type 16581294 then # on the keypad; the lid opens.");
  });

  it("gives the 2-use slot for --uses 2", async () => {
    const r = await bench().run("code", "--secret", EXAMPLE_SECRET, "--zone", "1", "--from", "2026-11-28", "--uses", "2", "--json");
    expect(JSON.parse(r.stdout)).toMatchObject({ id: "D-60551-24-4", uses: 2 });
  });

  it("makes a pickup code with the pickup kind's slots", async () => {
    const r = await bench().run("code", "--secret", EXAMPLE_SECRET, "--zone", "1", "--from", "2026-11-28", "--days", "14", "--kind", "pickup", "--uses", "6", "--json");
    expect(JSON.parse(r.stdout)).toMatchObject({ id: "P-60551-336-1", code: "07568185", uses: 10 });
  });

  it.each([
    [["--uses", "4"], "more uses than a delivery code has"],
    [["--hours", "2", "--days", "1"], "both --hours and --days"],
    [["--from", "next week"], "a --from it cannot read"],
    [["--from", "2026-11-27"], "a window already over"],
    [["--days", "8"], "a delivery window longer than 7 days"],
    [["--kind", "parcel"], "an unknown kind"],
    [["--zone", "15"], "a zone outside -12..14"],
  ])("exits 2 for %s (%s)", async (args) => {
    const r = await bench().run("code", "--secret", EXAMPLE_SECRET, ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });
});

describe("parcelbox code with a profile: the ledger", () => {
  it("records each code in the profile, still readable only by the owner", async () => {
    const b = await provisioned();
    await b.run("code", "--from", "tomorrow", "--label", "Amazon 302-1");
    expect(ledger(b.configHome)).toMatchObject([{ id: "D-60576-24-0", kind: "delivery", label: "Amazon 302-1", uses: 1, from: "2026-11-29T00:00:00.000Z", until: "2026-11-30T00:00:00.000Z" }]);
    expect(statSync(profileFile(b.configHome)).mode & 0o777).toBe(0o600);
  });

  it("skips slots already issued for the same window", async () => {
    const b = await provisioned();
    const first = JSON.parse((await b.run("code", "--from", "tomorrow", "--json")).stdout);
    const second = JSON.parse((await b.run("code", "--from", "tomorrow", "--json")).stdout);
    expect([first.id, second.id]).toEqual(["D-60576-24-0", "D-60576-24-1"]);
    expect(second.code).not.toBe(first.code);
  });

  it("exits 2 when every slot with enough uses for the window is issued", async () => {
    const b = await provisioned();
    expect((await b.run("code", "--from", "tomorrow", "--uses", "3")).code).toBe(0);
    expect((await b.run("code", "--from", "tomorrow", "--uses", "3")).code).toBe(2);
  });

  it("uses the box's zone from the profile", async () => {
    const b = await provisioned();
    // As `provision --set zoneOffsetHours=1` or `config zoneOffsetHours=1` leave it (the fake box has no zone setting).
    const profile = JSON.parse(readFileSync(profileFile(b.configHome), "utf8"));
    writeFileSync(profileFile(b.configHome), JSON.stringify({ ...profile, zoneOffsetHours: 1 }));
    const r = JSON.parse((await b.run("code", "--from", "2026-11-29", "--json")).stdout);
    expect(r).toMatchObject({ zoneOffsetHours: 1, from: "2026-11-28T23:00:00.000Z" });
  });

  it("refuses --zone with a profile, since the box's own zone decides", async () => {
    const b = await provisioned();
    expect((await b.run("code", "--zone", "2")).code).toBe(2);
  });

  it("exits 5 without a profile or --secret", async () => {
    expect((await bench().run("code")).code).toBe(5);
  });
});

describe("parcelbox codes", () => {
  it("lists issued codes with their state: valid now, not yet valid, revoked by us", async () => {
    const b = await provisioned();
    await b.run("code", "--from", "now", "--hours", "1", "--label", "today");
    await b.run("code", "--from", "tomorrow", "--label", "later");
    await b.run("code", "--from", "tomorrow", "--label", "gone");
    expect((await b.run("revoke", "gone")).code).toBe(0);
    const states = JSON.parse((await b.run("codes", "--json")).stdout).map((c: { label: string; state: string }) => [c.label, c.state]);
    expect(states).toEqual([
      ["today", "valid"],
      ["later", "not yet valid"],
      ["gone", "revoked"],
    ]);
  });

  it("marks a code used once --sync finds its opens in the box's log", async () => {
    const b = await provisioned();
    const issued = JSON.parse((await b.run("code", "--from", "now", "--json")).stdout);
    // The box logs the open as numbers: open (2) by a delivery code (c=1), a = the window's start, b = hours, slot and uses left.
    const [start, hours, slot] = (issued.id as string).slice(2).split("-").map(Number);
    b.box.state.log.push({ index: b.box.state.log.length, time: 0, type: 2, a: start, b: hours * 65536 + slot * 256, c: 1 });
    const rows = JSON.parse((await b.run("codes", "--sync", "--json")).stdout);
    expect(rows[0]).toMatchObject({ id: issued.id, state: "used", usedCount: 1 });
  });

  it("says so when no code was issued", async () => {
    const b = await provisioned();
    expect((await b.run("codes")).stdout).toContain("no codes issued");
  });
});

describe("parcelbox revoke by digits or label", () => {
  it("revokes the code with those 8 digits from the ledger", async () => {
    const b = await provisioned();
    const issued = JSON.parse((await b.run("code", "--from", "tomorrow", "--json")).stdout);
    expect((await b.run("revoke", issued.code)).code).toBe(0);
    expect(b.box.state.revoked).toEqual([{ kind: "delivery", start: 60576, hours: 24, slot: 0 }]);
    expect(ledger(b.configHome)[0].revokedAt).toBe("2026-11-28T09:00:00.000Z");
  });

  it("exits 2 and revokes nothing when a label names two codes", async () => {
    const b = await provisioned();
    await b.run("code", "--from", "tomorrow", "--label", "shop");
    await b.run("code", "--from", "tomorrow", "--label", "shop");
    const r = await b.run("revoke", "shop");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("D-60576-24-0, D-60576-24-1");
    expect(b.box.state.revoked).toEqual([]);
  });
});
