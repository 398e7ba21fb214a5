/**
 * The command line as an owner types it, right and wrong: per-command help from the declarations
 * (tools/cli/usage.ts), every bad value answered with the same kind of message and exit 2 (never
 * Node's option-parser text), the master secret told apart from the authenticator's, grammar.
 */
import "../../tools/lib/intrinsics-global.ts";
import { describe, expect, it } from "vitest";
import { deriveKeys } from "../../firmware/core/codes/keys.ts";
import { base32Encode } from "../../firmware/core/otp/base32.ts";
import { AUTHENTICATOR_TOTP, totp } from "../../firmware/core/otp/totp.ts";
import { boxSecondsOf } from "../../tools/cli/box-time.ts";
import { COMMANDS } from "../../tools/cli/usage.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";
import { bench, NOW } from "./harness.ts";

async function provisioned() {
  const b = bench();
  expect((await b.run("provision", "--no-qr")).code).toBe(0);
  return b;
}

/** A message an owner can read: one line, quotes and backticks paired, no parser jargon. */
function expectPlainMessage(stderr: string): void {
  const message = stderr.replace(/^parcelbox: /, "").trimEnd();
  expect(message.split("\n"), stderr).toHaveLength(1);
  expect((message.match(/`/g) ?? []).length % 2, `unpaired backtick in ${message}`).toBe(0);
  expect((message.match(/"/g) ?? []).length % 2, `unpaired quote in ${message}`).toBe(0);
  expect(message, "a quoted option as Node's parser writes it").not.toMatch(/'-|"-/);
  expect(message).not.toMatch(/ambiguous|positional argument|ERR_PARSE_ARGS|Did you forget/);
}

describe("parcelbox <command> --help", () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))("%s --help prints that command's usage and every option it takes, exit 0", async (name, spec) => {
    const r = await bench().run(name, "--help");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`usage: parcelbox ${name}${spec.synopsis ? ` ${spec.synopsis.replace(/\n\s*/g, " ")}` : ""}`);
    for (const o of spec.options) expect(r.stdout).toContain(`--${o.name}`);
    // Only this command: one usage line, and no other command's summary.
    expect(r.stdout.split("\n").filter((l) => l.startsWith("usage:"))).toHaveLength(1);
    for (const other of COMMANDS.filter((c) => c.name !== name)) expect(r.stdout).not.toContain(other.summary[0]);
  });

  it("`parcelbox help code` and `parcelbox code -h` print the same as `parcelbox code --help`", async () => {
    const b = bench();
    const help = (await b.run("code", "--help")).stdout;
    expect((await b.run("help", "code")).stdout).toBe(help);
    expect((await b.run("code", "-h")).stdout).toBe(help);
  });

  it("the global help lists every command from the same declarations", async () => {
    const r = await bench().run("--help");
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name}${c.synopsis ? ` ${c.synopsis.split("\n")[0]}` : ""}`);
  });
});

describe("bad input on the command line: exit 2 and a plain message", () => {
  it.each([
    [["code", "--secret", "3132333435363738393031323334353637383930", "--hours", "-3"], "--hours takes a whole number from 1 to 336"],
    [["code", "--secret", "3132333435363738393031323334353637383930", "--uses", "-1"], "--uses takes a whole number from 1 to"],
    [["log", "--last", "-5"], "--last takes a whole number"],
    [["code", "--secret", "3132333435363738393031323334353637383930", "--hours", "0"], "--hours takes a whole number from 1 to 336"],
    [["code", "--secret", "3132333435363738393031323334353637383930", "--zone", "-13"], "--zone takes the box's zoneOffsetHours"],
  ])("%j says %s, as other bad values do", async (argv, message) => {
    const r = await (await provisioned()).run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expectPlainMessage(r.stderr);
  });

  it("a negative number gets the same message as another out-of-range number", async () => {
    const b = bench();
    const secret = ["--secret", "3132333435363738393031323334353637383930"];
    const negative = await b.run("code", ...secret, "--hours", "-3");
    const tooMany = await b.run("code", ...secret, "--hours", "999");
    expect(negative.stderr).toBe(tooMany.stderr);
  });

  it.each([
    [["status", "--bogus"], "status has no option --bogus; see `parcelbox status --help`"],
    [["status", "--hours", "3"], "status has no option --hours (--hours goes with code)"],
    [["code", "--hours"], "--hours needs a value (N)"],
    [["status", "--json=yes"], "--json is a switch and takes no value"],
    [["code", "--hours", "3", "--hours", "4"], "--hours is given twice"],
    [["status", "now"], "status takes no argument, not now"],
    [["fly"], "unknown command fly; `parcelbox --help` lists the commands"],
    [["revoke", "-5"], "-5 is not an option"],
    [["-x"], "unknown option -x"],
  ])("%j: %s", async (argv, message) => {
    const r = await bench().run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expectPlainMessage(r.stderr);
  });

  it("takes --port on every command, as scripts pass it; one that needs no box ignores it", async () => {
    const r = await bench().run("code", "--secret", "3132333435363738393031323334353637383930", "--port", "/dev/ttyACM0", "--json");
    expect(r.code).toBe(0);
  });

  it("takes options before the command and --name=value", async () => {
    const b = await provisioned();
    const r = await b.run("--json", "totp", "--at=2026-11-28T09:00:00Z");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).at).toBe("2026-11-28T09:00:00.000Z");
  });
});

