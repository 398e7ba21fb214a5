/** The audit log through the store's API, on the default layout (LOG_SEGMENTS x LOG_SEGMENT_EVENTS). */
import { describe, expect, it } from "vitest";
import { codeDetail, LogEvent, Opener } from "../../../firmware/core/store/events.ts";
import { EVENT_SIZE, HEADER_SIZE, LOG_PREFIX, LOG_SEGMENT_EVENTS, LOG_SEGMENTS } from "../../../firmware/core/store/layout.ts";
import { appendEvent, check, openStore, readEvents as readFlat, type Store } from "../../../firmware/core/store/store.ts";
import { eventText } from "../../../firmware/core/host/log.ts";
import { NorFlash, PowerCut } from "../../fakes/nor-flash.ts";
import { eventCount } from "./script.ts";
import { auditEvents } from "./view.ts";

/** The store's events, named (readEvents gives six integers an event). */
const readEvents = (store: Store, from: number, count: number) => auditEvents(readFlat(store, from, count));

const T = 217_000_000;
const KEPT = (LOG_SEGMENTS - 1) * LOG_SEGMENT_EVENTS;
const hex = (s: string): string => Buffer.from(s, "latin1").toString("hex");

function logMany(store: Store, count: number): void {
  for (let i = 0; i < count; i++) expect(appendEvent(store, T + i, LogEvent.Open, i, -i, i % 256)).toBe(true);
}

/** The oldest kept event's number (eventCount when none is kept). */
const oldest = (store: Store): number => readEvents(store, 0, 1)[0]?.index ?? eventCount(store);

