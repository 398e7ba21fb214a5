/**
 * The box's persistence: everything that must survive a power cut at any instant, over the
 * board's Flash port (NOR rules: write only into erased bytes, remove whole files, a cut leaves a
 * prefix of a write). docs/storage.md is the specification of every byte this writes.
 *
 * - The journal is a key/value map: each update is one record of items (key, value), appended to
 *   the live file; when it is full, a snapshot of the live entries starts the other file, whose
 *   header, written last, commits it. A record is all or nothing: its Adler-32 covers it whole.
 * - The audit log is a ring of segment files of 16-byte events; event number = segment sequence
 *   number * slots + slot, so any event is found without reading the others.
 *
 * Plain functions over one flat Store object (no classes): each function is JsVars on a Pico and
 * a closure in Lua heap. box-memory.ts is the only module that uses them.
 */
import type { Flash } from "../board";
import type { ByteString } from "../bytes";
import {
  EVENT_SIZE,
  HEADER_SIZE,
  JOURNAL_MAGIC,
  JOURNAL_PREFIX,
  JOURNAL_SIZE,
  Key,
  LOG_MAGIC,
  LOG_PREFIX,
  LOG_SEGMENT_EVENTS,
  LOG_SEGMENTS,
  RECORD_OVERHEAD,
} from "./layout";

/** Sizes for tests and board profiles; each defaults to the constant in ./layout.ts. */
export interface StoreOptions {
  journalSize?: number;
  logSegments?: number;
  logSegmentEvents?: number;
}

/** Key to value; a removed key reads undefined (in JavaScript it may still be walked: skip it). */
export type Entries = Record<string, ByteString | undefined>;

export interface Store {
  readonly flash: Flash;
  /** Every entry: key to value (docs/storage.md, "Entries"). A missing key is an empty value. */
  kv: Entries;
  /** The bytes the entries take as items, expired ones included: the snapshot's size while none has expired. */
  bytes: number;
  /** Journal file size; the live file (0 or 1, JOURNAL_PREFIX + it; -1: none); its generation; where the next record goes. */
  readonly size: number;
  live: number;
  gen: number;
  end: number;
  /** Log segment files; event slots per segment; the newest segment's sequence number (-1: none); its next free slot. */
  readonly segs: number;
  readonly slots: number;
  seq: number;
  next: number;
}

/**
 * The Adler-32 (RFC 1950, as zlib: check("Wikipedia") is 11 e6 03 98) of `data[from, to)` as 4
 * bytes, sum B's two then sum A's, most significant first. Two additions a byte: several times
 * faster than a CRC-32 on Espruino, where each shift is a function call (docs/storage.md says why
 * it is enough). The sums are reduced once, at the end: over at most 4096 bytes (a journal file
 * is 2048) sum B stays below 255 * 4096 * 4097 / 2 + 4096 < 2^31, within 32-bit Lua integers.
 */
export function check(data: ByteString, from: number, to: number): ByteString {
  let a = 1;
  let b = 0;
  for (let i = from; i < to; i++) {
    a += data.charCodeAt(i);
    b += a;
  }
  a %= 65521;
  b %= 65521;
  return String.fromCharCode(idiv(b, 256), b % 256, idiv(a, 256), a % 256);
}

/**
 * Integers as i32s: 4 bytes each, big-endian, two's complement. Taken apart with idiv and `%` on
 * non-negative values only, so a signed 32-bit value comes out the same on JavaScript and Lua.
 */
export function ints(values: number[]): ByteString {
  let out = "";
  for (const v of values) {
    let high = idiv(v, 65536);
    const low = v - high * 65536;
    if (high < 0) high += 65536;
    out += String.fromCharCode(idiv(high, 256), high % 256, idiv(low, 256), low % 256);
  }
  return out;
}

/** The i32 at byte `at` of `data`, or `fallback` when there are not 4 bytes there (a missing entry). */
export function num(data: ByteString | undefined, at: number, fallback: number): number {
  if (data === undefined || data.length < at + 4) return fallback;
  let high = data.charCodeAt(at) * 256 + data.charCodeAt(at + 1);
  if (high >= 32768) high -= 65536;
  return high * 65536 + data.charCodeAt(at + 2) * 256 + data.charCodeAt(at + 3);
}

