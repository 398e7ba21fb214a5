/**
 * The box's persistence: everything that must survive a power cut at any instant, over the
 * board's Flash port. docs/storage.md is the specification of every byte this writes.
 *
 * - `openStore(flash)` loads and validates the journal and the audit log (and repairs what a power
 *   cut left behind: see "Recovery at boot" in docs/storage.md).
 * - Each update writes one small journal record and returns true once it is on flash; the state
 *   in memory changes only then. `apply` writes several changes as one record, all or nothing.
 * - `appendEvent` adds one 16-byte audit event; `readEvents` pages through the kept ones.
 * - `factoryReset` removes every file of the store.
 */
import type { Flash } from "../board";
import type { ByteString } from "../bytes";
import { AuditLog, type AuditEvent } from "./audit-log";
import { Journal } from "./journal";
import { JOURNAL_SIZE, LOG_SEGMENT_EVENTS, LOG_SEGMENTS, MAX_LIVE_ENTRIES, MAX_RECORD_PAYLOAD, MAX_SETTINGS } from "./layout";
import { encodeChange, isStorable } from "./records";
import { applyChange, copyState, isExpired, type Change, type CodeUse, type StoreState } from "./state";
import { CountedFlash, type WearCounts } from "./wear";

/** Sizes for tests and board profiles; each defaults to the constant in ./layout.ts. */
export interface StoreOptions {
  journalSize?: number;
  logSegments?: number;
  logSegmentEvents?: number;
}

/**
 * Whether a state's snapshot is sure to fit a journal file: at most MAX_SETTINGS settings and
 * MAX_LIVE_ENTRIES unexpired code uses and revocations (expired ones go at the next compaction).
 */
function withinLimits(state: StoreState): boolean {
  if (state.settings.length > MAX_SETTINGS) return false;
  const now = state.clockCheckpoint;
  let live = 0;
  for (const c of state.codeUses) if (!isExpired(c.expires, now)) live++;
  for (const r of state.revocations) if (!isExpired(r.expires, now)) live++;
  return live <= MAX_LIVE_ENTRIES;
}

export class Store {
  private readonly flash: CountedFlash;
  private readonly journal: Journal;
  private readonly log: AuditLog;
  private current: StoreState;

  constructor(flash: Flash, options: StoreOptions | undefined) {
    this.flash = new CountedFlash(flash);
    const o: StoreOptions = options === undefined ? {} : options;
    this.journal = new Journal(this.flash, o.journalSize === undefined ? JOURNAL_SIZE : o.journalSize);
    this.log = new AuditLog(
      this.flash,
      o.logSegments === undefined ? LOG_SEGMENTS : o.logSegments,
      o.logSegmentEvents === undefined ? LOG_SEGMENT_EVENTS : o.logSegmentEvents,
    );
    this.current = this.load();
  }

  private load(): StoreState {
    const state = this.journal.open();
    this.log.open();
    if (state === undefined) throw new Error("store: the flash has no room for the journal");
    return state;
  }

  /** A copy of the whole state. */
  state(): StoreState {
    return copyState(this.current);
  }

  isProvisioned(): boolean {
    return this.current.provisioned;
  }

  /** The master secret, "" while unprovisioned. */
  secret(): ByteString {
    return this.current.secret;
  }

  boxId(): string {
    return this.current.boxId;
  }

  /** The limiter's and the owner-code state's integers as last stored ([] when never). */
  limiterValues(): number[] {
    return this.current.limiter.slice();
  }

  ownerValues(): number[] {
    return this.current.owner.slice();
  }

  /** The stored clock checkpoint (box seconds; 0 when none yet). */
  clockCheckpoint(): number {
    return this.current.clockCheckpoint;
  }

  /** When the owner last set the clock (box seconds), -1 when never since provisioning or reset. */
  clockSetAt(): number {
    return this.current.clockSetAt;
  }

  /** A setting's value, or `fallback` when it was never set. */
  setting(name: string, fallback: number): number {
    const found = this.current.settings.find((s) => s.name === name);
    return found ? found.value : fallback;
  }

