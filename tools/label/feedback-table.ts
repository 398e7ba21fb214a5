/**
 * Reads the keypad feedback table out of docs/behaviour.md (the copy between the
 * feedback-table markers, itself generated from firmware/core/signals.ts). The label is made
 * from what this returns, so the card by the keypad says what the page says.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const BEHAVIOUR_DOC_PATH = fileURLToPath(new URL("../../docs/behaviour.md", import.meta.url));

const START = "<!-- feedback-table:start";
const END = "<!-- feedback-table:end";
const HEADER = ["signal", "light", "sound", "what it means"];

export interface FeedbackRow {
  /** The signal pattern's name in firmware/core/signals.ts ("accepted"). */
  signal: string;
  light: string;
  sound: string;
  meaning: string;
}

function cells(line: string, lineNo: number): string[] {
  const trimmed = line.trim();
  if (!trimmed.startsWith("|") || !trimmed.endsWith("|")) throw new Error(`docs/behaviour.md line ${lineNo}: not a table row: ${line}`);
  return trimmed.slice(1, -1).split("|").map((c) => c.trim());
}

/** The feedback table's rows, in the table's order; throws if the markers or columns are not there. */
export function parseFeedbackTable(markdown: string): FeedbackRow[] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => l.startsWith(START));
  const end = lines.findIndex((l) => l.startsWith(END));
  if (start < 0 || end < start) throw new Error("docs/behaviour.md has no feedback table between its feedback-table markers");
  const table = lines.slice(start + 1, end).filter((l) => l.trim() !== "");
  if (table.length < 2) throw new Error("docs/behaviour.md's feedback table has no header");
  const header = cells(table[0], start + 2);
  if (header.join("|") !== HEADER.join("|")) throw new Error(`docs/behaviour.md's feedback table has columns "${header.join(" | ")}", the label expects "${HEADER.join(" | ")}"`);
  const rows = table.slice(2).map((line, k) => {
    const c = cells(line, start + 4 + k);
    if (c.length !== HEADER.length || c.some((cell) => cell === "")) throw new Error(`docs/behaviour.md's feedback table: row "${line}" does not have ${HEADER.length} filled cells`);
    return { signal: c[0], light: c[1], sound: c[2], meaning: c[3] };
  });
  if (rows.length === 0) throw new Error("docs/behaviour.md's feedback table has no rows");
  return rows;
}

export function readFeedbackTable(path = BEHAVIOUR_DOC_PATH): FeedbackRow[] {
  return parseFeedbackTable(readFileSync(path, "utf8"));
}

/**
 * Rows whose meaning starts with this are the owner's alone (the factory reset's signals): the
 * label by the keypad is for drivers and leaves them out; docs/behaviour.md keeps them.
 */
export const OWNER_ONLY = "owner only: ";

/** The rows a driver may see, in the table's order: what the label shows. */
export function driverRows(rows: FeedbackRow[]): FeedbackRow[] {
  return rows.filter((r) => !r.meaning.startsWith(OWNER_ONLY));
}
