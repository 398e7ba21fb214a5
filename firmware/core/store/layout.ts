/**
 * The flash layout's constants: file names, sizes, magic bytes, item and limit values.
 * docs/storage.md describes each byte; the tests read these constants, so the two cannot drift
 * without a test failing.
 */

/** The two journal files; the valid one with the higher generation is the live one. */
export const JOURNAL_FILES = ["pb.j0", "pb.j1"];
/**
 * Bytes per journal file (each is created this size, erased). Sized for the Espruino Pico's 48 KB
 * of Storage; the limits below keep the largest snapshot (see snapshotBound) well inside it.
 */
export const JOURNAL_SIZE = 2048;
/** "PBJ" and format version 1. */
export const JOURNAL_MAGIC = "PBJ\x01";
/** Magic (4), generation (4), CRC-32 of the first 8 bytes (4). */
export const JOURNAL_HEADER_SIZE = 12;
/** A record is its payload length (2), the payload, and the CRC-32 of length and payload (4). */
export const RECORD_OVERHEAD = 6;
/** Longest record payload; also keeps the length's first byte below 0xff, the "erased" mark. */
export const MAX_RECORD_PAYLOAD = 1024;

/** Journal item types (first byte of each item; the second is the body length). */
export const ITEM_PROVISION = 1;
export const ITEM_SETTING = 2;
export const ITEM_LIMITER = 3;
export const ITEM_OWNER_TOTP = 4;
export const ITEM_CLOCK = 5;
export const ITEM_CODE_USE = 6;
export const ITEM_REVOCATION = 7;
export const ITEM_CLOCK_SET = 8;

/** The master secret's size is the key scheme's (docs/codes.md): one figure, re-exported for the layout. */
export { SECRET_BYTES } from "../codes/keys";
export const MAX_BOX_ID_LENGTH = 16;
export const MAX_NAME_LENGTH = 16;
export const MAX_ID_LENGTH = 16;
export const MAX_LIMITER_VALUES = 8;
export const MAX_USES = 65535;
/** Settings the box keeps at most. */
export const MAX_SETTINGS = 16;
/** Unexpired code-use and revocation entries the box keeps at most, together. */
export const MAX_LIVE_ENTRIES = 48;

/** Audit log segment files are LOG_PREFIX + 0 .. LOG_SEGMENTS - 1, used round-robin. */
export const LOG_PREFIX = "pb.l";
export const LOG_SEGMENTS = 8;
/** Event slots per segment: (LOG_SEGMENTS - 1) * LOG_SEGMENT_EVENTS >= 1000 are always kept. */
export const LOG_SEGMENT_EVENTS = 144;
/** "PBL" and format version 1. */
export const LOG_MAGIC = "PBL\x01";
/** Magic (4), segment sequence number (4), index of its first event (4), CRC-32 of the first 12 (4). */
export const LOG_HEADER_SIZE = 16;
/** at (4), type (1), a (4), b (4), c (1), low 16 bits of the CRC-32 of the first 14 bytes (2). */
export const EVENT_SIZE = 16;

/** The guaranteed number of audit events kept with the default layout. */
export const MIN_EVENTS_KEPT = (LOG_SEGMENTS - 1) * LOG_SEGMENT_EVENTS;

/** Bytes of one log segment file holding `eventsPerSegment` event slots. */
export function segmentFileSize(eventsPerSegment: number): number {
  return LOG_HEADER_SIZE + eventsPerSegment * EVENT_SIZE;
}
