/**
 * What the keypad shows and sounds, so a driver understands the box without reading anything.
 * Each pattern is data: docs/behaviour.md's table (and the printable keypad label made from it)
 * is made from signalPatterns() and the words in ./host/signals.ts (which the box never reads) and
 * checked by test/core/behaviour-doc.test.ts, so the two cannot disagree.
 */
import type { Signals, Timers } from "./board";

/**
 * Every pattern's steps, in the order of Signal and of docs/behaviour.md's table (its names and
 * words: ./host/signals.ts), as one string: `steps|steps|...|`. A step is four characters: the
 * LED's letter (g green, r red, a amber, o off), upper case when the buzzer sounds, then the
 * step's length in tens of milliseconds as three digits. `x` and three digits plays the steps
 * before it that many times in all (the forced-lid alarm's 20 blinks are 12 characters, not 160).
 * A pattern that repeats ends in `*` and the pause before it plays again, in HUNDREDS of
 * milliseconds (three digits; the lid reminder's 10 s needs four in tens).
 * One constant string, not objects of steps: in Lua it stays in NodeMCU's LFS (no heap at all,
 * where 16 pattern tables took 1.8 KB). Returned by a function rather than held in a constant so
 * that a Pico keeps it in flash with the function's code: the player copies one pattern's steps
 * into RAM while it plays, instead of the whole string (about 50 JsVars) for good. A pattern is
 * played by its number (Signal), not found by name: the box carries no names.
 * test/core/signals.test.ts checks its form.
 */
export function signalPatterns(): string {
  return "G004|G010g010G010g270|R070r080|R030o030|R030o030x002|R030o030x003|R030o030x004|A015a015A015a155|A015o015a015*100|R025o025x020|R015o005|G006g006G006g082|A010a040*005|G150R150|o030a150|A004|";
}

/**
 * A pattern: its place in signalPatterns() (a `const enum`: both builds write the bare number).
 * Its name (./host/signals.ts SIGNAL_NAMES, the same order) is for the host only.
 */
export const enum Signal {
  Key,
  Accepted,
  Wrong,
  LockedOutShort,
  LockedOutMinutes,
  LockedOutHour,
  LockedOutLong,
  NotReady,
  LidOpenReminder,
  Forced,
  Relocked,
  Delivered,
  ResetCountdown,
  Reset,
  BatteryLow,
  BatteryCritical,
}

/** The lock-out pattern for a remaining wait: one to four blinks, longer waits more. */
export function lockOutPattern(waitSeconds: number): Signal {
  return waitSeconds <= 60 ? Signal.LockedOutShort : waitSeconds <= 600 ? Signal.LockedOutMinutes : waitSeconds <= 3600 ? Signal.LockedOutHour : Signal.LockedOutLong;
}

/**
 * Plays one pattern at a time on the LED and buzzer; a new pattern replaces the one playing.
 * Uses a timer only while a pattern plays (a repeating one plays until stop()).
 * @noSelf
 */
export interface SignalPlayer {
  /** Plays `p`, then `after` when `p` has run to its end (not when it is stopped or replaced). */
  play(p: Signal, after?: Signal): void;
  stop(): void;
  /** The pattern playing, or -1 when quiet. */
  current(): Signal | -1;
}

/**
 * The box's player, as closures over a few variables rather than a class: on a Pico each method
 * and each object is JsVars, in Lua a class is a metatable and a method table in heap. `play`
 * and `stop` are properties the tests may wrap (test/core/box/rig.ts); the steps run through the
 * inner `run`, so a wrapped `play` sees each pattern once, and a pattern's follow-up again.
 */
export function signalPlayer(signals: Signals, timers: Timers, buzzerAllowed: () => boolean): SignalPlayer {
  let timer = -1;
  let playing: Signal | -1 = -1;
  let after: Signal | undefined;
  /** The playing pattern's steps (its part of signalPatterns(), up to its `|`), and the step to play next. */
  let steps = "";
  let at = 0;
  /** Times the steps before an `x` have played so far. */
  let rounds = 0;
  /**
   * Plays the step at `at` and sets a timer for the next; at the pattern's end (`|` or `*`)
   * turns LED and buzzer off, then waits and starts again (`*`) or ends and plays `after`.
   */
  const run = (): void => {
    const code = steps.charCodeAt(at);
    const tens = (steps.charCodeAt(at + 1) - 48) * 100 + (steps.charCodeAt(at + 2) - 48) * 10 + (steps.charCodeAt(at + 3) - 48);
    // 'x' is 120: from the start again until the steps have played `tens` times, then on.
    if (code === 120) {
      rounds++;
      at = rounds < tens ? 0 : at + 4;
      run();
      return;
    }
    // Upper case letters come before lower case ones: 'Z' is 90, 'a' 97; '*' is 42 and '|' 124.
    const lower = code < 97 ? code + 32 : code;
    if (code === 42 || code === 124) {
      signals.led("off");
      signals.buzzer(false);
      timer = -1;
      if (code === 42) {
        at = 0;
        rounds = 0;
        timer = timers.after(tens * 100, run);
        return;
      }
      playing = -1;
      if (after !== undefined) player.play(after);
      return;
    }
    signals.led(lower === 103 ? "green" : lower === 114 ? "red" : lower === 97 ? "amber" : "off");
    signals.buzzer(code < 97 && buzzerAllowed());
    at += 4;
    timer = timers.after(tens * 10, run);
  };
  const player: SignalPlayer = {
    play: (p, next) => {
      // Not stop(): every pattern's first step sets the LED and the buzzer itself, so turning them
      // off first is three pin writes for nothing, on every key.
      if (timer >= 0) timers.cancel(timer);
      timer = -1;
      after = next;
      playing = p;
      const all = signalPatterns();
      let first = 0;
      for (let i = 0; i < p; i++) first = all.indexOf("|", first) + 1;
      steps = all.slice(first, all.indexOf("|", first) + 1);
      at = 0;
      rounds = 0;
      run();
    },
    stop: () => {
      if (timer >= 0) timers.cancel(timer);
      timer = -1;
      after = undefined;
      playing = -1;
      signals.led("off");
      signals.buzzer(false);
    },
    current: () => playing,
  };
  return player;
}
