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
 *
 * Three plain functions over the box's Clock and one integer of state the box keeps (clockWake,
 * clockSet, clockCheckpointable), not a class: on a Pico each method and object is JsVars, in Lua
 * a class is a metatable and a method table in heap.
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

/**
 * What the clock asks of the box and tells it, as one function (the box's clock note, box.ts):
 * one closure instead of two objects of seven, on both runtimes. `a` and `b` are box seconds
 * (-1: unknown). The answer matters only for ClockNote.ReadCheckpoint.
 */
export type ClockNoter = (this: void, kind: ClockNote, a: number, b: number) => number;

/** What a clock note is about (a `const enum`: both builds write the bare number). */
export const enum ClockNote {
  /** Answer the last checkpoint in box seconds, or -1 when none was stored. */
  ReadCheckpoint = 0,
  /** Store checkpoint `a`. */
  WriteCheckpoint = 1,
  /** The owner set the clock from `a` to `b`: log it; the checkpoint moves to `b`, back as well as forward. */
  OwnerSet = 2,
  /** The clock came back at `a`, behind checkpoint `b` (no DS3231 time), and was moved forward to it. */
  MovedUp = 3,
  /** The DS3231 read `a`, too far behind checkpoint `b` to believe: not adopted. */
  BackupBehind = 4,
  /** The clock was moved from `a` (-1: unknown) to the DS3231's `b`. */
  Followed = 5,
}

/**
 * The clock's own state, bits of the one integer the box keeps for it (Box.clockState[0]):
 * BEHIND_LOGGED: a DS3231 found behind the checkpoint is logged once, not at every wake.
 * STALE: the owner set the clock and the DS3231 did not take it (read back wrong or not at all):
 * until a set succeeds it is not followed, or its old time would undo the owner's at the next wake.
 * UNREAD: a fitted DS3231 did not answer at the last wake (an I2C glitch): the microcontroller's
 * time may have drifted since the last good read, so it is not stored as a checkpoint until the
 * DS3231 answers again (a drifted checkpoint would make the good DS3231 look "behind").
 */
const BEHIND_LOGGED = 1;
const STALE = 2;
const UNREAD = 4;

/**
 * Call whenever the box wakes (`boot` at power-up). Reads the DS3231 and adopts its time when it
 * differs by FOLLOW_SECONDS or more and is not more than CHECKPOINT_SLACK_SECONDS behind the
 * checkpoint, and not while it missed the owner's last setting (it is followed again once it
 * agrees). At power-up, a clock that did not take the DS3231's time (none, not believed) and came
 * back behind the checkpoint is moved up to it; a DS3231 reading that is not believed leaves the
 * clock as it is (unknown after a power cut, or what the microcontroller kept across a reset).
 * Then stores a checkpoint when the last one is older than CHECKPOINT_SECONDS and the time may be
 * stored (clockCheckpointable).
 */
export function clockWake(clock: Clock, state: number[], note: ClockNoter, boot: boolean): void {
  const backup = clock.readBackup();
  let flags = state[0];
  flags = backup < 0 && clock.hasBackup() && (flags & STALE) === 0 ? flags | UNREAD : flags & ~UNREAD;
  let now = clock.now();
  // Read once: nothing below moves it before it is written.
  const checkpoint = note(ClockNote.ReadCheckpoint, 0, 0);
  // Whether the box's time is now the DS3231's (adopted, or already within FOLLOW_SECONDS).
  let followed = false;
  if (backup >= 0) {
    const agrees = now >= 0 && backup - now < FOLLOW_SECONDS && now - backup < FOLLOW_SECONDS;
    if ((flags & STALE) !== 0) {
      // After a CLOCK SET it did not take, the DS3231 is followed again only once it agrees.
      if (agrees) flags &= ~STALE;
      followed = agrees;
    } else if (checkpoint >= 0 && backup < checkpoint - CHECKPOINT_SLACK_SECONDS) {
      // Behind the checkpoint by more than the slack, the DS3231 is wrong, whether or not the
      // microcontroller's clock (kept across a reset) agrees with it.
      if ((flags & BEHIND_LOGGED) === 0) note(ClockNote.BackupBehind, backup, checkpoint);
      flags |= BEHIND_LOGGED;
    } else {
      flags &= ~BEHIND_LOGGED;
      followed = true;
      if (!agrees) {
        clock.setLocal(backup);
        note(ClockNote.Followed, now, backup);
      }
    }
  }
  state[0] = flags;
  if (boot && !followed && now >= 0 && checkpoint >= 0 && now < checkpoint) {
    clock.setLocal(checkpoint);
    note(ClockNote.MovedUp, now, checkpoint);
  }
  if (!clockCheckpointable(clock, state)) return;
  now = clock.now();
  if (checkpoint < 0 || now - checkpoint >= CHECKPOINT_SECONDS) note(ClockNote.WriteCheckpoint, now, 0);
}

/**
 * Sets the time (owner's tool over USB). The owner may move it back; power cuts may not.
 * Returns false when a fitted DS3231 did not take the time (read back): the box keeps the time
 * while powered and stops following the DS3231 until it agrees again, but after a power cut it
 * reads the DS3231's time again.
 */
export function clockSet(clock: Clock, state: number[], note: ClockNoter, boxSeconds: number): boolean {
  const from = clock.now();
  clock.set(boxSeconds);
  note(ClockNote.OwnerSet, from, boxSeconds);
  let flags = state[0] & ~(BEHIND_LOGGED | STALE);
  if (clock.hasBackup()) {
    const back = clock.readBackup();
    if (back < 0 || back - boxSeconds >= FOLLOW_SECONDS || boxSeconds - back >= FOLLOW_SECONDS) flags |= STALE;
  }
  state[0] = flags;
  return (flags & STALE) === 0;
}

/** Whether the time now may be stored as a checkpoint (known, and not left unchecked by a silent DS3231). */
export function clockCheckpointable(clock: Clock, state: number[]): boolean {
  return clock.now() >= 0 && (state[0] & UNREAD) === 0;
}