describe("parcelbox totp", () => {
  it("with one saved profile needs no --box, like `code`", async () => {
    const b = await provisioned();
    const r = await b.run("totp", "--json");
    expect(r.code).toBe(0);
    const ownerKey = deriveKeys(nodeHasher, b.box.state.secret).ownerKey;
    expect(JSON.parse(r.stdout)).toMatchObject({ box: "box-7f3a", code: totp(nodeHasher, ownerKey, boxSecondsOf(NOW), AUTHENTICATOR_TOTP) });
  });

  it("without a profile says to provision or give --secret (exit 5)", async () => {
    const r = await bench().run("totp");
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("no box profile");
  });

  it("refuses the authenticator app's secret (base32 from the otpauth URI) and says which secret it takes", async () => {
    const b = await provisioned();
    const ownerKey = deriveKeys(nodeHasher, b.box.state.secret).ownerKey;
    const r = await b.run("totp", "--secret", base32Encode(ownerKey));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("authenticator app's secret");
    expect(r.stderr).toContain("secretHex");
    expectPlainMessage(r.stderr);
  });

  it("refuses a whole otpauth:// URI", async () => {
    const r = await bench().run("totp", "--secret", `otpauth://totp/parcelbox:box?secret=${base32Encode("x".repeat(20))}&issuer=parcelbox`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("otpauth:// URI");
  });

  it("refuses the master secret in base32 too: base32 is the authenticator's form, and `code --secret` refuses it alike", async () => {
    const secret = base32Encode("12345678901234567890");
    for (const command of ["totp", "code"]) {
      const r = await bench().run(command, "--secret", secret);
      expect([command, r.code]).toEqual([command, 2]);
      expect(r.stderr).toContain("secretHex");
    }
  });

  it("refuses anything else that is not 40 hex digits", async () => {
    for (const text of ["abc", "31323334353637383930313233343536373839", "zz".repeat(20)]) {
      const r = await bench().run("totp", "--secret", text);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("not a master secret");
    }
  });
});

describe("what the box's answers read like", () => {
  it("status says 1 wrong code, 2 wrong codes", async () => {
    const b = await provisioned();
    b.box.state.wrong = 1;
    expect((await b.run("status")).stdout).toContain("(1 wrong code counted)");
    b.box.state.wrong = 2;
    expect((await b.run("status")).stdout).toContain("(2 wrong codes counted)");
  });

  it("status shows a lid forced open as forced, not as unlocked (STATUS says lock=unlocked for it)", async () => {
    const b = await provisioned();
    b.box.state.alarm = "forced";
    const shown = (await b.run("status")).stdout;
    expect(shown).toMatch(/lock\s+forced open \(the box never released it\)/);
    expect(shown).not.toMatch(/lock\s+unlocked/);
  });

  it("status shows the battery in volts, and what to do when it is low or critical", async () => {
    const b = await provisioned();
    expect((await b.run("status")).stdout).toMatch(/battery\s+6\.12 V, ok/);
    b.box.state.battery = "low";
    b.box.state.batteryMv = 5240;
    expect((await b.run("status")).stdout).toMatch(/battery\s+5\.24 V: low, about four weeks left: change the cells soon/);
    b.box.state.battery = "critical";
    b.box.state.batteryMv = 4790;
    expect((await b.run("status")).stdout).toMatch(/battery\s+4\.79 V: critical, the lock may no longer open/);
    b.box.state.battery = "unknown";
    b.box.state.batteryMv = -1;
    expect((await b.run("status")).stdout).toMatch(/battery\s+not measured/);
    expect(JSON.parse((await b.run("status", "--json")).stdout)).toMatchObject({ battery: "unknown", batterymv: "-1" });
  });

  it("lift says how many wrong codes were counted, in the singular for one", async () => {
    const b = await provisioned();
    b.box.state.wrong = 1;
    expect((await b.run("lift")).stdout).toContain("(1 was counted)");
  });

  it("clock shows when the box's clock was last set, from the box's lastset", async () => {
    const b = await provisioned();
    b.box.state.lastSet = boxSecondsOf(NOW) - 2 * 3600 - 5 * 60;
    b.box.state.clock = boxSecondsOf(NOW);
    const r = await b.run("clock");
    expect(r.stdout).toMatch(/last set\s+2026-11-28 06:55:00Z \(2 h 5 min ago, box time\)/);
    expect(JSON.parse((await b.run("clock", "--json")).stdout).lastSet).toBe(b.box.state.lastSet);
  });

  it("clock --sync shows the sync as the last set time", async () => {
    const b = await provisioned();
    b.box.state.lastSet = 1000;
    const r = await b.run("clock", "--sync");
    expect(r.stdout).toMatch(/last set\s+2026-11-28 09:00:00Z \(0 min ago, box time\)/);
  });

  it("clock says the box does not record it when lastset is -1 (older firmware), not a wrong time", async () => {
    const b = await provisioned();
    b.box.state.lastSet = -1;
    const r = await b.run("clock");
    expect(r.stdout).toMatch(/last set\s+not recorded by this box/);
    expect(JSON.parse((await b.run("clock", "--json")).stdout).lastSet).toBeNull();
  });
});
