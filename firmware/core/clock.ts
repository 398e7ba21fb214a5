/**
 * The box's view of wall-clock time. When a DS3231 is fitted it IS the time: the
 * microcontroller's clock (Espruino getTime, NodeMCU rtctime) only counts between two reads of
 * it, since it may run 10 % fast or slow (the Pico's RC oscillator while asleep). The box reads
 * the DS3231 at power-up and whenever it wakes (an entry's second key and a late `#`: box.ts
 * keyPressed; USB data, the home input, the daily housekeeping wake), so before every code is
 * checked, and adopts its time when the two differ by
 * FOLLOW_SECONDS or more, backwards as well as forwards.
 *
 * The checkpoint guards against a DS3231 that is wrong (a glitch on its coin cell, a bad
 * setting): one is stored at least every CHECKPOINT_SECONDS while the box is awake, and every
 * code entry moves it into the current hour, in the same record that charges the attempt
 * (box.ts). A DS3231 reading more than CHECKPOINT_SLACK_SECONDS behind it is not believed: at
 * power-up the clock is then unknown (not ready, amber: the owner sets it over USB), while
 * running the box keeps its own clock; either way it is logged. A DS3231 that reads no time (lost
 * its cell, does not answer) is ignored; without one the clock is the microcontroller's, lost at
 * a power cut, and a clock kept across a reset that comes back behind the checkpoint is moved up
 * to it. A DS3231 that jumps FORWARD is believed: nothing on the box can tell it from the truth.
 */
import type { Clock } from "./board";

/** How stale the stored checkpoint may get while the box is awake. */
export const CHECKPOINT_SECONDS = 3600;
/**
 * How far behind the stored checkpoint a DS3231 reading may be and still be believed. The
 * checkpoint is written from the microcontroller's clock, which may be ahead of the DS3231 by up
 * to FOLLOW_SECONDS when it is written, or by its drift since the DS3231 last answered; two
 * minutes covers that (20 minutes at 10 % without an answer). An expired code can open again only
 * in the last CHECKPOINT_SLACK_SECONDS of its window (docs/codes.md).
 */
export const CHECKPOINT_SLACK_SECONDS = 120;
/** The DS3231 is adopted when it differs from the microcontroller's clock by this much or more. */
export const FOLLOW_SECONDS = 2;

/** Where the checkpoint lives (the store). @noSelf */
export interface ClockCheckpointStore {
  /** The last checkpoint in box seconds, or -1 when none was stored. */
  read(): number;
  write(boxSeconds: number): void;
  /** The owner set the clock to `boxSeconds`: the checkpoint moves there, back as well as forward. */
  ownerSet(boxSeconds: number): void;
}

/** What the clock reports to the box's log. @noSelf */
export interface ClockEvents {
  /** The clock came back behind the checkpoint (no DS3231 time) and was moved forward to it. */
  movedUpToCheckpoint(found: number, checkpoint: number): void;
  /** The DS3231 read `found`, too far behind the checkpoint to believe: not adopted. */
  backupBehind(found: number, checkpoint: number): void;
  /** The clock was moved from `from` (-1: unknown) to the DS3231's `to`. */
  followedBackup(from: number, to: number): void;
  set(from: number, to: number, source: string): void;
}

export class BoxClock {
  /** A DS3231 found behind the checkpoint is logged once, not at every wake. */
  private behindLogged = false;
  /**
   * The owner set the clock and the DS3231 did not take it (read back wrong or not at all): until
   * a set succeeds it is not followed, or its old time would undo the owner's at the next wake.
   */
  private backupStale = false;
  /**
   * A fitted DS3231 did not answer at the last wake (an I2C glitch): the microcontroller's time
   * may have drifted since the last good read, so it is not stored as a checkpoint until the
   * DS3231 answers again (a drifted checkpoint would make the good DS3231 look "behind").
   */
  private backupUnread = false;

