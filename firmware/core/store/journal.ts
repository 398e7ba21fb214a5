/**
 * The state journal: two alternating files of typed records (docs/storage.md, "Journal").
 *
 * The live file starts with a header that holds its generation and is written LAST when the file
 * is made, after the snapshot records: the header is the commit. A compaction that loses power
 * leaves a file without a valid header, which boot ignores, so the older file still holds every
 * update but the one in flight. Records are appended into erased bytes only; a torn record fails
 * its CRC and ends the replay, and boot then compacts so no write ever lands after damage.
 */
import { crc32Bytes } from "./crc32";
import { i32, readI32 } from "./codec";
import {
  JOURNAL_FILES,
  JOURNAL_HEADER_SIZE,
  JOURNAL_MAGIC,
  MAX_RECORD_PAYLOAD,
  RECORD_OVERHEAD,
} from "./layout";
import { decodePayload, decodeRecordAt, encodeChange, encodeRecord, packItems } from "./records";
import { applyChange, emptyState, snapshotChanges, type StoreState } from "./state";
import type { CountedFlash } from "./wear";

function header(generation: number): string {
  const start = JOURNAL_MAGIC + i32(generation);
  return start + crc32Bytes(start, 0, start.length);
}

/** The generation in a journal file's header, or -1 when the header is missing or torn. */
export function headerGeneration(data: string | undefined): number {
  if (data === undefined || data.length < JOURNAL_HEADER_SIZE) return -1;
  if (data.slice(0, 4) !== JOURNAL_MAGIC) return -1;
  if (crc32Bytes(data, 0, 8) !== data.slice(8, 12)) return -1;
  return readI32(data, 4);
}

/** What boot found in the live file. */
export interface JournalReplay {
  state: StoreState;
  /** Offset just past the last valid record. */
  end: number;
  /** Whether non-erased bytes follow the last valid record (a torn write). */
  damaged: boolean;
}

/** Replays the records of one journal file's bytes onto an empty state. */
export function replayJournal(data: string): JournalReplay {
  const state = emptyState();
  let at = JOURNAL_HEADER_SIZE;
  let damaged = false;
  while (at < data.length && data.charCodeAt(at) !== 255) {
    const record = decodeRecordAt(data, at, data.length);
    const changes = record ? decodePayload(record.payload) : undefined;
    if (!record || !changes) {
      damaged = true;
      break;
    }
    for (const change of changes) applyChange(state, change);
    at = record.next;
  }
  return { state: state, end: at, damaged: damaged };
}

/** The two journal files and where the next record goes; the Store keeps the state itself. */
export class Journal {
  private readonly flash: CountedFlash;
  private readonly size: number;
  /** Index in JOURNAL_FILES of the live file, -1 before open. */
  private slot: number;
  private generation: number;
  /** Where the next record goes. */
  private end: number;
  /** Compactions since open (making the first file on blank flash is not one). */
  compactions: number;

  constructor(flash: CountedFlash, size: number) {
    this.flash = flash;
    this.size = size;
    this.slot = -1;
    this.generation = 0;
    this.end = size;
    this.compactions = 0;
  }

  /**
   * Boot: picks the valid file with the higher generation, replays it, removes the other, and
   * compacts when the tail is torn. Starts a fresh file when neither is valid. Returns the state,
   * or undefined when the flash refused to make a journal file.
   */
  open(): StoreState | undefined {
    let best = -1;
    let bestGeneration = -1;
    for (let slot = 0; slot < JOURNAL_FILES.length; slot++) {
      const generation = headerGeneration(this.flash.read(JOURNAL_FILES[slot]));
      if (generation > bestGeneration) {
        best = slot;
        bestGeneration = generation;
      }
    }
    if (best < 0) {
      for (const name of JOURNAL_FILES) this.flash.remove(name);
      this.slot = -1;
      this.generation = 0;
      return this.compact(emptyState());
    }
    this.flash.remove(JOURNAL_FILES[1 - best]);
    this.slot = best;
    this.generation = bestGeneration;
    const data = this.flash.read(JOURNAL_FILES[best]);
    const replay = replayJournal(data === undefined ? "" : data);
    this.end = replay.end;
    if (replay.damaged) {
      // Never append after damage: a fresh file from the replayed state, or keep trying later.
      this.end = this.size;
      const compacted = this.compact(replay.state);
      return compacted ? compacted : replay.state;
    }
    return replay.state;
  }

  /** Whether a record with this payload fits after the last one. */
  fits(payload: string): boolean {
    return this.end + payload.length + RECORD_OVERHEAD <= this.size;
  }

  /** Appends one record; false when the flash refused (the next update then compacts). */
  append(payload: string): boolean {
    const record = encodeRecord(payload);
    if (this.slot < 0 || this.end + record.length > this.size) return false;
    const at = this.end;
    this.end = this.size;
    if (!this.flash.write(JOURNAL_FILES[this.slot], at, record)) return false;
    this.end = at + record.length;
    return true;
  }

  /**
   * Writes `state` as a snapshot into the other file, commits it with its header and removes the
   * old file. Returns the state as the new file holds it (expired entries dropped), or undefined
   * when it does not fit or the flash refused; the old file is then still the live one.
   */
  compact(state: StoreState): StoreState | undefined {
    const changes = snapshotChanges(state);
    const payloads = packItems(
      changes.map((c) => encodeChange(c)),
      MAX_RECORD_PAYLOAD,
    );
    const body = payloads.map((p) => encodeRecord(p)).join("");
    if (JOURNAL_HEADER_SIZE + body.length > this.size) return undefined;
    const target = this.slot < 0 ? 0 : 1 - this.slot;
    const name = JOURNAL_FILES[target];
    this.flash.remove(name);
    if (!this.flash.create(name, this.size)) return undefined;
    if (body.length > 0 && !this.flash.write(name, JOURNAL_HEADER_SIZE, body)) return undefined;
    if (!this.flash.write(name, 0, header(this.generation + 1))) return undefined;
    const old = this.slot;
    this.slot = target;
    this.generation++;
    this.end = JOURNAL_HEADER_SIZE + body.length;
    if (old >= 0) {
      this.compactions++;
      this.flash.remove(JOURNAL_FILES[old]);
    }
    const compacted = emptyState();
    for (const change of changes) applyChange(compacted, change);
    return compacted;
  }

  /** Removes both files, the stale one first so a cut never leaves only an older state. */
  erase(): void {
    const live = this.slot < 0 ? 0 : this.slot;
    this.flash.remove(JOURNAL_FILES[1 - live]);
    this.flash.remove(JOURNAL_FILES[live]);
    this.slot = -1;
    this.generation = 0;
    this.end = this.size;
  }
}
