/** docs/storage.md is the specification of the flash layout: its tables must match the code. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eventText, LOG_EVENT_TYPES } from "../../../firmware/core/host/log.ts";
import { documentedEventsTable, eventsTable } from "../../../tools/docs/log-table.ts";
import * as layout from "../../../firmware/core/store/layout.ts";
import { SECRET_BYTES } from "../../../firmware/core/codes/keys.ts";

/**
 * The const enums' members. The builds inline them; run from the sources (as here) each enum is an
 * object, which the type checker does not let code read as one: hence the casts.
 */
const { LogEvent, Opener } = (await import("../../../firmware/core/store/events.ts")) as unknown as Record<string, Record<string, number>>;
const { Key } = (await import("../../../firmware/core/store/layout.ts")) as unknown as Record<string, Record<string, string>>;
const DOC = readFileSync(join(import.meta.dirname, "../../../docs/storage.md"), "utf8");
const hexOf = (text: string): string => [...Buffer.from(text, "latin1")].map((b) => b.toString(16).padStart(2, "0")).join(" ");
const SEGMENT_SIZE = layout.HEADER_SIZE + layout.LOG_SEGMENT_EVENTS * layout.EVENT_SIZE;

/** Table rows of the doc as cell lists, with backticks stripped. */
const ROWS = DOC.split("\n")
  .filter((line) => line.startsWith("|") && !line.startsWith("| ---"))
  .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim().replace(/`/g, "")));

function rowStartingWith(first: string, second?: string): string[] | undefined {
  return ROWS.find((r) => r[0] === first && (second === undefined || r[1] === second));
}

describe("docs/storage.md matches the code", () => {
  it("names the journal files and their size", () => {
    // The store names them by the prefix, the tests and tools by the list.
    expect(layout.JOURNAL_FILES).toEqual([layout.JOURNAL_PREFIX + 0, layout.JOURNAL_PREFIX + 1]);
    const row = ROWS.find((r) => r[0] === layout.JOURNAL_FILES.join(", "));
    expect(row?.[1]).toBe(`${layout.JOURNAL_SIZE} each (JOURNAL_SIZE)`);
  });

  it("names the log segments and their size", () => {
    const last = layout.LOG_PREFIX + (layout.LOG_SEGMENTS - 1);
    const row = ROWS.find((r) => r[0] === `${layout.LOG_PREFIX}0 … ${last}`);
    expect(row?.[1]).toBe(`${SEGMENT_SIZE} each (HEADER_SIZE + LOG_SEGMENT_EVENTS * EVENT_SIZE)`);
    expect(row?.[2]).toContain(`${layout.LOG_SEGMENTS} segments of ${layout.LOG_SEGMENT_EVENTS} events`);
  });

  it("states the total size and the events kept", () => {
    const total = 2 * layout.JOURNAL_SIZE + layout.LOG_SEGMENTS * SEGMENT_SIZE;
    expect(DOC).toContain(`**${total.toLocaleString("en")} bytes**`);
    expect(DOC).toContain(`**${(layout.LOG_SEGMENTS - 1) * layout.LOG_SEGMENT_EVENTS} events**`);
    expect(DOC).toContain(`event number \`q × ${layout.LOG_SEGMENT_EVENTS} + s\``);
  });

  it("gives both magics byte by byte, and the header and event sizes", () => {
    const magic = rowStartingWith("0", "4")?.[2];
    expect(magic).toContain(hexOf(layout.JOURNAL_MAGIC));
    expect(magic).toContain(hexOf(layout.LOG_MAGIC));
    expect(DOC).toContain(`### File header (offset 0, ${layout.HEADER_SIZE} bytes)`);
    expect(DOC).toContain(`### Event (${layout.EVENT_SIZE} bytes, in slots from offset ${layout.HEADER_SIZE})`);
    expect(DOC).toContain(`### Records (from offset ${layout.HEADER_SIZE}, one after another)`);
  });

  it("lists every journal key, and no other", () => {
    const keys = Object.values(Key);
    for (const key of keys) expect(ROWS.find((r) => r[0] === key || r[0].startsWith(`${key} + `)), key).toBeDefined();
    const documented = ROWS.filter((r) => /^[a-zA-Z]( \+ .*)?$/.test(r[0]));
    expect(documented.map((r) => r[0][0]).sort()).toEqual([...keys].sort());
    // The store's one rule about keys: the upper-case ones expire, and only code uses and revocations are.
    expect(keys.filter((k) => k >= "A" && k <= "Z").sort()).toEqual([Key.CodeUse, Key.Revoked].sort());
  });

  it("gives every limit its value", () => {
    expect(rowStartingWith("SECRET_BYTES")?.[1]).toBe(String(SECRET_BYTES));
    expect(rowStartingWith("MAX_BOX_ID_LENGTH")?.[1]).toBe(String(layout.MAX_BOX_ID_LENGTH));
    expect(rowStartingWith("MAX_SETTINGS")?.[1]).toBe(String(layout.MAX_SETTINGS));
    expect(rowStartingWith("live entries")?.[2]).toContain(`${layout.JOURNAL_SIZE - layout.JOURNAL_SIZE / 8} of ${layout.JOURNAL_SIZE} bytes`);
  });

  it("holds the events table made from the host's table (make docs rewrites it)", () => {
    expect(documentedEventsTable(DOC)).toBe(eventsTable());
  });

  it("names every event type by its code, and no other, each name once", () => {
    const exported = Object.entries(LogEvent).filter((entry): entry is [string, number] => typeof entry[1] === "number");
    for (const [constant, code] of exported) {
      const types = LOG_EVENT_TYPES.filter((t) => t.code === code);
      expect(types.map((t) => t.constant), constant).toEqual([constant]);
      expect(rowStartingWith(String(code), `LogEvent.${constant}`)?.[2], constant).toBe(types[0].name);
    }
    expect(LOG_EVENT_TYPES).toHaveLength(exported.length);
    expect(new Set(LOG_EVENT_TYPES.map((t) => t.name)).size).toBe(exported.length);
    expect(ROWS.filter((r) => r[1]?.startsWith("LogEvent."))).toHaveLength(exported.length);
  });

  it("lists each event's details as parcelbox log shows them", () => {
    // Each type with every Opener (c), small and large a and b: the keys eventText writes are the table's.
    for (const t of LOG_EVENT_TYPES) {
      const seen = new Set<string>();
      for (let c = 0; c <= 6; c++) {
        for (const [a, b] of [[0, 0], [1, 1], [2, 24 * 65536 + 3 * 256 + 1]]) {
          const words = eventText({ index: 0, at: 0, type: t.code, a, b, c }).split(" ");
          expect(words[0]).toBe(t.name);
          for (const w of words.slice(1)) seen.add(w.slice(0, w.indexOf("=")));
        }
      }
      expect([...seen].sort(), t.name).toEqual([...t.details].sort());
    }
  });

  it("lists every way the box opens with its code", () => {
    const exported = Object.entries(Opener).filter((entry): entry is [string, number] => typeof entry[1] === "number");
    for (const [name, code] of exported) expect(rowStartingWith(String(code), `Opener.${name}`), name).toBeDefined();
    expect(exported.length).toBe(6);
  });
});
