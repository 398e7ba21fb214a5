/**
 * The flash layout's constants: file names, sizes, magic bytes and the journal's keys.
 * docs/storage.md describes each byte; test/core/store/storage-doc.test.ts reads these constants,
 * so the two cannot drift without a test failing.
 */

/** The two journal files are JOURNAL_PREFIX + 0 and + 1; the valid one with the higher generation is the live one. */
export const JOURNAL_PREFIX = "pb.j";
/** Their names, for the tests and tools (test/core/store/storage-doc.test.ts holds them to the prefix). */
export const JOURNAL_FILES = ["pb.j0", "pb.j1"];
/** Bytes per journal file (each is created this size, erased). */
export const JOURNAL_SIZE = 2048;
/** "PBJ" and format version 2. */
export const JOURNAL_MAGIC = "PBJ\x02";
/** "PBL" and format version 3 (17 segments of 63 events; format 2 had 8 of 144). */
export const LOG_MAGIC = "PBL\x03";
/** Every file starts with magic (4), a number (4: generation or sequence), Adler-32 of the first 8 (4). */
export const HEADER_SIZE = 12;
/** A record is its payload length (2), the payload, and the Adler-32 of length and payload (4). */
export const RECORD_OVERHEAD = 6;

/** Audit log segment files are LOG_PREFIX + 0 .. LOG_SEGMENTS - 1, used round-robin. */
export const LOG_PREFIX = "pb.l";
export const LOG_SEGMENTS = 17;
/**
 * Event slots per segment: (LOG_SEGMENTS - 1) * LOG_SEGMENT_EVENTS >= 1000 are always kept. A
 * segment is read whole (boot, each LOG page): 12 + 63 * 16 = 1020 bytes is one 1024-byte read on
 * NodeMCU, and the LOG page's heap peak stays within 28 KB (docs/storage.md, "Audit log").
 */
export const LOG_SEGMENT_EVENTS = 63;
/** type (1), c (1), at (4), a (4), b (4), the Adler-32's sum B of the first 14 bytes (2). */
export const EVENT_SIZE = 16;

/** The master secret's size is the key scheme's (docs/codes.md): one figure, re-exported for the layout. */
export { SECRET_BYTES } from "../codes/keys";
/** The longest box id PROVISION takes. */
export const MAX_BOX_ID_LENGTH = 16;
/** The most settings one PROVISION line may give. */
export const MAX_SETTINGS = 16;

/**
 * The journal's keys (docs/storage.md, "Entries"). Keys that start with an upper-case letter
 * expire: their value starts with the expiry (i32), and a snapshot leaves them out once it is at
 * or before the clock checkpoint. `const enum`: both builds write the bare string where one is used.
 */
export const enum Key {
  /** The 20-byte master secret; the box is provisioned while it exists. */
  Secret = "k",
  BoxId = "i",
  /** The attempt limiter's integers, in the limiter's own order. */
  Limiter = "l",
  /** The owner-code state's integers, in OwnerState's order (codes/owner.ts). */
  Owner = "o",
  /** Box seconds the clock never starts below after a power cut. */
  Checkpoint = "c",
  /** Box seconds when the owner last set the clock. */
  ClockSet = "t",
  /** Followed by the setting's index in SETTINGS (settings.ts) as one byte: its value. */
  Setting = "s",
  /** Followed by the code's id: its expiry and uses so far. */
  CodeUse = "U",
  /** Followed by the code's id: its expiry. */
  Revoked = "R",
}
