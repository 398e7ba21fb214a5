/**
 * The box's LOG sends each event as its numbers (docs/protocol.md, "LOG"), and the owner's side
 * names them (firmware/core/host/log.ts). The box's own line is pinned here from the sources (the
 * built files run the same through the scenarios), and the host's reading of it is attacked with
 * the lines an old box or a broken one could send: none is named wrongly.
 */
import "../../../tools/lib/intrinsics-global.ts";
import { describe, expect, it } from "vitest";
import { eventName, eventText, namedLogEntry, namedLogLine, rawLogEntry } from "../../../firmware/core/host/log.ts";
import { parseResponse } from "../../../firmware/core/host/protocol.ts";
import { codeDetail } from "../../../firmware/core/store/events.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "../box/rig.ts";

const fieldsOf = (line: string) => parseResponse(line)?.fields ?? [];

describe("LOG entries: numbers on the wire, names on the host", () => {
  it("the box sends i, t and the event's e, a, b and c as integers, and no name", () => {
    const rig = BoxRig.provisioned();
    const id = delivery(MORNING / HOUR - 9, 48, 0);
    rig.enter(codeFor(id));
    const data = rig.authenticated("LOG from=0 count=50").filter((l) => l.includes(" DATA "));
    expect(data.length).toBeGreaterThan(1);
    for (const line of data) expect(line).toMatch(/^\w+ DATA i=\d+ t=-?\d+ e=\d+ a=-?\d+ b=-?\d+ c=\d+$/);
    const open = data.map(namedLogLine).find((l) => l.includes(" ev=open "));
    expect(open).toMatch(new RegExp(` ev=open by=delivery code=D-${id.start}-48-0 usesLeft=0$`));
  });

  it("names an entry the way parcelbox log shows it", () => {
    expect(namedLogEntry(fieldsOf("7 DATA i=3 t=100 e=2 a=60633 b=" + codeDetail(24, 1, 2) + " c=5"))).toEqual({
      i: "3", t: "100", ev: "open", by: "pickup", code: "P-60633-24-1", usesLeft: "2",
    });
    expect(namedLogEntry(fieldsOf("7 DATA i=4 t=-1 e=14 a=0 b=900 c=0"))).toEqual({ i: "4", t: "-1", ev: "setting", name: "unlockPulseMs", value: "900" });
    expect(namedLogLine("7 DATA i=5 t=9 e=3 a=2 b=8 c=0")).toBe("7 DATA i=5 t=9 ev=wrong-code streak=2 digits=8");
  });

  it("shows an event type it does not know by its numbers, not by a guess", () => {
    expect(eventName(200)).toBe("event-200");
    expect(eventText({ index: 0, at: 0, type: 200, a: 1, b: 2, c: 3 })).toBe("event-200 a=1 b=2 c=3");
    expect(namedLogEntry(fieldsOf("7 DATA i=1 t=2 e=0 a=0 b=0 c=0"))?.ev).toBe("event-0");
  });

  it.each([
    ["a PB1 box's named entry", "7 DATA i=3 t=100 ev=open by=delivery code=D-1-24-0 usesLeft=0"],
    ["a field missing", "7 DATA i=3 t=100 e=2 a=1 b=2"],
    ["a field more", "7 DATA i=3 t=100 e=2 a=1 b=2 c=1 d=4"],
    ["fields out of order", "7 DATA t=100 i=3 e=2 a=1 b=2 c=1"],
    ["a value not an integer", "7 DATA i=3 t=100 e=open a=1 b=2 c=1"],
    ["a value past 32 bits", "7 DATA i=3 t=100 e=2 a=99999999999 b=2 c=1"],
    ["an empty value", "7 DATA i=3 t=100 e= a=1 b=2 c=1"],
  ])("refuses %s rather than naming it", (_what, line) => {
    expect(rawLogEntry(fieldsOf(line))).toBeUndefined();
    expect(namedLogEntry(fieldsOf(line))).toBeUndefined();
    expect(namedLogLine(line)).toBe(line);
  });

  it("leaves every other line as it is", () => {
    for (const line of ["7 OK count=1 next=2 total=2", "* EVENT open by=delivery", "7 ERR E_RANGE count="]) expect(namedLogLine(line)).toBe(line);
  });
});
