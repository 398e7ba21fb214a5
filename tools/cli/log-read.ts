/** Reads the box's audit log page by page (PB1 `LOG`), for `parcelbox log` and `codes --sync`. */
import type { UsbField } from "../../firmware/core/usb/protocol.ts";
import { field, MAX_LOG_PAGE } from "../../firmware/core/host/protocol.ts";
import { value, type BoxClient } from "./client.ts";

export type LogEntry = Record<string, string>;

function fieldsObject(fields: UsbField[]): LogEntry {
  return Object.fromEntries(fields.map((f) => [f.key, f.value]));
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
    for (const d of page.data) entries.push(fieldsObject(d));
    const after = Number(value(page.fields, "next"));
    const total = Number(value(page.fields, "total"));
    if (page.data.length === 0 || after >= total || after <= next) break;
    next = after;
  }
  return last === undefined ? entries : entries.slice(-last);
}
