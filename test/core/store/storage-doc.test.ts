/** docs/storage.md is the specification of the flash layout: its tables must match the code. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOG_EVENT_NAMES } from "../../../firmware/core/owner/log.ts";
import * as layout from "../../../firmware/core/store/layout.ts";

const { LogEvent, Opener } = (await import("../../../firmware/core/store/events.ts")) as unknown as Record<string, Record<string, number>>;
const DOC = readFileSync(join(import.meta.dirname, "../../../docs/storage.md"), "utf8");
const hexOf = (text: string): string => [...Buffer.from(text, "latin1")].map((b) => b.toString(16).padStart(2, "0")).join(" ");

/** Table rows of the doc as cell lists, with backticks stripped. */
const ROWS = DOC.split("\n")
  .filter((line) => line.startsWith("|") && !line.startsWith("| ---"))
  .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim().replace(/`/g, "")));

function rowStartingWith(first: string, second?: string): string[] | undefined {
  return ROWS.find((r) => r[0] === first && (second === undefined || r[1] === second));
}

describe("docs/storage.md matches the code", () => {
  it("names the journal files and their size", () => {
    const row = ROWS.find((r) => r[0] === layout.JOURNAL_FILES.join(", "));
    expect(row?.[1]).toBe(`${layout.JOURNAL_SIZE} each (JOURNAL_SIZE)`);
  });

  it("names the log segments and their size", () => {
    const last = layout.LOG_PREFIX + (layout.LOG_SEGMENTS - 1);
    const row = ROWS.find((r) => r[0] === `${layout.LOG_PREFIX}0 … ${last}`);
    expect(row?.[1]).toMatch(new RegExp(`^${layout.segmentFileSize(layout.LOG_SEGMENT_EVENTS)} each`));
    expect(row?.[2]).toContain(`${layout.LOG_SEGMENTS} segments of ${layout.LOG_SEGMENT_EVENTS} events`);
  });

  it("states the total size and the events kept", () => {
    const total = 2 * layout.JOURNAL_SIZE + layout.LOG_SEGMENTS * layout.segmentFileSize(layout.LOG_SEGMENT_EVENTS);
    expect(DOC).toContain(`**${total.toLocaleString("en")} bytes**`);
    expect(DOC).toContain(`**${layout.MIN_EVENTS_KEPT} events**`);
  });

  it("gives both magics byte by byte", () => {
    expect(rowStartingWith("0", "4")?.[2]).toContain(hexOf(layout.JOURNAL_MAGIC));
    expect(ROWS.filter((r) => r[0] === "0" && r[1] === "4").map((r) => r[2]).join()).toContain(hexOf(layout.LOG_MAGIC));
  });

  it("lists every journal item type with its code", () => {
    const items: [number, string][] = [
      [layout.ITEM_PROVISION, "provision"],
      [layout.ITEM_SETTING, "setting"],
      [layout.ITEM_LIMITER, "limiter"],
      [layout.ITEM_OWNER_TOTP, "owner TOTP"],
      [layout.ITEM_CLOCK, "clock checkpoint"],
      [layout.ITEM_CODE_USE, "code use"],
      [layout.ITEM_REVOCATION, "revocation"],
      [layout.ITEM_CLOCK_SET, "clock set"],
    ];
    for (const [code, name] of items) expect(rowStartingWith(String(code), name), name).toBeDefined();
    const exported = Object.keys(layout).filter((k) => k.startsWith("ITEM_"));
    expect(exported).toHaveLength(items.length);
  });

  it("gives every limit its value", () => {
    const limits = ["SECRET_BYTES", "MAX_BOX_ID_LENGTH", "MAX_NAME_LENGTH", "MAX_ID_LENGTH", "MAX_LIMITER_VALUES", "MAX_USES", "MAX_SETTINGS", "MAX_LIVE_ENTRIES"] as const;
    for (const name of limits) expect(rowStartingWith(name)?.[1], name).toBe(String(layout[name]));
    expect(DOC).toContain(`at most ${layout.MAX_RECORD_PAYLOAD} (\`MAX_RECORD_PAYLOAD\`)`);
  });

  it("gives the header and event sizes the code uses", () => {
    expect(DOC).toContain(`### Header (offset 0, ${layout.JOURNAL_HEADER_SIZE} bytes)`);
    expect(DOC).toContain(`### Segment header (offset 0, ${layout.LOG_HEADER_SIZE} bytes)`);
    expect(DOC).toContain(`### Event (${layout.EVENT_SIZE} bytes, in slots from offset ${layout.LOG_HEADER_SIZE})`);
  });

  /**
   * A const enum's members. The builds inline the numbers; run from the sources (as here) the
   * enum is an object, which the type checker does not let code read as one: hence the cast.
   */
  const members = (e: object): [string, number][] => Object.entries(e).filter((entry): entry is [string, number] => typeof entry[1] === "number");

  it("lists every event type with its code and its name in LOG, and no other", () => {
    const exported = members(LogEvent);
    for (const [name, code] of exported) {
      const row = rowStartingWith(String(code), `LogEvent.${name}`);
      expect(row, name).toBeDefined();
      expect(row?.[2], name).toBe(LOG_EVENT_NAMES[code]);
    }
    const documented = ROWS.filter((r) => r[1]?.startsWith("LogEvent."));
    expect(documented).toHaveLength(exported.length);
    expect(LOG_EVENT_NAMES).toHaveLength(exported.length + 1);
  });

  it("lists every way the box opens with its code", () => {
    const exported = members(Opener);
    for (const [name, code] of exported) expect(rowStartingWith(String(code), `Opener.${name}`), name).toBeDefined();
    expect(exported.length).toBe(6);
  });
});