/** One journal item: key length, key, value length, value (each at most 255 bytes). An empty value removes the key. */
export function item(key: string, value: ByteString): ByteString {
  return String.fromCharCode(key.length) + key + String.fromCharCode(value.length) + value;
}

/**
 * Applies a record's items to `kv` in order, and returns the bytes the entries take after them
 * given `bytes` before; with `kv` undefined it only checks them. -1 when an item has an empty key
 * or runs past the payload: then the record is damaged, and none of it may apply, so replay
 * checks before it applies.
 */
function items(payload: ByteString, kv: Entries | undefined, bytes: number): number {
  let at = 0;
  while (at < payload.length) {
    const v = at + 1 + payload.charCodeAt(at);
    if (v === at + 1 || v >= payload.length) return -1;
    const end = v + 1 + payload.charCodeAt(v);
    if (end > payload.length) return -1;
    if (kv !== undefined) {
      const key = payload.slice(at + 1, v);
      const old = kv[key];
      if (old !== undefined) bytes -= 2 + key.length + old.length;
      if (end === v + 1) {
        // Set, not `delete`: typescript-to-lua turns `delete` into lualib's __TS__Delete, which
        // brings its Error classes into the Lua heap (docs/lua-heap.md). In Lua this removes the
        // key; in JavaScript the key stays, undefined, every walk of the entries skips it, and
        // the next compaction leaves it out.
        kv[key] = undefined;
      } else {
        kv[key] = payload.slice(v + 1, end);
        bytes += end - at;
      }
    }
    at = end;
  }
  return bytes;
}

/** `data` followed by its Adler-32: a file header (magic, i32) or, through record(), a journal record. */
function sealed(data: ByteString): ByteString {
  return data + check(data, 0, data.length);
}

/** A record: payload length (u16), payload, Adler-32 of both. */
function record(payload: ByteString): ByteString {
  return sealed(String.fromCharCode(idiv(payload.length, 256), payload.length % 256) + payload);
}

/** The number in a file's header, or -1 when the file is missing, of another kind, or its header is torn. */
function headerNumber(data: ByteString | undefined, magic: string): number {
  if (data === undefined || data.length < HEADER_SIZE || data.slice(0, 4) !== magic || check(data, 0, 8) !== data.slice(8, 12)) return -1;
  return num(data, 4, -1);
}

/**
 * The items of every live entry: all but those whose key starts with an upper-case letter (A..Z
 * sort from "A" to before "[") and whose expiry (the value's first i32) is at or before the clock
 * checkpoint. What a compaction writes, and what the size limit is measured on. In key order (byte
 * order, the default sort on all three runtimes): Lua walks a table in an order that changes from
 * run to run, and the same entries must make the same bytes.
 */
function snapshot(kv: Entries): ByteString {
  const now = num(kv[Key.Checkpoint], 0, 0);
  const keys: string[] = [];
  for (const key in kv) if (kv[key] !== undefined && !(key >= "A" && key < "[" && num(kv[key], 0, 0) <= now)) keys.push(key);
  keys.sort();
  let out = "";
  for (const key of keys) out += item(key, kv[key] as ByteString); // kept keys have values
  return out;
}

/**
 * Writes `snap` as the only record of the other journal file, then its header (the commit), then
 * removes the old file (docs/storage.md, "Compaction"); the entries become the snapshot's (the
 * expired ones are gone). False, with the old file still live, when the flash refused.
 */
function compact(s: Store, snap: ByteString): boolean {
  const body = record(snap);
  const target = s.live === 0 ? 1 : 0;
  const name = JOURNAL_PREFIX + target;
  const f = s.flash;
  if (HEADER_SIZE + body.length > s.size) return false;
  f.remove(name);
  if (!f.create(name, s.size) || !f.write(name, HEADER_SIZE, body) || !f.write(name, 0, sealed(JOURNAL_MAGIC + ints([s.gen + 1])))) return false;
  if (s.live >= 0) f.remove(JOURNAL_PREFIX + s.live);
  s.live = target;
  s.gen++;
  s.end = HEADER_SIZE + body.length;
  s.kv = {};
  s.bytes = items(snap, s.kv, 0);
  return true;
}

