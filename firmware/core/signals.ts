/**
 * What the keypad shows and sounds, so a driver understands the box without reading anything.
 * Each pattern is data: docs/behaviour.md's table (and the printable keypad label made from it)
 * is made from PATTERNS and the words in ./host/signals.ts (which the box never reads) and
 * checked by test/core/behaviour-doc.test.ts, so the two cannot disagree.
 */
import type { LedColour, Signals, Timers } from "./board";

export interface SignalPattern<N extends string = string> {
  name: N;
  /**
   * Played in order; `repeatEveryMs` > 0 plays it again after that pause until stopped. Four
   * characters a step (step() below): the LED's letter (g green, r red, a amber, o off), upper
   * case when the buzzer sounds, then the step's length in tens of milliseconds as three digits.
   * A string, not a list of step objects: in Lua each object was a table, and the 80 steps took
   * 9 KB of an ESP8266's heap (docs/lua-heap.md); a string costs a few bytes a step, or nothing
   * in RAM when it is a constant in NodeMCU's LFS.
   */
  steps: string;
  repeatEveryMs: number;
}

/** One step; `ms` is a multiple of 10 under 10 s (test/core/signals.test.ts checks every pattern). */
function step(led: LedColour, buzzer: boolean, ms: number): string {
  const letter = led === "green" ? "g" : led === "red" ? "r" : led === "amber" ? "a" : "o";
  const tens = idiv(ms, 10);
  return (buzzer ? letter.toUpperCase() : letter) + String.fromCharCode(48 + idiv(tens, 100), 48 + (idiv(tens, 10) % 10), 48 + (tens % 10));
}

function blinks(led: LedColour, count: number, onMs: number, offMs: number, buzzer: boolean): string {
  const one = step(led, buzzer, onMs) + step("off", false, offMs);
  let steps = "";
  for (let i = 0; i < count; i++) steps = steps + one;
  return steps;
}

function signal<N extends string>(name: N, steps: string, repeatEveryMs: number): SignalPattern<N> {
  return { name: name, steps: steps, repeatEveryMs: repeatEveryMs };
}

/** Every pattern, in the order of docs/behaviour.md's table (its words: ./host/signals.ts). */
export const PATTERNS = [
  signal("key", step("green", true, 40), 0),
  signal("accepted", step("green", true, 100) + step("green", false, 100) + step("green", true, 100) + step("green", false, 2700), 0),
  signal("wrong", step("red", true, 700) + step("red", false, 800), 0),
  signal("locked-out-short", blinks("red", 1, 300, 300, true), 0),
  signal("locked-out-minutes", blinks("red", 2, 300, 300, true), 0),
  signal("locked-out-hour", blinks("red", 3, 300, 300, true), 0),
  signal("locked-out-long", blinks("red", 4, 300, 300, true), 0),
  signal("not-ready", step("amber", true, 150) + step("amber", false, 150) + step("amber", true, 150) + step("amber", false, 1550), 0),
  signal("lid-open-reminder", step("amber", true, 150) + step("off", false, 150) + step("amber", false, 150), 10000),
  signal("forced", blinks("red", 20, 250, 250, true), 0),
  signal("relocked", step("red", true, 150) + step("off", false, 50), 0),
  signal("delivered", step("green", true, 60) + step("green", false, 60) + step("green", true, 60) + step("green", false, 820), 0),
  signal("reset-countdown", step("amber", true, 100) + step("amber", false, 400), 500),
  signal("reset", step("green", true, 1500) + step("red", true, 1500), 0),
  signal("battery-low", step("off", false, 300) + step("amber", false, 1500), 0),
  signal("battery-critical", step("amber", true, 40), 0),
];

/** Step `index` of `p` as LED colour, buzzer and milliseconds (undefined past the last step). */
export function signalStep(p: SignalPattern, index: number): { led: LedColour; buzzer: boolean; ms: number } | undefined {
  const at = index * 4;
  if (at >= p.steps.length) return undefined;
  const code = p.steps.charCodeAt(at);
  // Upper case letters come before lower case ones: 'Z' is 90, 'a' 97.
  const lower = code < 97 ? code + 32 : code;
  const led: LedColour = lower === 103 ? "green" : lower === 114 ? "red" : lower === 97 ? "amber" : "off";
  const tens = (p.steps.charCodeAt(at + 1) - 48) * 100 + (p.steps.charCodeAt(at + 2) - 48) * 10 + (p.steps.charCodeAt(at + 3) - 48);
  return { led: led, buzzer: code < 97, ms: tens * 10 };
}

/** A pattern's name: the compiler refuses a name that is not in PATTERNS. */
export type SignalName = (typeof PATTERNS)[number]["name"];

export function pattern(name: SignalName): SignalPattern<SignalName> {
  // SignalName admits only the names above, so the pattern is there.
  return PATTERNS.find((p) => p.name === name) as SignalPattern<SignalName>;
}

/** The lock-out pattern for a remaining wait. */
export function lockOutPattern(waitSeconds: number): SignalPattern<SignalName> {
  if (waitSeconds <= 60) return pattern("locked-out-short");
  if (waitSeconds <= 600) return pattern("locked-out-minutes");
  if (waitSeconds <= 3600) return pattern("locked-out-hour");
  return pattern("locked-out-long");
}

/**
 * Plays one pattern at a time on the LED and buzzer; a new pattern replaces the one playing.
 * Uses timers only while a pattern plays (a repeating one plays until stop()).
 */
export class SignalPlayer {
  private timer = -1;
  private playing: SignalName | "" = "";
  /** Played when the current pattern ends (not when it is stopped or replaced). */
  private next: SignalPattern<SignalName> | undefined;

  constructor(
    private readonly signals: Signals,
    private readonly timers: Timers,
    private readonly buzzerAllowed: () => boolean,
  ) {}

  /** Plays `p`, then `after` when `p` has run to its end. */
  play(p: SignalPattern<SignalName>, after?: SignalPattern<SignalName>): void {
    this.stop();
    this.next = after;
    this.playing = p.name;
    this.runStep(p, 0);
  }

  stop(): void {
    if (this.timer >= 0) this.timers.cancel(this.timer);
    this.timer = -1;
    this.next = undefined;
    this.playing = "";
    this.signals.led("off");
    this.signals.buzzer(false);
  }

  /** The name of the pattern playing, or "" when quiet. */
  current(): SignalName | "" {
    return this.playing;
  }

  private runStep(p: SignalPattern<SignalName>, index: number): void {
    // Made before any branch: Espruino trips an assertion on an arrow using `this` in a branch it skips.
    const next = (): void => this.runStep(p, index * 4 >= p.steps.length ? 0 : index + 1);
    const s = signalStep(p, index);
    if (s === undefined) {
      this.signals.led("off");
      this.signals.buzzer(false);
      if (p.repeatEveryMs > 0) {
        this.timer = this.timers.after(p.repeatEveryMs, next);
      } else {
        this.timer = -1;
        this.playing = "";
        if (this.next !== undefined) this.play(this.next);
      }
      return;
    }
    this.signals.led(s.led);
    this.signals.buzzer(s.buzzer && this.buzzerAllowed());
    this.timer = this.timers.after(s.ms, next);
  }
}
