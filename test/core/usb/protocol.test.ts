import "../../../tools/lib/intrinsics-global.ts";
import { describe, expect, it } from "vitest";
import { field, formatData, formatError, formatEvent, formatOk, formatRequest, parseResponse } from "../../../firmware/core/host/protocol.ts";
import { parseInteger } from "../../../firmware/core/usb/protocol.ts";
import { parseRequest, type UsbRequest } from "../../../firmware/core/usb/commands.ts";

/** parseRequest's refusal is its whole ERR line; undefined when the line was read. */
function refusalOf(line: string) {
  const req = parseRequest(line);
  return typeof req === "string" ? parseResponse(req) : undefined;
}

describe("PB1 line formats", () => {
  it("round-trips a request with key=value arguments", () => {
    const line = formatRequest("7", "LOG", [field("from", "0"), field("count", "20")]);
    expect(line).toBe("7 LOG from=0 count=20");
    const req = parseRequest(line) as UsbRequest;
    expect(typeof req).toBe("object");
    expect(req.command).toBe("LOG");
    expect(req.args).toBe(" from=0 count=20");
  });

  it("reads two-word commands case-insensitively", () => {
    expect((parseRequest("a1 clock set time=5") as UsbRequest).command).toBe("CLOCK SET");
  });

  it("round-trips values with spaces, percent signs and high bytes", () => {
    const value = "Amazon order 302-1 100% \u00e9=";
    const line = formatOk("1", [field("label", value)]);
    expect(line).toBe("1 OK label=Amazon%20order%20302-1%20100%25%20%E9=");
    expect(parseResponse(line)?.fields).toEqual([field("label", value)]);
  });

  it("refuses a broken percent escape", () => {
    expect(parseResponse("1 OK v=abc%4")).toBeUndefined();
    expect(parseResponse("1 OK v=abc%zz")).toBeUndefined();
    expect(parseResponse("1 OK v=abc%")).toBeUndefined();
    expect(parseResponse("1 OK v=abc%4a")?.fields).toEqual([field("v", "abcJ")]);
  });

  it("round-trips OK, DATA, ERR and EVENT lines", () => {
    expect(parseResponse(formatOk("9", [field("lock", "locked"), field("label", "a b")]))).toMatchObject({
      id: "9", kind: "OK", fields: [field("lock", "locked"), field("label", "a b")],
    });
    expect(parseResponse(formatData("9", [field("i", "3")]))).toMatchObject({ kind: "DATA", fields: [field("i", "3")] });
    expect(parseResponse(formatError("9", "E_AUTH", "mac"))).toMatchObject({
      kind: "ERR", code: "E_AUTH", message: "mac",
    });
    expect(parseResponse(formatEvent("lid", [field("state", "open")]))).toMatchObject({
      id: "*", kind: "EVENT", fields: [field("event", "lid"), field("state", "open")],
    });
  });

  it("ignores lines that are not PB1 answers", () => {
    expect(parseResponse("Espruino 2v29 booting")).toBeUndefined();
    expect(parseResponse(">")).toBeUndefined();
  });

  it("parses signed 32-bit integers and nothing else", () => {
    expect(parseInteger("2147483647")).toBe(2147483647);
    expect(parseInteger("-12")).toBe(-12);
    expect(parseInteger("2147483648")).toBeUndefined();
    expect(parseInteger("99999999999")).toBeUndefined();
    expect(parseInteger("1e3")).toBeUndefined();
    expect(parseInteger("")).toBeUndefined();
    expect(parseInteger("-")).toBeUndefined();
  });

  it.each([
    ["", "E_SYNTAX"],
    ["HELLO", "E_SYNTAX"],
    ["toolongid9 HELLO", "E_SYNTAX"],
    ["1  HELLO", "E_SYNTAX"],
    ["1 HELLO ", "E_SYNTAX"],
    ["1", "E_SYNTAX"],
    ["1 FLY", "E_UNKNOWN"],
    ["1 CLOCK", "E_UNKNOWN"],
    ["1 LOG from=1", "E_SYNTAX"],
    ["1 LOG from=1 count=2 extra=3", "E_SYNTAX"],
    ["1 LOG from=1 from=2 count=3", "E_SYNTAX"],
    ["1 LOG from", "E_SYNTAX"],
    ["1 STATUS auth=00", "E_SYNTAX"],
    ["1 STATUS nonce=" + "0".repeat(32) + " auth=" + "0".repeat(40) + " x=1", "E_SYNTAX"],
  ])("refuses %j with %s", (line, code) => {
    expect(refusalOf(line)?.code).toBe(code);
  });

  // Over-long and binary lines never reach the parser: the server's line reader refuses them
  // (./line-reader.test.ts).
  it.each([
    ["1", "E_SYNTAX command"],
    ["1  HELLO", "E_SYNTAX space"],
    ["toolongid9 HELLO", "E_SYNTAX id"],
    ["1 LOG from", "E_SYNTAX fields"],
    ["1 STATUS auth=00", "E_SYNTAX auth"],
    ["1 LOG count=2", "E_SYNTAX missing"],
    ["1 STATUS verbose=1", "E_SYNTAX unknown verbose="],
    ["1 SETTINGS SET", "E_SYNTAX settings"],
    ["1 FLY", "E_UNKNOWN"],
  ])("refuses %j with the reason %j", (line, reason) => {
    const r = refusalOf(line);
    expect(`${r?.code} ${r?.message}`.trim()).toBe(reason);
  });

  it("keeps a value out of its range for the server to answer after the access check", () => {
    expect((parseRequest("1 LOG from=0 count=51") as UsbRequest).range).toBe("E_RANGE count=");
    expect((parseRequest("1 SETTINGS SET nope=1") as UsbRequest).range).toBe("E_RANGE nope=");
    expect((parseRequest("1 LOG from=0 count=50") as UsbRequest).range).toBe("");
    // Request values carry no escapes: "%30" is not read as "0", and is out of range.
    expect((parseRequest("1 LOG from=%30 count=1") as UsbRequest).range).toBe("E_RANGE from=");
    // A wrong key wins over a value out of range.
    expect(refusalOf("1 LOG from=-1 count=2 x=1")?.message).toBe("unknown x=");
  });

  it("reads the settings among the arguments, in order, with their values", () => {
    const provision = parseRequest(`1 PROVISION secret=${"ab".repeat(20)} zoneOffsetHours=-3 clock=5 unlockPulseMs=300 box=b1`) as UsbRequest;
    expect(provision.settings).toEqual([{ name: "zoneOffsetHours", value: -3 }, { name: "unlockPulseMs", value: 300 }]);
    expect(provision.args).toBe(` secret=${"ab".repeat(20)} zoneOffsetHours=-3 clock=5 unlockPulseMs=300 box=b1`);
    expect((parseRequest("1 SETTINGS SET unlockPulseMs=250") as UsbRequest).settings).toEqual([{ name: "unlockPulseMs", value: 250 }]);
    expect((parseRequest("1 LOG from=0 count=5") as UsbRequest).settings).toEqual([]);
  });

  it("HELLO with an unknown id answers with the id it read", () => {
    expect(refusalOf("q7 FLY")?.id).toBe("q7");
  });
});

