/**
 * What the keypad shows and sounds, so a driver understands the box without reading anything.
 * Each pattern is data: docs/behaviour.md's table (and the printable keypad label made from it)
 * is made from PATTERNS and the words in ./host/signals.ts (which the box never reads) and
 * checked by test/core/behaviour-doc.test.ts, so the two cannot disagree.
 */
import type { LedColour, Signals, Timers } from "./board";

export interface SignalStep {
  led: LedColour;
  buzzer: boolean;
  ms: number;
}

export interface SignalPattern<N extends string = string> {
  name: N;
  /** Played in order; `repeatEveryMs` > 0 plays it again after that pause until stopped. */
  steps: SignalStep[];
  repeatEveryMs: number;
}

function step(led: LedColour, buzzer: boolean, ms: number): SignalStep {
  return { led: led, buzzer: buzzer, ms: ms };
}

function blinks(led: LedColour, count: number, onMs: number, offMs: number, buzzer: boolean): SignalStep[] {
  const steps: SignalStep[] = [];
  for (let i = 0; i < count; i++) {
    steps.push(step(led, buzzer, onMs));
    steps.push(step("off", false, offMs));
  }
  return steps;
}

function signal<N extends string>(name: N, steps: SignalStep[], repeatEveryMs: number): SignalPattern<N> {
  return { name: name, steps: steps, repeatEveryMs: repeatEveryMs };
}

/** Every pattern, in the order of docs/behaviour.md's table (its words: ./host/signals.ts). */
export const PATTERNS = [
  signal("key", [step("green", true, 40)], 0),
  signal("accepted", [step("green", true, 100), step("green", false, 100), step("green", true, 100), step("green", false, 2700)], 0),
  signal("wrong", [step("red", true, 700), step("red", false, 800)], 0),
  signal("locked-out-short", blinks("red", 1, 300, 300, true), 0),
  signal("locked-out-minutes", blinks("red", 2, 300, 300, true), 0),
  signal("locked-out-hour", blinks("red", 3, 300, 300, true), 0),
  signal("locked-out-long", blinks("red", 4, 300, 300, true), 0),
  signal("not-ready", [step("amber", true, 150), step("amber", false, 150), step("amber", true, 150), step("amber", false, 1550)], 0),
  signal("lid-open-reminder", [step("amber", true, 150), step("off", false, 150), step("amber", false, 150)], 10000),
  signal("forced", blinks("red", 20, 250, 250, true), 0),
  signal("relocked", [step("red", true, 150), step("off", false, 50)], 0),
  signal("delivered", [step("green", true, 60), step("green", false, 60), step("green", true, 60), step("green", false, 820)], 0),
  signal("reset-countdown", [step("amber", true, 100), step("amber", false, 400)], 500),
  signal("reset", [step("green", true, 1500), step("red", true, 1500)], 0),
  signal("battery-low", [step("off", false, 300), step("amber", false, 1500)], 0),
  signal("battery-critical", [step("amber", true, 40)], 0),
];

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
    const next = (): void => this.runStep(p, index >= p.steps.length ? 0 : index + 1);
    if (index >= p.steps.length) {
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
    const s = p.steps[index];
    this.signals.led(s.led);
    this.signals.buzzer(s.buzzer && this.buzzerAllowed());
    this.timer = this.timers.after(s.ms, next);
  }
}
