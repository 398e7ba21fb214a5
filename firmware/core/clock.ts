/**
 * The box's view of wall-clock time. The board's clock may have lost power (no DS3231) and then
 * reads -1: the box refuses time-bound codes until the owner sets it, and says so. Time never
 * moves backwards across a power cut: a checkpoint is stored at least every CHECKPOINT_SECONDS
 * while the box is awake, and a clock that comes back behind it is moved up to it. Every code
 * entry also moves the checkpoint into the current hour, in the same record that charges the
 * attempt (box.ts), so a code refused as expired stays expired whatever the clock does later.
 */
import type { Clock } from "./board";

/** How stale the stored checkpoint may get while the box is awake. */
export const CHECKPOINT_SECONDS = 3600;

/** Where the checkpoint lives (the store). @noSelf */
export interface ClockCheckpointStore {
  /** The last checkpoint in box seconds, or -1 when none was stored. */
  read(): number;
  write(boxSeconds: number): void;
}

/** What the clock reports to the box's log. @noSelf */
export interface ClockEvents {
  /** The clock came back behind the checkpoint and was moved forward to it. */
  movedUpToCheckpoint(found: number, checkpoint: number): void;
  set(from: number, to: number, source: string): void;
}

export class BoxClock {
  constructor(
    private readonly clock: Clock,
    private readonly checkpoints: ClockCheckpointStore,
    private readonly events: ClockEvents,
  ) {}

  /** At power-up: never let the clock start behind the last checkpoint. */
  boot(): void {
    const now = this.clock.now();
    const checkpoint = this.checkpoints.read();
    if (now >= 0 && checkpoint >= 0 && now < checkpoint) {
      this.clock.set(checkpoint);
      this.events.movedUpToCheckpoint(now, checkpoint);
    }
    this.checkpoint();
  }

  /** Box seconds now, or -1 while unknown. */
  now(): number {
    return this.clock.now();
  }

  known(): boolean {
    return this.clock.now() >= 0;
  }

  hasBackup(): boolean {
    return this.clock.hasBackup();
  }

  /** Sets the time (owner's tool over USB). The owner may move it back; power cuts may not. */
  set(boxSeconds: number, source: string): void {
    const from = this.clock.now();
    this.clock.set(boxSeconds);
    this.events.set(from, boxSeconds, source);
    this.checkpoints.write(boxSeconds);
  }

  /** Stores a checkpoint if the last one is older than CHECKPOINT_SECONDS. Call whenever awake. */
  checkpoint(): void {
    const now = this.clock.now();
    if (now < 0) return;
    const last = this.checkpoints.read();
    if (last < 0 || now - last >= CHECKPOINT_SECONDS) this.checkpoints.write(now);
  }
}