describe("the audit log", () => {
  it("keeps at least 1000 events with the default layout", () => {
    expect(KEPT).toBeGreaterThanOrEqual(1000);
  });

  it("lays an event out as type, c, at, a, b and a 16-bit check, after the segment's header", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    appendEvent(store, T, LogEvent.ClockSet, -1, 258, 7);
    const file = flash.read(LOG_PREFIX + 0)!;
    expect(hex(file.slice(0, 8))).toBe(hex("PBL\x03") + "00000000");
    expect(file.slice(8, 12)).toBe(check(file, 0, 8));
    const event = file.slice(HEADER_SIZE, HEADER_SIZE + EVENT_SIZE);
    expect(hex(event.slice(0, 14))).toBe("0a" + "07" + "0cef2840" + "ffffffff" + "00000102");
    expect(event.slice(14)).toBe(check(event, 0, 14).slice(0, 2));
    expect(readEvents(openStore(flash), 0, 1)).toEqual([{ index: 0, at: T, type: LogEvent.ClockSet, a: -1, b: 258, c: 7 }]);
  });

  it("numbers events from 0 and reads them back after a restart", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    appendEvent(store, -1, LogEvent.PowerUp, 0, 0, 0);
    appendEvent(store, T, LogEvent.Open, 1234, 1, Opener.DeliveryCode);
    const again = openStore(flash);
    expect(eventCount(again)).toBe(2);
    expect(oldest(again)).toBe(0);
    expect(readEvents(again, 0, 10)).toEqual([
      { index: 0, at: -1, type: LogEvent.PowerUp, a: 0, b: 0, c: 0 },
      { index: 1, at: T, type: LogEvent.Open, a: 1234, b: 1, c: Opener.DeliveryCode },
    ]);
  });

  it("keeps the last (LOG_SEGMENTS - 1) x LOG_SEGMENT_EVENTS events or more after many more were logged", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    const total = 3 * LOG_SEGMENTS * LOG_SEGMENT_EVENTS + 5;
    logMany(store, total);
    const again = openStore(flash);
    expect(eventCount(again)).toBe(total);
    const kept = eventCount(again) - oldest(again);
    expect(kept).toBeGreaterThanOrEqual(KEPT);
    expect(kept).toBeLessThanOrEqual(LOG_SEGMENTS * LOG_SEGMENT_EVENTS);
    const events = readEvents(again, 0, total);
    expect(events).toHaveLength(kept);
    expect(events.map((e) => e.index)).toEqual(events.map((_, i) => oldest(again) + i));
    expect(events.every((e) => e.a === e.index && e.at === T + e.index)).toBe(true);
  });

  it("uses LOG_SEGMENTS files of HEADER_SIZE + LOG_SEGMENT_EVENTS x EVENT_SIZE bytes, no more", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    logMany(store, 2 * LOG_SEGMENTS * LOG_SEGMENT_EVENTS);
    const segments = flash.names().filter((n) => n.startsWith(LOG_PREFIX));
    expect(segments).toHaveLength(LOG_SEGMENTS);
    for (const name of segments) expect(flash.read(name)!.length).toBe(HEADER_SIZE + LOG_SEGMENT_EVENTS * EVENT_SIZE);
  });

  it("pages: from an index, at most count, across segment boundaries", () => {
    const store = openStore(new NorFlash());
    logMany(store, 2 * LOG_SEGMENT_EVENTS + 10);
    const page = readEvents(store, LOG_SEGMENT_EVENTS - 3, 7);
    expect(page.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => LOG_SEGMENT_EVENTS - 3 + i));
    const pages: number[] = [];
    for (let from = 0; from < eventCount(store); from += 50) pages.push(...readEvents(store, from, 50).map((e) => e.index));
    expect(pages).toEqual([...Array(eventCount(store)).keys()]);
  });

  it("gives the oldest kept events when asked from before them, and none past the end", () => {
    const store = openStore(new NorFlash());
    logMany(store, LOG_SEGMENTS * LOG_SEGMENT_EVENTS + 1);
    expect(oldest(store)).toBeGreaterThan(0);
    expect(readEvents(store, 0, 1)[0].index).toBe(LOG_SEGMENT_EVENTS);
    expect(readEvents(store, eventCount(store), 10)).toEqual([]);
    expect(readEvents(store, 0, 0)).toEqual([]);
  });

  it("skips a torn event: its slot is never written again and its number never shown", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    logMany(store, 3);
    flash.cutAfterBytes(9);
    expect(() => appendEvent(store, T, LogEvent.LidOpened, 0, 0, 0)).toThrow(PowerCut);
    flash.restart();
    const again = openStore(flash);
    expect(readEvents(again, 0, 10)).toHaveLength(3);
    expect(eventCount(again)).toBe(4);
    expect(appendEvent(again, T + 9, LogEvent.LidOpened, 0, 0, 0)).toBe(true);
    expect(readEvents(openStore(flash), 0, 10).map((e) => [e.index, e.type])).toEqual([
      [0, LogEvent.Open],
      [1, LogEvent.Open],
      [2, LogEvent.Open],
      [4, LogEvent.LidOpened],
    ]);
    expect(flash.counts.refusedWrites).toBe(0);
  });

  it("rejects an event with a byte changed", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    logMany(store, 2);
    const image = flash.image();
    const file = image.get(LOG_PREFIX + 0)!;
    file[HEADER_SIZE + EVENT_SIZE + 5] ^= 0x10;
    flash.restore(image);
    expect(readEvents(openStore(flash), 0, 10).map((e) => e.index)).toEqual([0]);
  });

  it("reads only a page's events and their segment's header, and fills the page past a damaged event", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    logMany(store, LOG_SEGMENT_EVENTS + 20);
    const read = flash.read.bind(flash);
    let bytes = 0;
    flash.read = (name, offset, length) => {
      const data = read(name, offset, length);
      bytes += data?.length ?? 0;
      return data;
    };
    // Ten events across a segment boundary: two headers and ten events, not two 1 KB segments.
    expect(readEvents(store, LOG_SEGMENT_EVENTS - 5, 10).map((e) => e.index)).toEqual([...Array(10).keys()].map((i) => LOG_SEGMENT_EVENTS - 5 + i));
    expect(bytes).toBeLessThanOrEqual(2 * HEADER_SIZE + 15 * EVENT_SIZE);
    flash.read = read;
    const image = flash.image();
    image.get(LOG_PREFIX + 0)![HEADER_SIZE + EVENT_SIZE + 5] ^= 0x10;
    flash.restore(image);
    expect(readEvents(openStore(flash), 0, 3).map((e) => e.index)).toEqual([0, 2, 3]);
  });

  it("drops a segment whose header was torn and keeps numbering", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    logMany(store, LOG_SEGMENT_EVENTS);
    // remove, create, then 5 bytes of the new segment's header
    flash.cutAfterBytes(5);
    expect(() => appendEvent(store, T, LogEvent.LidOpened, 0, 0, 0)).toThrow(PowerCut);
    flash.restart();
    const again = openStore(flash);
    expect(flash.names().filter((n) => n.startsWith(LOG_PREFIX))).toEqual([LOG_PREFIX + 0]);
    expect(eventCount(again)).toBe(LOG_SEGMENT_EVENTS);
    expect(appendEvent(again, T, LogEvent.LidOpened, 0, 0, 0)).toBe(true);
    expect(readEvents(openStore(flash), LOG_SEGMENT_EVENTS, 1)[0]).toMatchObject({ index: LOG_SEGMENT_EVENTS, type: LogEvent.LidOpened });
  });

  it("removes segments of the first format (PBL 1) at boot and starts the log again", () => {
    const flash = new NorFlash();
    const old = "PBL\x01\x00\x00\x00\x00\x00\x00\x00\x00";
    flash.create(LOG_PREFIX + 0, 16 + 144 * 16);
    flash.write(LOG_PREFIX + 0, 0, old + check(old, 0, 12));
    const store = openStore(flash);
    expect(flash.names().filter((n) => n.startsWith(LOG_PREFIX))).toEqual([]);
    expect(eventCount(store)).toBe(0);
  });

  it("removes segments of format 2 (PBL 2: 8 segments of 144 events) at boot, valid as they were, and starts the log again", () => {
    const flash = new NorFlash();
    for (let q = 0; q < 8; q++) {
      const header = "PBL\x02" + String.fromCharCode(0, 0, 0, q);
      flash.create(LOG_PREFIX + q, 12 + 144 * 16);
      flash.write(LOG_PREFIX + q, 0, header + check(header, 0, 8));
      flash.write(LOG_PREFIX + q, 12, "\x05\x00" + "\x00".repeat(12) + check("\x05\x00" + "\x00".repeat(12), 0, 14).slice(0, 2));
    }
    const store = openStore(flash);
    expect(flash.names().filter((n) => n.startsWith(LOG_PREFIX))).toEqual([]);
    expect(eventCount(store)).toBe(0);
  });

  it("refuses event types 0 and 255 and a c outside 0..255", () => {
    const store = openStore(new NorFlash());
    expect(appendEvent(store, T, 0, 0, 0, 0)).toBe(false);
    expect(appendEvent(store, T, 255, 0, 0, 0)).toBe(false);
    expect(appendEvent(store, T, LogEvent.Open, 0, 0, 256)).toBe(false);
    expect(eventCount(store)).toBe(0);
  });
});

describe("code detail in events", () => {
  const fields = (e: { type: number; a: number; b: number; c: number }): string =>
    eventText({ index: 0, at: T, ...e });

  it("packs a code's hours, slot and uses left into one argument, which LOG shows as the code", () => {
    const detail = codeDetail(168, 5, 3);
    expect(detail).toBe(168 * 65536 + 5 * 256 + 3);
    expect(fields({ type: LogEvent.Open, a: 60_000, b: detail, c: Opener.PickupCode })).toBe("open by=pickup code=P-60000-168-5 usesLeft=3");
    expect(fields({ type: LogEvent.Revoked, a: 60_000, b: codeDetail(24, 2, 0), c: Opener.DeliveryCode })).toBe("revoked code=D-60000-24-2");
  });

  it("logs more than 255 uses left as 255", () => {
    expect(codeDetail(1, 0, 1000) % 256).toBe(255);
  });

  it("survives the event record for the longest window", () => {
    const store = openStore(new NorFlash());
    const detail = codeDetail(32767, 255, 255);
    appendEvent(store, T, LogEvent.Open, 596_523, detail, 1);
    expect(readEvents(store, 0, 1)[0].b).toBe(detail);
  });
});