/**
 * Boot (docs/storage.md, "Recovery at boot"), removing every file when `erase` (a factory reset:
 * the stale journal first, so a cut never leaves only an older state, then the live one; the log
 * segments after the fresh journal).
 * Journal: the valid file of the higher generation, its records replayed up to the erased end or
 * the first damaged one; after damage, a compaction, so nothing is ever written after it. Log: the
 * newest valid segment and its first free slot; segments with a torn header are removed.
 */
export function boot(s: Store, erase: boolean): void {
  const f = s.flash;
  const j = JOURNAL_PREFIX;
  if (erase) {
    const live = s.live === 1 ? 1 : 0;
    f.remove(j + (1 - live));
    f.remove(j + live);
  }
  const d0 = f.read(j + 0);
  const d1 = f.read(j + 1);
  const g0 = headerNumber(d0, JOURNAL_MAGIC);
  const g1 = headerNumber(d1, JOURNAL_MAGIC);
  const live = g1 > g0 ? 1 : 0;
  // The other name goes: an older journal, an interrupted compaction, or (neither valid) a torn one.
  f.remove(j + (1 - live));
  s.kv = {};
  s.bytes = 0;
  s.live = -1;
  // No record may be appended until the live file's end is known.
  s.end = s.size;
  if (g0 < 0 && g1 < 0) {
    // A fresh file 0 (compact removes what is left under its name), generation 1.
    s.gen = 0;
    compact(s, "");
  } else {
    // headerNumber found a header in it, so the file exists.
    const data = (live === 1 ? d1 : d0) as ByteString;
    s.live = live;
    s.gen = live === 1 ? g1 : g0;
    let at = HEADER_SIZE;
    while (at + RECORD_OVERHEAD <= data.length && data.charCodeAt(at) !== 255) {
      const end = at + 2 + data.charCodeAt(at) * 256 + data.charCodeAt(at + 1);
      if (end + 4 > data.length || check(data, at, end) !== data.slice(end, end + 4)) break;
      const payload = data.slice(at + 2, end);
      if (items(payload, undefined, 0) < 0) break;
      s.bytes = items(payload, s.kv, s.bytes);
      at = end + 4;
    }
    if (at < data.length && data.charCodeAt(at) !== 255) compact(s, snapshot(s.kv));
    else s.end = at;
  }
  s.seq = -1;
  s.next = s.slots;
  for (let i = 0; i < s.segs; i++) {
    const name = LOG_PREFIX + i;
    const data = f.read(name);
    // Erasing, every segment goes (after the journal); otherwise a missing one, one with a torn
    // header, or one under another file's name.
    const seq = erase ? -1 : headerNumber(data, LOG_MAGIC);
    if (seq < 0 || seq % s.segs !== i) {
      f.remove(name);
    } else if (seq > s.seq) {
      s.seq = seq;
      s.next = 0;
      for (let slot = 0; slot < s.slots; slot++) if ((data as ByteString).charCodeAt(HEADER_SIZE + slot * EVENT_SIZE) !== 255) s.next = slot + 1;
    }
  }
}

/** Opens the store on `flash`: loads the journal and the log, repairing what a power cut left. */
export function openStore(flash: Flash, options?: StoreOptions): Store {
  // `||`: no size is 0, and an option left out is undefined (nil in Lua) on both runtimes. boot
  // sets the other fields.
  const o: StoreOptions = options || {};
  const s = { flash: flash, size: o.journalSize || JOURNAL_SIZE, segs: o.logSegments || LOG_SEGMENTS, slots: o.logSegmentEvents || LOG_SEGMENT_EVENTS } as Store;
  boot(s, false);
  return s;
}

/**
 * Stores `payload` (items made by item()) as one journal record, or, when the live file is full,
 * within the snapshot that starts the other file: after a power cut all of it holds or none.
 * False, and nothing changed, when the live entries after it would take more than 7/8 of a
 * journal file (so a snapshot always fits, with room for records after it), or the flash refused.
 * The entries are copied and the snapshot made only to compact, or when the entries with the
 * payload added (its bytes are an upper bound of what it adds) might pass the limit.
 */