  /** The code's use entry, undefined when it never opened (or its entry expired). */
  codeUse(id: string): CodeUse | undefined {
    const found = this.current.codeUses.find((c) => c.id === id);
    return found ? { id: found.id, uses: found.uses, expires: found.expires } : undefined;
  }

  isRevoked(id: string): boolean {
    return this.current.revocations.some((r) => r.id === id);
  }

  /**
   * Writes `changes` as one journal record (or, when the live file is full, as part of the
   * snapshot that starts the other file): after a power cut either all of them hold or none.
   * False, and nothing changed, when a change is out of the layout's limits, the state would hold
   * more than MAX_SETTINGS settings or MAX_LIVE_ENTRIES live codes, the record is too long, or the
   * flash refused.
   */
  apply(changes: Change[]): boolean {
    if (changes.length === 0) return true;
    for (const change of changes) if (!isStorable(change)) return false;
    const payload = changes.map((c) => encodeChange(c)).join("");
    if (payload.length > MAX_RECORD_PAYLOAD) return false;
    const next = copyState(this.current);
    for (const change of changes) applyChange(next, change);
    if (!withinLimits(next)) return false;
    if (this.journal.fits(payload)) {
      if (!this.journal.append(payload)) return false;
      this.current = next;
      return true;
    }
    const compacted = this.journal.compact(next);
    if (compacted === undefined) return false;
    this.current = compacted;
    return true;
  }

  /** Stores the master secret, box id and time of provisioning (one record). */
  provision(secret: ByteString, boxId: string, at: number): boolean {
    return this.apply([{ kind: "provision", secret: secret, boxId: boxId, at: at }]);
  }

  setSetting(name: string, value: number): boolean {
    return this.apply([{ kind: "setting", name: name, value: value }]);
  }

  /** Replaces the attempt limiter's integers (at most MAX_LIMITER_VALUES). */
  setLimiter(values: number[]): boolean {
    return this.apply([{ kind: "limiter", values: values }]);
  }

  setOwnerTotp(values: number[]): boolean {
    return this.apply([{ kind: "owner-totp", values: values }]);
  }

  /** Records that the clock has reached `boxSeconds`; boot never lets the clock start below it. */
  checkpointClock(boxSeconds: number): boolean {
    return this.apply([{ kind: "clock", checkpoint: boxSeconds }]);
  }

  /** Records a code's uses so far; the entry is dropped at a compaction once `expires` passed. */
  recordCodeUse(id: string, uses: number, expires: number): boolean {
    return this.apply([{ kind: "code-use", id: id, uses: uses, expires: expires }]);
  }

  revoke(id: string, expires: number): boolean {
    return this.apply([{ kind: "revocation", id: id, expires: expires }]);
  }

  /** Appends one audit event (types and arguments in ./events.ts); false when the flash refused. */
  appendEvent(at: number, type: number, a: number, b: number, c: number): boolean {
    return this.log.append(at, type, a, b, c);
  }

  /** The number the next event will get: events logged since the last factory reset. */
  eventCount(): number {
    return this.log.total();
  }

  /** The number of the oldest event still kept. */
  oldestEvent(): number {
    return this.log.oldest();
  }

  /** Up to `count` events numbered `from` onwards, oldest first. */
  readEvents(from: number, count: number): AuditEvent[] {
    return this.log.read(from, count);
  }

  /** Removes the journal (secret first) and the log, then starts empty. */
  factoryReset(): void {
    this.journal.erase();
    this.log.erase();
    this.current = this.load();
  }

  /** Flash use since this store was opened. */
  wear(): WearCounts {
    return this.flash.counts;
  }

  /** Journal compactions since this store was opened. */
  compactions(): number {
    return this.journal.compactions;
  }
}

/** Opens the store on `flash`: loads both journal files and the log, repairing torn writes. */
export function openStore(flash: Flash, options?: StoreOptions): Store {
  return new Store(flash, options);
}
