/**
 * The audit log: a ring of LOG_SEGMENTS segment files of fixed 16-byte event records
 * (docs/storage.md, "Audit log"). Events are numbered from 0 since the last factory reset; a
 * segment's header holds its sequence number and the number of its first event. When the newest
 * segment is full, the file of the oldest is removed and made again as the newest, so the other
 * LOG_SEGMENTS - 1 full segments are always kept. A torn event fails its check and is skipped;
 * its slot is never written again, and it takes no number.
 */
import { check16Bytes, crc32Bytes } from "./crc32";
import { i32, isErased, readI32, u8 } from "./codec";
import { isEventType } from "./events";
import { EVENT_SIZE, LOG_HEADER_SIZE, LOG_MAGIC, LOG_PREFIX, segmentFileSize } from "./layout";
import type { CountedFlash } from "./wear";

export interface AuditEvent {
  /** The event's number since the last factory reset. */
  index: number;
  /** Box seconds, -1 when the clock was not set. */
  at: number;
  /** EVENT_* in ./events.ts. */
  type: number;
  a: number;
  b: number;
  /** 0..255. */
  c: number;
}

interface Segment {
  /** File number: the file is LOG_PREFIX + file. */
  file: number;
  seq: number;
  /** Number of the segment's first event. */
  first: number;
  /** Valid events in the segment. */
  count: number;
  /** The next slot to write; slots before it are used (valid or torn). */
  nextSlot: number;
}

/** The 16 bytes of one event. */
export function encodeEvent(at: number, type: number, a: number, b: number, c: number): string {
  const body = i32(at) + u8(type) + i32(a) + i32(b) + u8(c);
  return body + check16Bytes(body, 0, body.length);
}

/** The event in the slot at `offset`, or undefined when the slot is erased, torn or damaged. */
export function decodeEvent(data: string, offset: number, index: number): AuditEvent | undefined {
  const end = offset + EVENT_SIZE;
  if (end > data.length) return undefined;
  if (check16Bytes(data, offset, end - 2) !== data.slice(end - 2, end)) return undefined;
  const type = data.charCodeAt(offset + 4);
  if (!isEventType(type)) return undefined;
  return {
    index: index,
    at: readI32(data, offset),
    type: type,
    a: readI32(data, offset + 5),
    b: readI32(data, offset + 9),
    c: data.charCodeAt(offset + 13),
  };
}

function segmentHeader(seq: number, first: number): string {
  const start = LOG_MAGIC + i32(seq) + i32(first);
  return start + crc32Bytes(start, 0, start.length);
}

/** The ring of segment files; the store's appendEvent, eventCount and readEvents go through it. */
export class AuditLog {
  private readonly flash: CountedFlash;
  private readonly segmentCount: number;
  private readonly slots: number;
  /** Kept segments, oldest first. */
  private segments: Segment[];

  constructor(flash: CountedFlash, segmentCount: number, eventsPerSegment: number) {
    this.flash = flash;
    this.segmentCount = segmentCount;
    this.slots = eventsPerSegment;
    this.segments = [];
  }

  private fileName(file: number): string {
    return LOG_PREFIX + file;
  }

  /** Boot: reads every segment's header and slots; removes segments whose header is torn. */
  open(): void {
    this.segments = [];
    for (let file = 0; file < this.segmentCount; file++) {
      const name = this.fileName(file);
      const data = this.flash.read(name);
      if (data === undefined) continue;
      const start = data.slice(0, LOG_HEADER_SIZE - 4);
      if (data.length < LOG_HEADER_SIZE || data.slice(0, 4) !== LOG_MAGIC || crc32Bytes(start, 0, start.length) !== data.slice(LOG_HEADER_SIZE - 4, LOG_HEADER_SIZE)) {
        this.flash.remove(name);
        continue;
      }
      const segment: Segment = { file: file, seq: readI32(data, 4), first: readI32(data, 8), count: 0, nextSlot: 0 };
      for (let slot = 0; slot < this.slots; slot++) {
        const offset = LOG_HEADER_SIZE + slot * EVENT_SIZE;
        if (offset + EVENT_SIZE > data.length) break;
        if (isErased(data, offset, offset + EVENT_SIZE)) continue;
        segment.nextSlot = slot + 1;
        if (decodeEvent(data, offset, 0)) segment.count++;
      }
      this.segments.push(segment);
    }
    this.segments.sort((x, y) => x.seq - y.seq);
  }

  /** The number the next event will get (events ever logged since the last factory reset). */
  total(): number {
    const n = this.segments.length;
    if (n === 0) return 0;
    return this.segments[n - 1].first + this.segments[n - 1].count;
  }

  /** The number of the oldest event still kept (equals total() when the log is empty). */
  oldest(): number {
    return this.segments.length === 0 ? 0 : this.segments[0].first;
  }

  /** Removes the oldest segment's file and makes it the newest; undefined when the flash refused. */
  private rotate(): Segment | undefined {
    const n = this.segments.length;
    const seq = n === 0 ? 0 : this.segments[n - 1].seq + 1;
    const first = this.total();
    const file = seq % this.segmentCount;
    const name = this.fileName(file);
    this.flash.remove(name);
    this.segments = this.segments.filter((s) => s.file !== file);
    if (!this.flash.create(name, segmentFileSize(this.slots))) return undefined;
    if (!this.flash.write(name, 0, segmentHeader(seq, first))) return undefined;
    const segment: Segment = { file: file, seq: seq, first: first, count: 0, nextSlot: 0 };
    this.segments.push(segment);
    return segment;
  }

  /** Writes one event into the next free slot; false when the flash refused. */
  append(at: number, type: number, a: number, b: number, c: number): boolean {
    if (!isEventType(type) || c < 0 || c > 255) return false;
    const n = this.segments.length;
    let segment = n === 0 ? undefined : this.segments[n - 1];
    if (segment === undefined || segment.nextSlot >= this.slots) segment = this.rotate();
    if (segment === undefined) return false;
    const offset = LOG_HEADER_SIZE + segment.nextSlot * EVENT_SIZE;
    // The slot counts as used before the write: a failed write is never written over.
    segment.nextSlot++;
    if (!this.flash.write(this.fileName(segment.file), offset, encodeEvent(at, type, a, b, c))) return false;
    segment.count++;
    return true;
  }

  /** Up to `count` events numbered `from` onwards, oldest first (older ones than oldest() are gone). */
  read(from: number, count: number): AuditEvent[] {
    const events: AuditEvent[] = [];
    for (const segment of this.segments) {
      if (events.length >= count) break;
      if (segment.first + segment.count <= from) continue;
      const data = this.flash.read(this.fileName(segment.file));
      if (data === undefined) continue;
      let index = segment.first;
      for (let slot = 0; slot < segment.nextSlot && events.length < count; slot++) {
        const event = decodeEvent(data, LOG_HEADER_SIZE + slot * EVENT_SIZE, index);
        if (!event) continue;
        if (index >= from) events.push(event);
        index++;
      }
    }
    return events;
  }

  /** Removes every segment file. */
  erase(): void {
    for (let file = 0; file < this.segmentCount; file++) this.flash.remove(this.fileName(file));
    this.segments = [];
  }
}
