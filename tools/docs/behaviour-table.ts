/**
 * The keypad feedback table of docs/behaviour.md, made from firmware/core/signals.ts and the
 * patterns' words in firmware/core/host/signals.ts. The doc
 * holds a copy between markers; test/core/behaviour-doc.test.ts fails when they differ, and
 * `npx tsx tools/docs/behaviour-table.ts --write` rewrites the copy.
 */
import "../lib/intrinsics-global.ts";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { signalRows } from "../../firmware/core/host/signals.ts";

export const BEHAVIOUR_DOC = fileURLToPath(new URL("../../docs/behaviour.md", import.meta.url));
const START = "<!-- feedback-table:start (generated from firmware/core/signals.ts) -->";
const END = "<!-- feedback-table:end -->";

export function feedbackTable(): string {
  const rows = signalRows().map((p) => `| ${p.name} | ${p.light} | ${p.sound} | ${p.meaning} |`);
  return ["| signal | light | sound | what it means |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** The table as the doc holds it now, or undefined without markers. */
export function documentedTable(doc: string): string | undefined {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return doc.slice(start + START.length, end).trim();
}

if (process.argv.includes("--write")) {
  const doc = readFileSync(BEHAVIOUR_DOC, "utf8");
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  writeFileSync(BEHAVIOUR_DOC, `${doc.slice(0, start + START.length)}\n${feedbackTable()}\n${doc.slice(end)}`);
}
