/**
 * The message line's sentences: what the box just did, in words a new user follows, from the
 * newest entry of its audit log (kinds as in firmware/core/box-log.ts and docs/behaviour.md).
 */
import type { LogLine } from "./state.ts";

/** A sentence for a new user about what a log entry means, for the kinds worth one. */
export function narration(entry: LogLine): string | undefined {
  const by = /by=(\w+)/.exec(entry.details)?.[1];
  switch (entry.kind) {
    case "open":
      if (by === "delivery" || by === "pickup") return `The box took the ${by} code and opened: lift the lid with o, close it with c.`;
      return `The box opened (${by ?? "?"}): lift the lid with o, close it with c.`;
    case "wrong-code":
      return "Wrong code (red light, long beep): * clears, then type it again.";
    case "lockout":
      return "Too many wrong codes: the keypad is locked out for a while (see Lock-out).";
    case "lid-closed":
      return "Lid closed: the box is locked again and has logged it.";
    case "lid-forced":
    case "forced":
      return "The lid was opened while locked: alarm, and it is in the log.";
    case "lid-left-open":
      return "The lid was left open: amber light and a beep every 10 s until it is closed.";
    case "not-opened":
      return "Nobody lifted the lid in time: the box locked itself again.";
    case "power-up":
      return "The box booted and read its state from flash.";
    case "battery":
      return /level=critical/.test(entry.details)
        ? "Battery critical: every key flicks amber; the lock may no longer pull. Change the cells (owner's guide, Emergency power)."
        : "Battery low: an amber glow follows each answer; about four weeks are left. Change the cells.";
  }
  return undefined;
}
