/**
 * Host side only: the rest of each PB1 command's declaration (../usb/commands.ts holds what the
 * box reads: name, access, arguments). What each command answers and the errors it gives beyond
 * every request's, and what each error means. docs/protocol.md's tables are made from these two
 * files (tools/docs/protocol-tables.ts) and the tests hold the box's real answers to them. The
 * firmware never imports this folder (the build's import check refuses it), and the compiler
 * refuses a command or an error code left out here.
 */
import { SETTINGS } from "./settings";
import { Need, type UsbCommandName } from "../usb/commands";
import { ArgKind, commandList, type UsbCommand } from "./protocol";
import type { UsbErrorCode } from "../usb/protocol";

export interface CommandAnswer {
  /** One line on what the command does. */
  summary: string;
  /** The keys of its OK line, in order. */
  ok: string[];
  /** The keys every DATA line starts with (LOG), then the entry's own details; [] when none. */
  data: string[];
  /** Errors of this command's own (its handler's), beyond those ways in and arguments give (commandErrors). */
  errors: UsbErrorCode[];
}

const CLOCK_FIELDS = ["time", "set", "backup", "drift", "lastset"];
const STATUS_FIELDS = ["lock", "lid", "lockout", "wrong", "alarm"].concat(CLOCK_FIELDS, ["flash", "log", "battery", "batterymv"]);

export const COMMAND_ANSWERS: Record<UsbCommandName, CommandAnswer> = {
  HELLO: {
    summary: "who the box is: protocol, model, firmware, box id, provisioned, runtime, board, line limit",
    ok: ["proto", "model", "fw", "box", "provisioned", "runtime", "board", "maxline"],
    data: [],
    errors: [],
  },
  CHALLENGE: { summary: "a fresh single-use nonce for a signed request", ok: ["nonce", "ttl"], data: [], errors: [] },
  "CLOCK GET": { summary: "the box's time, whether it is set, the DS3231, learned drift, when the owner last set it", ok: CLOCK_FIELDS, data: [], errors: [] },
  PROVISION: {
    summary: "gives a blank box its secret, clock, id and settings; signed, replaces the secret of a provisioned box",
    ok: ["box"],
    data: [],
    errors: ["E_STATE"],
  },
  "CLOCK SET": { summary: "sets the clock (and the DS3231)", ok: ["time"], data: [], errors: ["E_STATE"] },
  STATUS: {
    summary: "lock, lid, lock-out, alarm, clock, free flash, events logged, battery (ok, low, critical or unknown, and its last reading in mV)",
    ok: STATUS_FIELDS,
    data: [],
    errors: [],
  },
  LOG: { summary: "a page of the audit log", ok: ["count", "next", "total"], data: ["i", "t", "ev"], errors: [] },
  REVOKE: { summary: "stops a delivery or pickup code from opening the box", ok: ["code"], data: [], errors: ["E_STATE"] },
  "SETTINGS GET": { summary: "every setting", ok: SETTINGS.map((s) => s.name), data: [], errors: [] },
  "SETTINGS SET": { summary: "changes one setting", ok: [], data: [], errors: ["E_STATE"] },
  LOCKTEST: { summary: "pulses the lock once and says what it saw", ok: ["coilMs", "lid"], data: [], errors: ["E_STATE"] },
  LIFT: { summary: "ends a keypad lock-out", ok: [], data: [], errors: ["E_STATE"] },
  RESET: { summary: "factory reset: forgets secret, settings, used codes, lock-out and log", ok: [], data: [], errors: [] },
};

export interface ErrorMeaning {
  meaning: string;
  /** What the client does about it. */
  action: string;
}

