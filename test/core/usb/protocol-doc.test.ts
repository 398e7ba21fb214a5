/**
 * docs/protocol.md against the commands' declaration (firmware/core/usb/commands.ts and its
 * host-side half, firmware/core/host/commands.ts), and the declaration against the box: what a
 * real box (the TypeScript sources on the fake board, owner's side included) answers to each
 * command, and which errors it gives, must be what is declared.
 */
import "../../../tools/lib/intrinsics-global.ts";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ANY_REQUEST_ERRORS, COMMAND_ANSWERS, commandErrors, explainRefusal, REFUSALS, refusalOf } from "../../../firmware/core/host/commands.ts";
import { commandList, commandSpec, parseResponse } from "../../../firmware/core/host/protocol.ts";
import type { UsbCommandName } from "../../../firmware/core/usb/commands.ts";
import type { UsbErrorCode } from "../../../firmware/core/usb/protocol.ts";
import { documentedTable, generatedTable, PROTOCOL_DOC, TABLE_NAMES } from "../../../tools/docs/protocol-tables.ts";
import { BoxRig, HOUR, MORNING, SECRET } from "../box/rig.ts";

const COMMANDS = commandList();

const DOC = readFileSync(PROTOCOL_DOC, "utf8");

describe("docs/protocol.md", () => {
  for (const name of TABLE_NAMES) {
    it(`its ${name} table is the declaration's (regenerate with tools/docs/protocol-tables.ts --write)`, () => {
      expect(documentedTable(DOC, name)).toBe(generatedTable(name));
    });
  }

  it("describes every declared command under its own heading, in the declaration's order, and no other", () => {
    const headings = [...DOC.matchAll(/^### `([A-Z]+(?: [A-Z]+)?)[ `]/gm)].map((m) => m[1]);
    expect(headings).toEqual(COMMANDS.map((c) => c.name));
  });
});

describe("the commands' declaration (firmware/core/usb/commands.ts)", () => {
  it("declares exactly the names of UsbCommandName, each once (the host half has an answer for each)", () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual((Object.keys(COMMAND_ANSWERS) as UsbCommandName[]).sort());
  });

  it("reads as the arguments and ways in the docs list (a sample of each kind)", () => {
    expect(commandSpec("PROVISION")).toEqual({
      name: "PROVISION",
      access: [2, 1],
      args: [
        { key: "secret", kind: 1, min: 20, max: 20, words: [], required: true },
        { key: "clock", kind: 0, min: 0, max: 2147483647, words: [], required: true },
        { key: "box", kind: 2, min: 1, max: 16, words: [], required: false },
        { key: "<setting>", kind: 4, min: 0, max: 16, words: [], required: false },
      ],
      rekeys: true,
    });
    expect(commandSpec("REVOKE")?.args[0]).toEqual({ key: "kind", kind: 3, min: 0, max: 0, words: ["delivery", "pickup"], required: true });
    expect(commandSpec("RESET")).toEqual({ name: "RESET", access: [1], args: [{ key: "confirm", kind: 3, min: 0, max: 0, words: ["erase"], required: true }], rekeys: true });
    expect(commandSpec("HELLO")).toEqual({ name: "HELLO", access: [0], args: [], rekeys: false });
    expect(commandSpec("CLOCK")).toBeUndefined();
  });
});

describe("refusals: a code and a short reason on the wire, explained by the owner's tool", () => {
  it("lists each reason once per code, and reads a reason with a key back to its row", () => {
    const keys = REFUSALS.map((r) => `${r.code} ${r.reason}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(refusalOf("E_RANGE", "count=")?.key).toBe("count");
    expect(refusalOf("E_SYNTAX", "unknown verbose=")?.key).toBe("verbose");
    expect(refusalOf("E_STATE", "lid")?.key).toBe("");
    expect(refusalOf("E_STATE", "because")).toBeUndefined();
    expect(refusalOf("E_RANGE", "=")).toBeUndefined();
  });

  it.each([
    ["LOCKTEST", "E_STATE", "lid", "the lid is open: close it to test the lock"],
    ["CLOCK SET", "E_STATE", "rtc", "clock set, but the DS3231 did not take it: check its wiring; after a power cut the box reads the DS3231's old time again"],
    ["LIFT", "E_STATE", "clock", "set the clock first (parcelbox clock --sync)"],
    ["STATUS", "E_REPLAY", "", "nonce unknown or already used: send CHALLENGE for a new one"],
    ["STATUS", "E_AUTH", "unsigned", "STATUS needs nonce= and auth=: send CHALLENGE first"],
    ["LOG", "E_RANGE", "count=", "count= must be a whole number from 1 to 50"],
    ["PROVISION", "E_RANGE", "secret=", "secret= must be 20 bytes of hex"],
    ["PROVISION", "E_RANGE", "box=", "box= must be 1-16 letters, digits, '-', '_' or '.'"],
    ["REVOKE", "E_RANGE", "kind=", "kind= must be delivery or pickup"],
    ["REVOKE", "E_RANGE", "code", "no such code: check kind, start, hours and slot (parcelbox codes lists them)"],
    ["SETTINGS SET", "E_RANGE", "unlockPulseMs=", "unlockPulseMs must be a whole number between 100 and 5000"],
    ["SETTINGS SET", "E_RANGE", "nope=", "unknown setting nope"],
    ["SETTINGS SET", "E_SYNTAX", "settings", "SETTINGS SET takes exactly 1 name=value"],
    ["PROVISION", "E_SYNTAX", "settings", "PROVISION takes at most 16 settings"],
    ["STATUS", "E_SYNTAX", "unknown verbose=", "STATUS does not take verbose"],
    ["LOG", "E_SYNTAX", "missing", "a required argument is missing (the command table lists them)"],
    // A reason this tool does not know (a newer box's) is shown as the box sent it.
    ["STATUS", "E_STATE", "newer-reason", "newer-reason"],
  ])("%s %s %j reads %j", (command, code, reason, text) => {
    expect(explainRefusal(command, code, reason)).toBe(text);
  });
});

/** A provisioned box with its lid open and the service button held: nothing physical opens the port. */
function openLidAndButton(): BoxRig {
  const rig = BoxRig.provisioned();
  rig.lid(true);
  rig.fake.service(true);
  return rig;
}

/** A request that each command takes, as the owner's tool would send it. */
const GOOD: Record<UsbCommandName, string> = {
  HELLO: "HELLO",
  CHALLENGE: "CHALLENGE",
  "CLOCK GET": "CLOCK GET",
  PROVISION: `PROVISION secret=${SECRET.toString("hex")} clock=218278800 box=kitchen`,
  "CLOCK SET": "CLOCK SET time=218278900",
  STATUS: "STATUS",
  LOG: "LOG from=0 count=5",
  // The day's 24-hour window: it starts at local midnight, nine hours before MORNING.
  REVOKE: `REVOKE kind=delivery start=${MORNING / HOUR - 9} hours=24 slot=0`,
  "SETTINGS GET": "SETTINGS GET",
  "SETTINGS SET": "SETTINGS SET buzzerEnabled=0",
  LOCKTEST: "LOCKTEST",
  LIFT: "LIFT",
  RESET: "RESET confirm=erase",
};

describe("the box answers as each command is declared", () => {
  for (const spec of COMMANDS) {
    it(`${spec.name}: OK with ${COMMAND_ANSWERS[spec.name].ok.join(" ") || "no fields"}`, () => {
      const rig = BoxRig.provisioned();
      const open = spec.access.indexOf(0) >= 0;
      const lines = (open ? rig.request(GOOD[spec.name]) : rig.authenticated(GOOD[spec.name])).map((l) => parseResponse(l)!);
      const last = lines[lines.length - 1];
      expect(last.kind, lines.map((l) => `${l.kind} ${l.code} ${l.message}`).join(" | ")).toBe("OK");
      expect(last.fields.map((f) => f.key)).toEqual(COMMAND_ANSWERS[spec.name].ok);
      const data = lines.filter((l) => l.kind === "DATA");
      for (const d of data) expect(d.fields.slice(0, COMMAND_ANSWERS[spec.name].data.length).map((f) => f.key)).toEqual(COMMAND_ANSWERS[spec.name].data);
      if (COMMAND_ANSWERS[spec.name].data.length === 0) expect(data).toEqual([]);
    });
  }
});

describe("the box refuses each command only with its declared errors", () => {
  /** Lines that go wrong in every way one command can: missing, unknown and out-of-range keys, and each way in. */
  function attempts(name: UsbCommandName): string[] {
    const good = GOOD[name];
    const [, ...args] = good.slice(name.length).split(" ");
    const out = [good, `${name} bogus=1`];
    for (let i = 0; i < args.length; i++) {
      const [key] = args[i].split("=");
      out.push([name, ...args.filter((_, k) => k !== i)].join(" "));
      for (const bad of ["-1", "x", "99999999999", "%41", ""]) out.push([name, ...args.map((a, k) => (k === i ? `${key}=${bad}` : a))].join(" "));
    }
    if (name === "SETTINGS SET") out.push(`${name} nope=1`, `${name} unlockPulseMs=1`, `${name} buzzerEnabled=0 unlockPulseMs=900`);
    if (name === "PROVISION") out.push(`${good} zoneOffsetHours=99`, `${good} nope=1`);
    return out;
  }

  for (const spec of COMMANDS) {
    it(`${spec.name}`, () => {
      // E_INTERNAL is a handler that threw: a bug, never an answer to expect.
      const allowed = new Set<UsbErrorCode>([...ANY_REQUEST_ERRORS.filter((c) => c !== "E_INTERNAL"), ...commandErrors(spec)]);
      const seen = new Set<string>();
      for (const setup of ["blank", "provisioned", "lid open and service button", "signed"] as const) {
        for (const line of attempts(spec.name)) {
          const rig = setup === "blank" ? BoxRig.blank() : setup === "lid open and service button" ? openLidAndButton() : BoxRig.provisioned();
          const answer = setup === "signed" ? rig.authenticated(line) : rig.request(line);
          const last = parseResponse(answer[answer.length - 1])!;
          if (last.kind !== "ERR") continue;
          seen.add(last.code);
          expect(allowed.has(last.code as UsbErrorCode), `${setup}: ${line} -> ${last.code} ${last.message}`).toBe(true);
          // Its reason is one docs/protocol.md's "Refusals" lists, so the owner can look it up.
          expect(refusalOf(last.code, last.message), `${setup}: ${line} -> ${last.code} ${last.message}`).toBeDefined();
        }
      }
      expect(commandSpec(spec.name)).toEqual(spec);
      expect(seen.size).toBeGreaterThan(0);
    });
  }
});
