/**
 * What the terminal view draws: a snapshot of the virtual box (sim/state) and of what the box
 * said over USB, taken by the session (session.ts) and handed to renderScreen. Plain data, so a
 * test can write one by hand.
 */
import type { BoxNewsKind } from "../../firmware/core/box-port.ts";
import type { LogEventName } from "../../firmware/core/host/log.ts";
import type { LedColour } from "../state/outputs.ts";

/**
 * What a log line is: an audit-log event's name (as `parcelbox log` names it), a pushed `* EVENT`'s kind, or the
 * name a box gives an event type this firmware does not know. Typed, so a misspelt kind in the
 * view does not build.
 */
export type LogKind = LogEventName | BoxNewsKind | `event-${number}`;

export type LockState = "locked" | "unlocked";

export interface LogLine {
  /** Index in the box's audit log, or undefined for an event line the box pushed. */
  index: number | undefined;
  /** Box seconds, -1 when the box's clock was not set. */
  boxSeconds: number;
  kind: LogKind;
  /** The rest of the entry, `key=value` words as the box sent them. */
  details: string;
}

export interface DemoCode {
  code: string;
  /** Code id as the log writes it, e.g. D-60633-24-0. */
  id: string;
  uses: number;
  /** Box seconds of the end of its window. */
  untilBoxSeconds: number;
  /** Whether the box's log shows it opened for its last use. */
  usedUp?: boolean;
}

export interface ViewState {
  runtime: "espruino" | "nodemcu";
  board: string;
  /** Whether the firmware fits a real board of this kind, from docs/boards.md's figures. */
  boardFit: string;
  boxId: string | undefined;
  powered: boolean;
  boots: number;
  led: LedColour;
  /** The last colour the LED showed other than off, and how long ago it went off (ms). */
  ledRecent: { colour: LedColour; agoMs: number } | undefined;
  buzzer: boolean;
  /** Virtual ms since the buzzer last sounded, if it has. */
  buzzerAgoMs: number | undefined;
  coilEnergised: boolean;
  coilPulses: number;
  coilLongestMs: number;
  /** From the box's STATUS answer; undefined until known. */
  lock: LockState | undefined;
  lidOpen: boolean;
  alarm: string | undefined;
  /** Seconds of keypad lock-out left (counted down from the last STATUS), undefined when unknown. */
  lockoutSeconds: number | undefined;
  wrongCodes: number | undefined;
  /** The service button (in the electronics compartment) is held now. */
  serviceHeld: boolean;
  deliverySignal: boolean;
  provisioned: boolean | undefined;
  /** Keys held down now, and keys waiting their turn (typed faster than a finger presses). */
  keysDown: string;
  keysQueued: string;
  /** The box's own time in box seconds; -1 when its clock is not set, undefined when unknown. */
  boxSeconds: number | undefined;
  /** IANA zone for the "local" clock line (the computer's), e.g. Europe/Berlin. */
  timeZone: string;
  /** Newest last. */
  log: LogLine[];
  /** Why the log may be incomplete (no secret, box refused it...), if it may be. */
  logNote: string | undefined;
  usbPath: string | undefined;
  usbLink: string | undefined;
  /** Why there is no USB pseudo-terminal, if there is none. */
  usbNote: string | undefined;
  /** XDG_CONFIG_HOME holding the demo box's profile for the owner's tool, if provisioned here. */
  configHome: string | undefined;
  demoCode: DemoCode | undefined;
  ownerCode: { code: string; secondsLeft: number } | undefined;
  /** "fast-forwarding: 40 min left", while time jumps ahead. */
  fastForward: string | undefined;
  /** The answer to the last thing the user did. */
  message: string;
  colour: boolean;
}
