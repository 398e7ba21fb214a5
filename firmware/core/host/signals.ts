/**
 * Host side only: each signal pattern in words, for docs/behaviour.md's table and the keypad
 * label made from it. The firmware never imports this folder (the build's import check refuses
 * it). The compiler refuses a pattern without its words.
 */
import { signalPatterns, type Signal } from "../signals";

/**
 * Each pattern's name, in signalPatterns() order: SIGNAL_NAMES[Signal.Wrong] is "wrong" (a test
 * checks every Signal against its name). The box plays patterns by number and never reads these.
 */
export const SIGNAL_NAMES = [
  "key",
  "accepted",
  "wrong",
  "locked-out-short",
  "locked-out-minutes",
  "locked-out-hour",
  "locked-out-long",
  "not-ready",
  "lid-open-reminder",
  "forced",
  "relocked",
  "delivered",
  "reset-countdown",
  "reset",
  "battery-low",
  "battery-critical",
] as const;

/** A pattern's name. */
export type SignalName = (typeof SIGNAL_NAMES)[number];

/** The name of pattern `p` ("" for -1, nothing playing). */
export function signalName(p: Signal | -1): SignalName | "" {
  return (SIGNAL_NAMES as readonly SignalName[])[p] ?? "";
}

export interface SignalWords {
  /** What the light does. */
  light: string;
  /** What the buzzer does. */
  sound: string;
  /** What the driver should understand ("owner only: ..." for the owner's signals, which the keypad label leaves out). */
  meaning: string;
}

export const SIGNAL_WORDS: Record<SignalName, SignalWords> = {
  key: { light: "green flick", sound: "click", meaning: "key taken" },
  accepted: { light: "green for 3 s", sound: "two short beeps", meaning: "code accepted: lift the lid now" },
  wrong: { light: "red for 1.5 s", sound: "one long beep", meaning: "code not accepted: press * and type it again" },
  "locked-out-short": { light: "red, 1 blink", sound: "short beep per blink", meaning: "too many wrong codes: wait a minute" },
  "locked-out-minutes": { light: "red, 2 blinks", sound: "short beep per blink", meaning: "too many wrong codes: wait up to 10 minutes" },
  "locked-out-hour": { light: "red, 3 blinks", sound: "short beep per blink", meaning: "too many wrong codes: wait up to an hour" },
  "locked-out-long": { light: "red, 4 blinks", sound: "short beep per blink", meaning: "too many wrong codes: wait over an hour (the owner can lift it)" },
  "not-ready": { light: "amber for 2 s", sound: "two beeps", meaning: "box not ready (clock not set or not set up): leave the parcel elsewhere" },
  "lid-open-reminder": { light: "amber flash every 10 s", sound: "beep every 10 s", meaning: "lid left open: close the lid" },
  forced: { light: "red flashing 10 s", sound: "alarm 10 s", meaning: "lid opened while locked: alarm, logged" },
  relocked: { light: "red flick", sound: "one short beep", meaning: "not opened in time: locked again, the code still counts" },
  delivered: { light: "green for 1 s", sound: "two quick beeps", meaning: "lid closed: locked, thank you" },
  "reset-countdown": { light: "amber blink every second", sound: "tick every second", meaning: "owner only: the service button held at power-up; the box is erased after 10 s unless let go" },
  reset: { light: "green then red, 1.5 s each", sound: "3 s tone", meaning: "owner only: the box is erased (factory reset) and not set up" },
  "battery-low": { light: "then amber 1.5 s", sound: "none", meaning: "batteries low; the answer still counts" },
  "battery-critical": { light: "amber flick", sound: "click", meaning: "key taken; batteries almost empty" },
};

/** The patterns' names in signalPatterns() order, one for each pattern there (firmware/core/signals.ts). */
export function patternNames(): SignalName[] {
  const count = signalPatterns().split("|").length - 1;
  if (count !== SIGNAL_NAMES.length) throw new Error(`signalPatterns() has ${count} patterns, SIGNAL_NAMES ${SIGNAL_NAMES.length} names`);
  return SIGNAL_NAMES.slice();
}

/** The feedback table's rows: every pattern in signalPatterns() order, with its words. */
export function signalRows(): ({ name: SignalName } & SignalWords)[] {
  return patternNames().map((name) => ({ name: name, light: SIGNAL_WORDS[name].light, sound: SIGNAL_WORDS[name].sound, meaning: SIGNAL_WORDS[name].meaning }));
}
