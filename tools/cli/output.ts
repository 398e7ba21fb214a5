/** How the tool prints: colour only on a terminal (and not under NO_COLOR), tables, CSV, JSON. */
import type { Writable } from "node:stream";

export interface Output {
  out: Writable;
  err: Writable;
  colour: boolean;
}

const CODES: Record<string, string> = { red: "31", green: "32", yellow: "33", dim: "2", bold: "1" };

export function paint(o: Output, colour: keyof typeof CODES, text: string): string {
  return o.colour ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

export function println(o: Output, text = ""): void {
  o.out.write(text + "\n");
}

export function printJson(o: Output, value: unknown): void {
  o.out.write(JSON.stringify(value, null, 2) + "\n");
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join("  ")).join("\n");
}

function csvCell(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csv(rows: string[][]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\n");
}

/** "1 wrong code", "2 wrong codes": `count` and the noun phrase, plural unless the count is 1. */
export function counted(count: number | string, singular: string, plural = `${singular}s`): string {
  return `${count} ${Number(count) === 1 ? singular : plural}`;
}
