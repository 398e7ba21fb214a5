/**
 * The box's flash as its next boot will read it: a copy decoded by the store's own reader
 * (firmware/core/store, docs/storage.md), with the audit log written out as the owner's side names
 * the box's LOG entries (firmware/core/host/log.ts), so the two can be compared.
 */
import "../../tools/lib/intrinsics-global.ts";
import { eventText as logText } from "../../firmware/core/host/log.ts";
import { openStore, readEvents } from "../../firmware/core/store/store.ts";
import type { SimBox } from "../../sim/box.ts";
import { auditEvents, viewOf, type StoreState } from "../core/store/view.ts";
import { NorFlash } from "../fakes/nor-flash.ts";

export function eventText(e: { index: number; at: number; type: number; a: number; b: number; c: number }): string {
  return `i=${e.index} t=${e.at} ev=${logText(e)}`;
}

/**
 * Bytes before the Flash port's byte 0 in a runtime's files: Espruino's port starts each file with
 * a one-byte tag (firmware/espruino/flash.ts); NodeMCU's files are the port's bytes.
 */
export function portOffset(box: SimBox): number {
  return box.runtime === "espruino" ? 1 : 0;
}

/** The persisted state and log, decoded by the store's own reader from a copy of the flash. */
export function decodeFlash(box: SimBox): { state: StoreState; events: string[] } {
  const copy = new NorFlash(1 << 20);
  const shift = portOffset(box);
  const files = new Map<string, Buffer>();
  for (const [name, bytes] of box.board.flash.snapshot()) {
    if (shift === 1 && bytes[0] !== 0x50) continue; // no tag: the port does not see the file
    files.set(name, Buffer.from(bytes.subarray(shift)));
  }
  copy.restore(files);
  const store = openStore(copy);
  const events: string[] = [];
  for (let from = 0; ; ) {
    const page = auditEvents(readEvents(store, from, 50));
    if (page.length === 0) break;
    for (const e of page) events.push(eventText(e));
    from = page[page.length - 1].index + 1;
  }
  return { state: viewOf(store.kv), events };
}

/** The log before provisioning is not readable over USB (no key yet): the flash's, as boot read it. */
export function readLog0(box: SimBox): string[] {
  return decodeFlash(box).events;
}

export const indexOf = (text: string): number => Number(/^i=(\d+)/.exec(text)?.[1] ?? -1);