export function put(s: Store, payload: ByteString): boolean {
  if (items(payload, undefined, 0) < 0) return false;
  const limit = s.size - idiv(s.size, 8) - HEADER_SIZE - RECORD_OVERHEAD;
  const r = record(payload);
  const fits = s.end + r.length <= s.size;
  if (!fits || s.bytes + payload.length > limit) {
    const next: Entries = {};
    for (const key in s.kv) next[key] = s.kv[key];
    items(payload, next, 0);
    const snap = snapshot(next);
    if (snap.length > limit) return false;
    if (!fits) return compact(s, snap);
  }
  const at = s.end;
  // Until the write returns nothing may follow it: a failed write makes the next update compact.
  s.end = s.size;
  if (!s.flash.write(JOURNAL_PREFIX + s.live, at, r)) return false;
  s.end = at + r.length;
  s.bytes = items(payload, s.kv, s.bytes);
  return true;
}

/**
 * Writes one 16-byte event into the next slot, starting a new segment in the oldest one's file
 * when the newest is full. False when the flash refused, or the type is not 1..254 or c not 0..255.
 */
export function appendEvent(s: Store, at: number, type: number, a: number, b: number, c: number): boolean {
  if (type < 1 || type > 254 || c < 0 || c > 255) return false;
  const f = s.flash;
  if (s.next >= s.slots) {
    const name = LOG_PREFIX + ((s.seq + 1) % s.segs);
    f.remove(name);
    if (!f.create(name, HEADER_SIZE + s.slots * EVENT_SIZE) || !f.write(name, 0, sealed(LOG_MAGIC + ints([s.seq + 1])))) return false;
    s.seq++;
    s.next = 0;
  }
  const event = String.fromCharCode(type, c) + ints([at, a, b]);
  // The slot counts as used before the write: a failed or torn write is never written over.
  s.next++;
  return f.write(LOG_PREFIX + (s.seq % s.segs), HEADER_SIZE + (s.next - 1) * EVENT_SIZE, event + check(event, 0, 14).slice(0, 2));
}

/**
 * Up to `count` kept events numbered `from` onwards, oldest first, as six integers an event: its
 * number, at, type, a, b, c (EventField in ./events.ts). A flat list: on NodeMCU a page of events
 * as objects took 1.4 KB more heap, the session's peak. Only the events asked for are read, with
 * their segment's header: a whole 1 KB segment read is a copy in NodeMCU's heap (and was the LOG
 * page's peak). A slot whose event fails its check (torn by a power cut), or is in a segment that
 * is gone, is skipped (its number is never shown), and the page reads on past it.
 */
export function readEvents(s: Store, from: number, count: number): number[] {
  const out: number[] = [];
  let d: ByteString | undefined;
  // The event numbers `d` holds: first to end - 1.
  let first = 0;
  let end = 0;
  // From the oldest kept segment's first slot to the next event's number (BoxMemory's eventCount).
  for (let index = Math.max(from, (s.seq - s.segs + 1) * s.slots, 0); index < s.seq * s.slots + s.next && count > 0; index++) {
    if (index >= end || index % s.slots === 0) {
      // This segment's events from here, as many as the page still wants (fewer where the file
      // ends), if its header is this segment's. A page reads again only at the next segment, or
      // past a torn event.
      const seq = idiv(index, s.slots);
      const name = LOG_PREFIX + (seq % s.segs);
      first = index;
      end = index + count;
      d = headerNumber(s.flash.read(name, 0, HEADER_SIZE), LOG_MAGIC) === seq ? s.flash.read(name, HEADER_SIZE + (index % s.slots) * EVENT_SIZE, count * EVENT_SIZE) : undefined;
    }
    const o = (index - first) * EVENT_SIZE;
    if (d !== undefined && d.charCodeAt(o) !== 255 && check(d, o, o + 14).slice(0, 2) === d.slice(o + 14, o + 16)) {
      out.push(index, num(d, o + 2, 0), d.charCodeAt(o), num(d, o + 6, 0), num(d, o + 10, 0), d.charCodeAt(o + 1));
      count--;
    }
  }
  return out;
}
