/**
 * What the keypad shows and sounds, so a driver understands the box without reading anything.
 * Each pattern is data: docs/behaviour.md's table (and the printable keypad label made from it)
 * is made from signalPatterns() and the words in ./host/signals.ts (which the box never reads) and
 * checked by test/core/behaviour-doc.test.ts, so the two cannot disagree.
 */
import type { Signals, Timers } from "./board";

/**
 * Every pattern, in the order of docs/behaviour.md's table (its words: ./host/signals.ts), as one
 * string: `|name steps|name steps|...|`. A step is four characters: the LED's letter (g green,
 * r red, a amber, o off), upper case when the buzzer sounds, then the step's length in tens of
 * milliseconds as three digits. `x` and three digits plays the steps before it that many times in
 * all (the forced-lid alarm's 20 blinks are 12 characters, not 160). A pattern that repeats ends
 * in `*` and the pause before it plays again, in HUNDREDS of milliseconds (three digits; the lid
 * reminder's 10 s needs four in tens).
 * One constant string, not objects of steps: in Lua it stays in NodeMCU's LFS (no heap at all,
 * where 16 pattern tables took 1.8 KB). Returned by a function rather than held in a constant so
 * that a Pico keeps it in flash with the function's code: the player copies one pattern's steps
 * into RAM while it plays, instead of the whole string (about 50 JsVars) for good.
 * test/core/signals.test.ts checks its form.
 */
export function signalPatterns(): string {
  return "|key G004|accepted G010g010G010g270|wrong R070r080|locked-out-short R030o030|locked-out-minutes R030o030x002|locked-out-hour R030o030x003|locked-out-long R030o030x004|not-ready A015a015A015a155|lid-open-reminder A015o015a015*100|forced R025o025x020|relocked R015o005|delivered G006g006G006g082|reset-countdown A010a040*005|reset G150R150|battery-low o030a150|battery-critical A004|";
}

/** A pattern's name: host/signals.ts's words must cover exactly these, and a test checks signalPatterns() has each. */
export type SignalName =
  | "key"
  | "accepted"
  | "wrong"
  | "locked-out-short"
  | "locked-out-minutes"
  | "locked-out-hour"
  | "locked-out-long"
  | "not-ready"
  | "lid-open-reminder"
  | "forced"
  | "relocked"
  | "delivered"
  | "reset-countdown"
  | "reset"
  | "battery-low"
  | "battery-critical";

/** A pattern is played by its name (the player finds its steps in signalPatterns()). */
export type SignalPattern<N extends SignalName = SignalName> = N;

/** The pattern called `name`: the name itself, kept so that box.ts's `pattern("wrong")` reads as before. */
export function pattern(name: SignalName): SignalName {
  return name;
}

/** The lock-out pattern for a remaining wait: one to four blinks, longer waits more. */
export function lockOutPattern(waitSeconds: number): SignalName {
  return waitSeconds <= 60 ? "locked-out-short" : waitSeconds <= 600 ? "locked-out-minutes" : waitSeconds <= 3600 ? "locked-out-hour" : "locked-out-long";
}

/**
 * Plays one pattern at a time on the LED and buzzer; a new pattern replaces the one playing.
 * Uses a timer only while a pattern plays (a repeating one plays until stop()).
 * @noSelf
 */
export interface SignalPlayer {
  /** Plays `p`, then `after` when `p` has run to its end (not when it is stopped or replaced). */
  play(p: SignalName, after?: SignalName): void;
  stop(): void;
  /** The name of the pattern playing, or "" when quiet. */
  current(): SignalName | "";
}

/**
 * The box's player, as closures over a few variables rather than a class: on a Pico each method
 * and each object is JsVars, in Lua a class is a metatable and a method table in heap. `play`
 * and `stop` are properties the tests may wrap (test/core/box/rig.ts); the steps run through the
 * inner `run`, so a wrapped `play` sees each pattern once, and a pattern's follow-up again.
 */
export function signalPlayer(signals: Signals, timers: Timers, buzzerAllowed: () => boolean): SignalPlayer {
  let timer = -1;
  let playing: SignalName | "" = "";
  let after: SignalName | undefined;
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
      playing = "";
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
      player.stop();
      after = next;
      playing = p;
      const all = signalPatterns();
      const first = all.indexOf("|" + p + " ") + p.length + 2;
      steps = all.slice(first, all.indexOf("|", first) + 1);
      at = 0;
      rounds = 0;
      run();
    },
    stop: () => {
      if (timer >= 0) timers.cancel(timer);
      timer = -1;
      after = undefined;
      playing = "";
      signals.led("off");
      signals.buzzer(false);
    },
    current: () => playing,
  };
  return player;
}
