/**
 * What the page may ask the box to do, checked before anything touches it: a POST body that is
 * not exactly one of these is refused with a sentence saying what would be accepted, and the box
 * is left alone.
 *
 * The box's inputs are the terminal view's own actions (sim/view/keys.ts), given to the session
 * with the same `apply`; the page adds provisioning and code making, which the terminal view
 * does at start and with the demo secret.
 */
import { actionFor, type Action } from "../view/keys.ts";

const MINUTE = 60_000;
/** Fast-forward steps the page offers; a visitor cannot ask for a year. */
export const TIME_STEPS: Record<string, { ms: number; label: string }> = {
  minute: { ms: MINUTE, label: "1 minute" },
  hour: { ms: 60 * MINUTE, label: "1 hour" },
  day: { ms: 24 * 60 * MINUTE, label: "1 day" },
};

export type WebAction =
  | { kind: "box"; action: Exclude<Action, { kind: "quit" } | { kind: "code" }> }
  | { kind: "provision" }
  | { kind: "code" };

export const ACTIONS_HELP =
  'send JSON: {"kind":"keypad","key":"0-9 * #"}, {"kind":"lid","open":true|false}, {"kind":"service"}, {"kind":"home"}, ' +
  '{"kind":"power"}, {"kind":"time","step":"minute|hour|day"}, {"kind":"typed","text":"a key as the terminal view reads it"}, ' +
  '{"kind":"provision"} or {"kind":"code"}';

export type Parsed = { ok: true; action: WebAction } | { ok: false; error: string };

/** The action a POST body names, or why it names none. */
export function parseAction(body: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return refuse("the body is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return refuse("the body is not a JSON object");
  const o = value as Record<string, unknown>;
  switch (o.kind) {
    case "keypad":
      if (typeof o.key !== "string" || o.key.length !== 1 || !"0123456789*#".includes(o.key)) return refuse(`keypad key must be one of 0-9, * or #, not ${JSON.stringify(o.key)}`);
      return box({ kind: "keypad", key: o.key });
    case "lid":
      if (typeof o.open !== "boolean") return refuse("lid needs open: true or false");
      return box({ kind: "lid", open: o.open });
    case "service":
    case "home":
    case "power":
      return box({ kind: o.kind });
    case "time": {
      const step = typeof o.step === "string" && Object.hasOwn(TIME_STEPS, o.step) ? TIME_STEPS[o.step] : undefined;
      if (!step) return refuse(`time step must be minute, hour or day, not ${JSON.stringify(o.step)}`);
      return box({ kind: "time", ms: step.ms, label: step.label });
    }
    case "typed":
      return typed(o.text);
    case "provision":
    case "code":
      return { ok: true, action: { kind: o.kind } };
  }
  return refuse(`unknown action kind ${JSON.stringify(o.kind)}`);
}

/** A key from the physical keyboard, read with the terminal view's keymap (o opens the lid...). */
function typed(text: unknown): Parsed {
  if (typeof text !== "string") return refuse("typed needs text: one character");
  const action = actionFor(text);
  if (!action) return refuse(`the key ${JSON.stringify(text)} does nothing on the box`);
  if (action.kind === "quit") return refuse("the page cannot quit the simulator: stop it where it runs (Ctrl-C)");
  if (action.kind === "code") return { ok: true, action: { kind: "code" } };
  return box(action);
}

function box(action: Exclude<Action, { kind: "quit" } | { kind: "code" }>): Parsed {
  return { ok: true, action: { kind: "box", action } };
}

function refuse(why: string): Parsed {
  return { ok: false, error: `${why}; ${ACTIONS_HELP}` };
}
