/**
 * The terminal's keys and what each does to the box. Kept apart from the terminal so a test can
 * press "5" and see key 5 pressed on the board. HELP_LINES (screen.ts) lists the same keys.
 */
import type { SimSession } from "./session.ts";

export type Action =
  | { kind: "keypad"; key: string }
  | { kind: "lid"; open: boolean }
  | { kind: "service" }
  | { kind: "home" }
  | { kind: "power" }
  | { kind: "time"; ms: number; label: string }
  | { kind: "code" }
  | { kind: "quit" };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The action for one key as node:readline reports it (`text` is the character typed). */
export function actionFor(text: string | undefined, ctrl = false): Action | undefined {
  if (text === undefined) return undefined;
  if (ctrl && (text === "c" || text === "d")) return { kind: "quit" };
  if (text === "\x03" || text === "\x04") return { kind: "quit" };
  if (text.length !== 1 && text !== "\r\n") return undefined;
  if ("0123456789*#".includes(text)) return { kind: "keypad", key: text };
  switch (text) {
    case "\r":
    case "\n":
    case "\r\n":
      return { kind: "keypad", key: "#" };
    case "o":
    case "O":
      return { kind: "lid", open: true };
    case "c":
    case "C":
      return { kind: "lid", open: false };
    case "s":
    case "S":
      return { kind: "service" };
    case "h":
    case "H":
      return { kind: "home" };
    case "p":
    case "P":
      return { kind: "power" };
    case "m":
    case "M":
      return { kind: "time", ms: MINUTE, label: "1 minute" };
    case "t":
    case "T":
      return { kind: "time", ms: HOUR, label: "1 hour" };
    case "d":
    case "D":
      return { kind: "time", ms: DAY, label: "1 day" };
    case "n":
    case "N":
      return { kind: "code" };
    case "q":
    case "Q":
      return { kind: "quit" };
  }
  return undefined;
}

/** Gives the action to the session; returns true when the user asked to quit. */
export function apply(session: SimSession, action: Action): boolean {
  switch (action.kind) {
    case "keypad":
      session.pressKeys(action.key);
      return false;
    case "lid":
      if (action.open) session.openLid();
      else session.closeLid();
      return false;
    case "service":
      session.toggleServiceButton();
      return false;
    case "home":
      session.triggerHomeRelay();
      return false;
    case "power":
      session.powerCut();
      return false;
    case "time":
      void session.fastForward(action.ms, action.label);
      return false;
    case "code":
      session.newCode();
      return false;
    case "quit":
      return true;
  }
}