  constructor(
    private readonly clock: Clock,
    private readonly checkpoints: ClockCheckpointStore,
    private readonly events: ClockEvents,
  ) {}

  /**
   * At power-up: the DS3231's time when it has a believable one; else the microcontroller's clock
   * (unknown after a power cut), never behind the last checkpoint.
   */
  boot(): void {
    // A DS3231 reading that is not believed leaves the clock as it is: unknown after a power cut,
    // or what the microcontroller kept across a reset (as while running).
    if (!this.follow()) {
      const now = this.clock.now();
      const checkpoint = this.checkpoints.read();
      if (now >= 0 && checkpoint >= 0 && now < checkpoint) {
        this.clock.setLocal(checkpoint);
        this.events.movedUpToCheckpoint(now, checkpoint);
      }
    }
    this.storeCheckpoint();
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

  /**
   * Sets the time (owner's tool over USB). The owner may move it back; power cuts may not.
   * Returns false when a fitted DS3231 did not take the time (read back): the box keeps the time
   * while powered and stops following the DS3231 until it agrees again, but after a power cut it
   * reads the DS3231's time again.
   */
  set(boxSeconds: number, source: string): boolean {
    const from = this.clock.now();
    this.clock.set(boxSeconds);
    this.events.set(from, boxSeconds, source);
    this.checkpoints.ownerSet(boxSeconds);
    this.behindLogged = false;
    if (!this.clock.hasBackup()) return true;
    const back = this.clock.readBackup();
    this.backupStale = back < 0 || back - boxSeconds >= FOLLOW_SECONDS || boxSeconds - back >= FOLLOW_SECONDS;
    return !this.backupStale;
  }

  /**
   * Call whenever the box wakes: adopts the DS3231's time (follow), then stores a checkpoint if
   * the last one is older than CHECKPOINT_SECONDS.
   */
  checkpoint(): void {
    this.follow();
    this.storeCheckpoint();
  }

  /** Whether the time now may be stored as a checkpoint (known, and not left unchecked by a silent DS3231). */
  checkpointable(): boolean {
    return this.clock.now() >= 0 && !this.backupUnread;
  }

  /**
   * Reads the DS3231 and adopts its time when it differs by FOLLOW_SECONDS or more and is not
   * more than CHECKPOINT_SLACK_SECONDS behind the checkpoint. Returns whether the box's time is
   * now the DS3231's (adopted, or already within FOLLOW_SECONDS); false when it has none (not
   * fitted, no answer, lost its time), is not believed, or missed the owner's last setting.
   */
  private follow(): boolean {
    const backup = this.clock.readBackup();
    this.backupUnread = backup < 0 && this.clock.hasBackup() && !this.backupStale;
    if (backup < 0) return false;
    const now = this.clock.now();
    const agrees = now >= 0 && backup - now < FOLLOW_SECONDS && now - backup < FOLLOW_SECONDS;
    // After a CLOCK SET it did not take, the DS3231 is followed again only once it agrees.
    if (this.backupStale) {
      this.backupStale = !agrees;
      return agrees;
    }
    // Behind the checkpoint by more than the slack, the DS3231 is wrong, whether or not the
    // microcontroller's clock (kept across a reset) agrees with it.
    const checkpoint = this.checkpoints.read();
    if (checkpoint >= 0 && backup < checkpoint - CHECKPOINT_SLACK_SECONDS) {
      if (!this.behindLogged) this.events.backupBehind(backup, checkpoint);
      this.behindLogged = true;
      return false;
    }
    this.behindLogged = false;
    if (agrees) return true;
    this.clock.setLocal(backup);
    this.events.followedBackup(now, backup);
    return true;
  }

  private storeCheckpoint(): void {
    if (!this.checkpointable()) return;
    const now = this.clock.now();
    const last = this.checkpoints.read();
    if (last < 0 || now - last >= CHECKPOINT_SECONDS) this.checkpoints.write(now);
  }
}
