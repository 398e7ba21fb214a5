/** The audit log through the store's API, on the default layout (LOG_SEGMENTS x LOG_SEGMENT_EVENTS). */
import { describe, expect, it } from "vitest";
import { decodeEvent, encodeEvent } from "../../../firmware/core/store/audit-log.ts";
import { codeDetail, detailHours, detailSlot, detailUsesLeft, LogEvent, Opener } from "../../../firmware/core/store/events.ts";
import { EVENT_SIZE, LOG_HEADER_SIZE, LOG_PREFIX, LOG_SEGMENT_EVENTS, LOG_SEGMENTS, MIN_EVENTS_KEPT, segmentFileSize } from "../../../firmware/core/store/layout.ts";
import { openStore, type Store } from "../../../firmware/core/store/store.ts";
import { NorFlash, PowerCut } from "../../fakes/nor-flash.ts";

const T = 217_000_000;
const hex = (s: string): string => Buffer.from(s, "latin1").toString("hex");

function logMany(store: Store, count: number): void {
  for (let i = 0; i < count; i++) expect(store.appendEvent(T + i, LogEvent.Open, i, -i, i % 256)).toBe(true);
}

describe("the audit log", () => {
  it("keeps at least 1000 events with the default layout", () => {
    expect(MIN_EVENTS_KEPT).toBeGreaterThanOrEqual(1000);
  });

  it("lays an event out as at, type, a, b, c and a 16-bit check", () => {
    const bytes = encodeEvent(T, LogEvent.ClockSet, -1, 258, 7);
    expect(bytes.length).toBe(EVENT_SIZE);
    expect(hex(bytes.slice(0, 14))).toBe("0cef2840" + "0a" + "ffffffff" + "00000102" + "07");
    expect(decodeEvent(bytes, 0, 42)).toEqual({ index: 42, at: T, type: LogEvent.ClockSet, a: -1, b: 258, c: 7 });
  });

  it("rejects an event with a byte changed, and an erased slot", () => {
    const bytes = encodeEvent(T, LogEvent.LidOpened, 0, 0, 0);
    const damaged = bytes.slice(0, 3) + "\x00" + bytes.slice(4);
    expect(decodeEvent(damaged, 0, 0)).toBeUndefined();
    expect(decodeEvent("\xff".repeat(EVENT_SIZE), 0, 0)).toBeUndefined();
  });

  it("numbers events from 0 and reads them back after a restart", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.appendEvent(-1, LogEvent.PowerUp, 0, 0, 0);
    store.appendEvent(T, LogEvent.Open, 1234, 1, Opener.DeliveryCode);
    const again = openStore(flash);
    expect(again.eventCount()).toBe(2);
    expect(again.oldestEvent()).toBe(0);
    expect(again.readEvents(0, 10)).toEqual([
      { index: 0, at: -1, type: LogEvent.PowerUp, a: 0, b: 0, c: 0 },
      { index: 1, at: T, type: LogEvent.Open, a: 1234, b: 1, c: Opener.DeliveryCode },
    ]);
  });

  it("keeps the last MIN_EVENTS_KEPT events or more after many more were logged", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    const total = 3 * LOG_SEGMENTS * LOG_SEGMENT_EVENTS + 5;
    logMany(store, total);
    const again = openStore(flash);
    expect(again.eventCount()).toBe(total);
    const kept = again.eventCount() - again.oldestEvent();
    expect(kept).toBeGreaterThanOrEqual(MIN_EVENTS_KEPT);
    expect(kept).toBeLessThanOrEqual(LOG_SEGMENTS * LOG_SEGMENT_EVENTS);
    const events = again.readEvents(again.oldestEvent(), total);
    expect(events).toHaveLength(kept);
    expect(events.map((e) => e.index)).toEqual(events.map((_, i) => again.oldestEvent() + i));
    expect(events.every((e) => e.a === e.index && e.at === T + e.index)).toBe(true);
  });

  it("uses LOG_SEGMENTS files of segmentFileSize bytes, no more", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    logMany(store, 2 * LOG_SEGMENTS * LOG_SEGMENT_EVENTS);
    const segments = flash.names().filter((n) => n.startsWith(LOG_PREFIX));
    expect(segments).toHaveLength(LOG_SEGMENTS);
    for (const name of segments) expect(flash.read(name)!.length).toBe(segmentFileSize(LOG_SEGMENT_EVENTS));
    expect(segmentFileSize(LOG_SEGMENT_EVENTS)).toBe(LOG_HEADER_SIZE + LOG_SEGMENT_EVENTS * EVENT_SIZE);
  });

  it("pages: from an index, at most count, across segment boundaries", () => {
    const store = openStore(new NorFlash());
    logMany(store, 2 * LOG_SEGMENT_EVENTS + 10);
    const page = store.readEvents(LOG_SEGMENT_EVENTS - 3, 7);
    expect(page.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => LOG_SEGMENT_EVENTS - 3 + i));
    const pages: number[] = [];
    for (let from = 0; from < store.eventCount(); from += 50) pages.push(...store.readEvents(from, 50).map((e) => e.index));
    expect(pages).toEqual([...Array(store.eventCount()).keys()]);
  });

  it("gives the oldest kept events when asked from before them, and none past the end", () => {
    const store = openStore(new NorFlash());
    logMany(store, LOG_SEGMENTS * LOG_SEGMENT_EVENTS + 1);
    expect(store.oldestEvent()).toBeGreaterThan(0);
    expect(store.readEvents(0, 1)[0].index).toBe(store.oldestEvent());
    expect(store.readEvents(store.eventCount(), 10)).toEqual([]);
    expect(store.readEvents(0, 0)).toEqual([]);
  });

  it("skips a torn event: it takes no number and its slot is not written again", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    logMany(store, 3);
    flash.cutAfterBytes(9);
    expect(() => store.appendEvent(T, LogEvent.LidOpened, 0, 0, 0)).toThrow(PowerCut);
    flash.restart();
    const again = openStore(flash);
    expect(again.eventCount()).toBe(3);
    expect(again.appendEvent(T + 9, LogEvent.LidOpened, 0, 0, 0)).toBe(true);
    const reread = openStore(flash);
    expect(reread.readEvents(0, 10).map((e) => [e.index, e.type])).toEqual([
      [0, LogEvent.Open],
      [1, LogEvent.Open],
      [2, LogEvent.Open],
      [3, LogEvent.LidOpened],
    ]);
    expect(flash.counts.refusedWrites).toBe(0);
  });

  it("drops a segment whose header was torn and keeps numbering", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    logMany(store, LOG_SEGMENT_EVENTS);
    // remove, create, then 5 bytes of the new segment's header
    flash.cutAfterBytes(5);
    expect(() => store.appendEvent(T, LogEvent.LidOpened, 0, 0, 0)).toThrow(PowerCut);
    flash.restart();
    const again = openStore(flash);
    expect(flash.names().filter((n) => n.startsWith(LOG_PREFIX))).toEqual([LOG_PREFIX + 0]);
    expect(again.eventCount()).toBe(LOG_SEGMENT_EVENTS);
    expect(again.appendEvent(T, LogEvent.LidOpened, 0, 0, 0)).toBe(true);
    expect(openStore(flash).readEvents(LOG_SEGMENT_EVENTS, 1)[0]).toMatchObject({ index: LOG_SEGMENT_EVENTS, type: LogEvent.LidOpened });
  });

  it("refuses event types 0 and 255 and a c outside 0..255", () => {
    const store = openStore(new NorFlash());
    expect(store.appendEvent(T, 0, 0, 0, 0)).toBe(false);
    expect(store.appendEvent(T, 255, 0, 0, 0)).toBe(false);
    expect(store.appendEvent(T, LogEvent.Open, 0, 0, 256)).toBe(false);
    expect(store.eventCount()).toBe(0);
  });
});

describe("code detail in events", () => {
  it("packs a code's hours, slot and uses left into one argument and back", () => {
    const detail = codeDetail(168, 5, 3);
    expect(detail).toBe(168 * 65536 + 5 * 256 + 3);
    expect([detailHours(detail), detailSlot(detail), detailUsesLeft(detail)]).toEqual([168, 5, 3]);
  });

  it("logs more than 255 uses left as 255", () => {
    expect(detailUsesLeft(codeDetail(1, 0, 1000))).toBe(255);
  });

  it("survives the event record for the longest window", () => {
    const detail = codeDetail(32767, 255, 255);
    expect(decodeEvent(encodeEvent(T, LogEvent.Open, 596_523, detail, 1), 0, 0)?.b).toBe(detail);
  });
});
