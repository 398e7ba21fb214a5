/**
 * What the keypad shows and sounds, so a driver understands the box without reading anything.
 * Each pattern is data: docs/behaviour.md's table (and the printable keypad label made from it)
 * is checked against PATTERNS by test/core/behaviour-doc.test.ts, so the two cannot disagree.
 */
import type { LedColour, Signals, Timers } from "./board";

export interface SignalStep {
  led: LedColour;
  buzzer: boolean;
  ms: number;
}

export interface SignalPattern {
  name: string;
  /** Played in order; `repeatEveryMs` > 0 plays it again after that pause until stopped. */
  steps: SignalStep[];
  repeatEveryMs: number;
  /** What the light does, in words for the label. */
  light: string;
  /** What the buzzer does, in words for the label. */
  sound: string;
  /** What the driver should understand. */
  meaning: string;
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

export const PATTERNS: SignalPattern[] = [
  {
    name: "key",
    steps: [step("green", true, 40)],
    repeatEveryMs: 0,
    light: "green flick",
    sound: "click",
    meaning: "key taken",
  },
  {
    name: "accepted",
    steps: [step("green", true, 100), step("green", false, 100), step("green", true, 100), step("green", false, 2700)],
    repeatEveryMs: 0,
    light: "green for 3 s",
    sound: "two short beeps",
    meaning: "code accepted: lift the lid now",
  },
  {
    name: "wrong",
    steps: [step("red", true, 700), step("red", false, 800)],
    repeatEveryMs: 0,
    light: "red for 1.5 s",
    sound: "one long beep",
    meaning: "code not accepted: press * and type it again",
  },
  {
    name: "locked-out-short",
    steps: blinks("red", 1, 300, 300, true),
    repeatEveryMs: 0,
    light: "red, 1 blink",
    sound: "short beep per blink",
    meaning: "too many wrong codes: wait a minute",
  },
  {
    name: "locked-out-minutes",
    steps: blinks("red", 2, 300, 300, true),
    repeatEveryMs: 0,
    light: "red, 2 blinks",
    sound: "short beep per blink",
    meaning: "too many wrong codes: wait up to 10 minutes",
  },
  {
    name: "locked-out-hour",
    steps: blinks("red", 3, 300, 300, true),
    repeatEveryMs: 0,
    light: "red, 3 blinks",
    sound: "short beep per blink",
    meaning: "too many wrong codes: wait up to an hour",
  },
  {
    name: "locked-out-long",
    steps: blinks("red", 4, 300, 300, true),
    repeatEveryMs: 0,
    light: "red, 4 blinks",
    sound: "short beep per blink",
    meaning: "too many wrong codes: wait over an hour (the owner can lift it)",
  },
  {
    name: "not-ready",
    steps: [step("amber", true, 150), step("amber", false, 150), step("amber", true, 150), step("amber", false, 1550)],
    repeatEveryMs: 0,
    light: "amber for 2 s",
    sound: "two beeps",
    meaning: "box not ready (clock not set or not set up): leave the parcel elsewhere",
  },
  {
    name: "lid-open-reminder",
    steps: [step("amber", true, 150), step("off", false, 150), step("amber", false, 150)],
    repeatEveryMs: 10000,
    light: "amber flash every 10 s",
    sound: "beep every 10 s",
    meaning: "lid left open: close the lid",
  },
  {
    name: "forced",
    steps: blinks("red", 20, 250, 250, true),
    repeatEveryMs: 0,
    light: "red flashing 10 s",
    sound: "alarm 10 s",
    meaning: "lid opened while locked: alarm, logged",
  },
  {
    name: "relocked",
    steps: [step("red", true, 150), step("off", false, 50)],
    repeatEveryMs: 0,
    light: "red flick",
    sound: "one short beep",
    meaning: "not opened in time: locked again, the code still counts",
  },
  {
    name: "delivered",
    steps: [step("green", true, 60), step("green", false, 60), step("green", true, 60), step("green", false, 820)],
    repeatEveryMs: 0,
    light: "green for 1 s",
    sound: "two quick beeps",
    meaning: "lid closed: locked, thank you",
  },
];

export function pattern(name: string): SignalPattern {
  const found = PATTERNS.find((p) => p.name === name);
  if (found === undefined) throw new Error("no signal pattern " + name);
  return found;
}

/** The lock-out pattern for a remaining wait. */
export function lockOutPattern(waitSeconds: number): SignalPattern {
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
  private playing = "";

  constructor(
    private readonly signals: Signals,
    private readonly timers: Timers,
    private readonly buzzerAllowed: () => boolean,
  ) {}

  play(p: SignalPattern): void {
    this.stop();
    this.playing = p.name;
    this.runStep(p, 0);
  }

  stop(): void {
    if (this.timer >= 0) this.timers.cancel(this.timer);
    this.timer = -1;
    this.playing = "";
    this.signals.led("off");
    this.signals.buzzer(false);
  }

  /** The name of the pattern playing, or "" when quiet. */
  current(): string {
    return this.playing;
  }

  private runStep(p: SignalPattern, index: number): void {
    if (index >= p.steps.length) {
      this.signals.led("off");
      this.signals.buzzer(false);
      if (p.repeatEveryMs > 0) {
        this.timer = this.timers.after(p.repeatEveryMs, () => this.runStep(p, 0));
      } else {
        this.timer = -1;
        this.playing = "";
      }
      return;
    }
    const s = p.steps[index];
    this.signals.led(s.led);
    this.signals.buzzer(s.buzzer && this.buzzerAllowed());
    this.timer = this.timers.after(s.ms, () => this.runStep(p, index + 1));
  }
}
