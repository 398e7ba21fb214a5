/**
 * Reads the box's audit log page by page (`LOG`), for `parcelbox log` and `codes --sync`. The box
 * sends each event as its numbers; they are named here (firmware/core/host/log.ts).
 */
import type { UsbField } from "../../firmware/core/usb/protocol.ts";
import { field, MAX_LOG_PAGE } from "../../firmware/core/host/protocol.ts";
import { namedLogEntry } from "../../firmware/core/host/log.ts";
import { value, type BoxClient } from "./client.ts";
import { CliError, EXIT_FAILED } from "./exit-codes.ts";

/** An entry as the owner reads it: `i`, `t`, `ev` (the event's name), then its details. */
export type LogEntry = Record<string, string>;

function named(fields: UsbField[]): LogEntry {
  const entry = namedLogEntry(fields);
  if (entry === undefined) {
    const sent = fields.map((f) => `${f.key}=${f.value}`).join(" ");
    throw new CliError(EXIT_FAILED, `the box sent a LOG entry this tool cannot read (${sent}): update the tool or the firmware`);
  }
  return entry;
}

/** Every entry from index `from` on; with `last`, only the last `last` entries (reads only the tail). */
export async function readLog(client: BoxClient, usbKey: string, from: number | undefined, last: number | undefined): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  let next = from ?? 0;
  if (last !== undefined && from === undefined) {
    // Ask for one entry to learn the total, then read only the tail.
    const probe = await client.signed("LOG", [field("from", "0"), field("count", "1")], usbKey);
    next = Math.max(0, Number(value(probe.fields, "total")) - last);
  }
  for (;;) {
    const page = await client.signed("LOG", [field("from", String(next)), field("count", String(MAX_LOG_PAGE))], usbKey);
    for (const d of page.data) entries.push(named(d));
    const after = Number(value(page.fields, "next"));
    const total = Number(value(page.fields, "total"));
    if (page.data.length === 0 || after >= total || after <= next) break;
    next = after;
  }
  return last === undefined ? entries : entries.slice(-last);
}