export const ERROR_MEANINGS: Record<UsbErrorCode, ErrorMeaning> = {
  E_SYNTAX: {
    meaning: "the line is not a well-formed request: bad id, double space, missing or unknown key, a key twice, broken `%` escape, `nonce=`/`auth=` misplaced",
    action: "fix the line",
  },
  E_UNKNOWN: { meaning: "no such command", action: "send `HELLO`; check `proto=`" },
  E_TOO_LONG: { meaning: "the line passed 256 bytes; dropped up to its line end", action: "send shorter lines" },
  E_BINARY: { meaning: "the line held a byte outside printable ASCII; dropped", action: "check the port's settings and encoding" },
  E_AUTH: { meaning: "the command needs authentication and has none, or its MAC is wrong", action: "sign with the right key (wrong profile?)" },
  E_REPLAY: { meaning: "the nonce is not one the box handed out, or was already used", action: "send `CHALLENGE` again" },
  E_EXPIRED: { meaning: "the nonce is older than its `ttl`", action: "send `CHALLENGE` again" },
  E_STATE: {
    meaning: "not possible in the box's state (e.g. an authenticated command on an unprovisioned box; the box's own reasons)",
    action: "read the message",
  },
  E_RANGE: { meaning: "a value is out of range (a setting, a log page, a secret of the wrong size, an unknown setting)", action: "read the message" },
  E_BUSY: { meaning: "the box is in the middle of something (an unlock, a flash write)", action: "retry shortly" },
  E_INTERNAL: { meaning: "the box failed; the request may not have completed", action: "check `STATUS` and `LOG`" },
};

/**
 * Errors any request line can get, whatever its command: refused before or as it is read, or a
 * request carrying auth= with a bad nonce or MAC. (E_STATE too, for auth= sent to a box without a
 * key: not listed, since it is also some commands' own.)
 */
export const ANY_REQUEST_ERRORS: UsbErrorCode[] = ["E_SYNTAX", "E_TOO_LONG", "E_BINARY", "E_INTERNAL", "E_AUTH", "E_REPLAY", "E_EXPIRED"];

/**
 * The errors a command gives beyond ANY_REQUEST_ERRORS: from its ways in (a signature it lacks),
 * its arguments (E_RANGE) and its own (COMMAND_ANSWERS), in ERROR_MEANINGS order.
 */
export function commandErrors(spec: UsbCommand<UsbCommandName>): UsbErrorCode[] {
  const found: UsbErrorCode[] = COMMAND_ANSWERS[spec.name].errors.slice();
  const open = spec.access.some((way) => way === 0);
  // Unsigned where a signature is the way in: E_AUTH, or E_STATE while the box has no key.
  if (!open && spec.access.some((way) => (way & Need.Signed) !== 0)) found.push("E_AUTH", "E_STATE");
  if (spec.args.length > 0) found.push("E_RANGE");
  return (Object.keys(ERROR_MEANINGS) as UsbErrorCode[]).filter((code) => found.indexOf(code) >= 0 && ANY_REQUEST_ERRORS.indexOf(code) < 0);
}

/** Whether a signature is one of the command's ways in, so the owner's tool signs it when it can. */
export function takesSignature(spec: UsbCommand): boolean {
  return spec.access.some((way) => (way & Need.Signed) !== 0);
}

/** Who may send the command, in words (docs/protocol.md's "who" column). */
export function accessWords(spec: UsbCommand): string {
  const ways = spec.access.map((way) => {
    if (way === 0) return "anyone";
    const parts: string[] = [];
    if ((way & Need.Signed) !== 0) parts.push("signed");
    if ((way & Need.Unprovisioned) !== 0) parts.push("while unprovisioned");
    return parts.join(" and ");
  });
  return ways.join(", or ");
}

/** One argument as docs/protocol.md writes it: `key=<range>`, optional ones in brackets. */
export function argumentWords(spec: UsbCommand): string[] {
  return spec.args.map((a) => {
    let value = "<" + a.words.join("/") + ">";
    if (a.kind === ArgKind.Integer) value = "<" + a.min + ".." + a.max + ">";
    if (a.kind === ArgKind.Hex) value = "<" + a.max * 2 + " hex digits>";
    if (a.kind === ArgKind.Name) value = "<" + a.min + "-" + a.max + " letters, digits, . _ ->";
    const text = a.kind === ArgKind.Settings ? "<setting>=<integer>" + (a.max > 1 ? " ..." : "") : a.key + "=" + value;
    return a.required ? text : `[${text}]`;
  });
}

/** Every command in declaration order, with its host-side half. */
export function commandTable(): { spec: UsbCommand<UsbCommandName>; answer: CommandAnswer }[] {
  return commandList().map((spec) => ({ spec: spec, answer: COMMAND_ANSWERS[spec.name] }));
}
