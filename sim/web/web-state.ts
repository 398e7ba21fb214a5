/**
 * What the browser page draws: one JSON object built from the terminal view's snapshot
 * (sim/view/session.ts) plus what only the page shows (the LED and buzzer signals as the
 * feedback table words them, the delivery code made in the page). Times the page prints are
 * Unix milliseconds, so the page needs no box epoch. The box secret is never in it.
 */
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import type { Change, LedColour } from "../state/outputs.ts";
import type { ViewState } from "../view/state.ts";
import type { IssuedCode } from "./delivery-code.ts";

/** How many past LED and buzzer signals the page lists. */
const SIGNALS_KEPT = 4;

export interface Signal {
  /** "green", "red", "amber" or "beep". */
  what: string;
  /** How long it lasted in virtual ms; undefined while it is still on. */
  forMs: number | undefined;
}

export interface WebLogLine {
  index: number | undefined;
  /** Unix ms of the entry, undefined when the box's clock was not set. */
  atMs: number | undefined;
  kind: string;
  details: string;
}

export interface WebCode extends IssuedCode {
  /** How often the box's log shows it opened the box. */
  opened: number;
}

export interface WebState {
  runtime: ViewState["runtime"];
  /** "Espruino" or "NodeMCU (Lua in fengari)": which firmware file runs. */
  build: string;
  board: string;
  /** Whether the firmware fits a real board of this kind (docs/boards.md). */
  boardFit: string;
  boxId: string | undefined;
  powered: boolean;
  boots: number;
  provisioned: boolean | undefined;
  /** The service button (electronics compartment) is held now. */
  serviceHeld: boolean;
  led: LedColour;
  ledSignals: Signal[];
  buzzer: boolean;
  beeps: Signal[];
  coilEnergised: boolean;
  coilPulses: number;
  coilLongestMs: number;
  lock: ViewState["lock"];
  lidOpen: boolean;
  alarm: string | undefined;
  lockoutSeconds: number | undefined;
  wrongCodes: number | undefined;
  deliverySignal: boolean;
  keysDown: string;
  keysQueued: string;
  /** The box's clock in Unix ms; null when it is not set, undefined when not known yet. */
  clockMs: number | null | undefined;
  timeZone: string;
  log: WebLogLine[];
  logNote: string | undefined;
  usbPath: string | undefined;
  usbLink: string | undefined;
  usbNote: string | undefined;
  /**
   * The owner's tool's command line for this box: the profile the page provisions is kept under
   * this XDG_CONFIG_HOME, so `parcelbox` on this computer can talk to the box over its USB port.
   */
  ownerTool: string | undefined;
  code: WebCode | undefined;
  ownerCode: ViewState["ownerCode"];
  fastForward: string | undefined;
  message: string;
}

export interface WebExtras {
  build: string;
  ledHistory: Change<LedColour>[];
  buzzerHistory: Change<boolean>[];
  code: IssuedCode | undefined;
}

export function webState(view: ViewState, extras: WebExtras): WebState {
  const code = extras.code;
  return {
    runtime: view.runtime,
    build: extras.build,
    board: view.board,
    boardFit: view.boardFit,
    boxId: view.boxId,
    powered: view.powered,
    boots: view.boots,
    provisioned: view.provisioned,
    serviceHeld: view.serviceHeld,
    led: view.led,
    ledSignals: signals(extras.ledHistory, (c) => (c === "off" ? undefined : c)),
    buzzer: view.buzzer,
    beeps: signals(extras.buzzerHistory, (on) => (on ? "beep" : undefined)),
    coilEnergised: view.coilEnergised,
    coilPulses: view.coilPulses,
    coilLongestMs: view.coilLongestMs,
    lock: view.lock,
    lidOpen: view.lidOpen,
    alarm: view.alarm,
    lockoutSeconds: view.lockoutSeconds,
    wrongCodes: view.wrongCodes,
    deliverySignal: view.deliverySignal,
    keysDown: view.keysDown,
    keysQueued: view.keysQueued,
    clockMs: view.boxSeconds === undefined ? undefined : view.boxSeconds < 0 ? null : unixMs(view.boxSeconds),
    timeZone: view.timeZone,
    log: view.log.map((e) => ({ index: e.index, atMs: e.boxSeconds < 0 ? undefined : unixMs(e.boxSeconds), kind: e.kind, details: e.details })),
    logNote: view.logNote,
    usbPath: view.usbPath,
    usbLink: view.usbLink,
    usbNote: view.usbNote,
    ownerTool: ownerToolLine(view),
    code: code && { ...code, opened: view.log.filter((e) => e.kind === "open" && e.details.split(" ").includes(`code=${code.id}`)).length },
    ownerCode: view.ownerCode,
    fastForward: view.fastForward,
    message: view.message,
  };
}

/** `XDG_CONFIG_HOME=DIR npx parcelbox status --port PORT`, when the box has a port and a profile folder. */
export function ownerToolLine(view: Pick<ViewState, "configHome" | "usbLink" | "usbPath">): string | undefined {
  const port = view.usbLink ?? view.usbPath;
  if (port === undefined || view.configHome === undefined) return undefined;
  return `XDG_CONFIG_HOME=${view.configHome} npx parcelbox status --port ${port}`;
}

function unixMs(boxSeconds: number): number {
  return (boxSeconds + BOX_EPOCH_UNIX) * 1000;
}

/**
 * The last few stretches in which an output was on, newest first, with how long each lasted:
 * "green 3.0 s" is the accepted-code signal of docs/behaviour.md, which a glance at the lamp
 * would miss once it is over.
 */
export function signals<T>(history: Change<T>[], name: (value: T) => string | undefined): Signal[] {
  const found: Signal[] = [];
  for (let i = history.length - 1; i >= 0 && found.length < SIGNALS_KEPT; i--) {
    const what = name(history[i].value);
    if (what === undefined) continue;
    const next = history[i + 1];
    found.push({ what, forMs: next ? next.atMs - history[i].atMs : undefined });
  }
  return found;
}
