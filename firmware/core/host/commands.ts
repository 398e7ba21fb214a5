/**
 * Host side only: the rest of each PB2 command's declaration (../usb/commands.ts holds what the
 * box reads: name, access, arguments). What each command answers and the errors it gives beyond
 * every request's, and what each error means. docs/protocol.md's tables are made from these two
 * files (tools/docs/protocol-tables.ts) and the tests hold the box's real answers to them. The
 * firmware never imports this folder (the build's import check refuses it), and the compiler
 * refuses a command or an error code left out here.
 */
import { SETTINGS } from "./settings";
import { LOG_DATA_KEYS } from "./log";
import { Need, type UsbCommandName } from "../usb/commands";
import { ArgKind, commandList, commandSpec, type UsbCommand } from "./protocol";
import { isValidName, type UsbErrorCode } from "../usb/protocol";
import { splitText } from "../bytes";

export interface CommandAnswer {
  /** One line on what the command does. */
  summary: string;
  /** The keys of its OK line, in order. */
  ok: string[];
  /** The keys of each DATA line (LOG's, ./log.ts's LOG_DATA_KEYS); [] when none. */
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
  LOG: { summary: "a page of the audit log", ok: ["count", "next", "total"], data: LOG_DATA_KEYS, errors: [] },
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
    action: "look up its reason under Refusals",
  },
  E_RANGE: { meaning: "a value is out of range (a setting, a log page, a secret of the wrong size, an unknown setting)", action: "look up its reason under Refusals" },
  E_BUSY: { meaning: "the box is in the middle of something (an unlock, a flash write)", action: "retry shortly" },
  E_INTERNAL: { meaning: "the box failed; the request may not have completed", action: "check `STATUS` and `LOG`" },
};

/**
 * Each reason a refusal gives after its code, and what it means in words. The box sends only the
 * code and the reason ("E_STATE lid"); the owner's tool prints the meaning (explainRefusal), and
 * docs/protocol.md's "Refusals" table is made from this list, so a person at a terminal can look a
 * reason up. `<key>` stands for the argument's key the box names. The box's every refusal is
 * held to this list by test/core/usb/protocol-doc.test.ts and the USB fuzzer.
 */
export const REFUSALS: { code: UsbErrorCode; reason: string; meaning: string }[] = [
  { code: "E_SYNTAX", reason: "id", meaning: "start with a request id of 1-8 letters or digits" },
  { code: "E_SYNTAX", reason: "space", meaning: "separate words with exactly one space" },
  { code: "E_SYNTAX", reason: "command", meaning: "missing command after the request id" },
  { code: "E_SYNTAX", reason: "fields", meaning: "arguments must be distinct key=value words, with `%` followed by two hex digits" },
  { code: "E_SYNTAX", reason: "auth", meaning: "`nonce=` and `auth=` go last, together, in that order, as 32 and 40 hex digits" },
  { code: "E_SYNTAX", reason: "unknown <key>=", meaning: "the command does not take `<key>=`" },
  { code: "E_SYNTAX", reason: "missing", meaning: "a required argument is missing (the command table lists them)" },
  { code: "E_SYNTAX", reason: "settings", meaning: "too many settings, or (`SETTINGS SET`) not exactly one `name=value`" },
  { code: "E_UNKNOWN", reason: "", meaning: "unknown command; send `HELLO` for the protocol version" },
  { code: "E_TOO_LONG", reason: "", meaning: "line longer than 256 bytes; dropped up to the next line end" },
  { code: "E_BINARY", reason: "", meaning: "only printable ASCII is allowed; line dropped" },
  { code: "E_AUTH", reason: "unsigned", meaning: "the command needs `nonce=` and `auth=`: send `CHALLENGE` first" },
  { code: "E_AUTH", reason: "mac", meaning: "`auth=` does not match: wrong box secret or a changed line" },
  { code: "E_REPLAY", reason: "", meaning: "nonce unknown or already used: send `CHALLENGE` for a new one" },
  { code: "E_EXPIRED", reason: "", meaning: "nonce expired: send `CHALLENGE` for a new one" },
  { code: "E_STATE", reason: "blank", meaning: "the box is not provisioned: send `PROVISION` first" },
  {
    code: "E_STATE",
    reason: "rtc",
    meaning: "clock set, but the DS3231 did not take it: check its wiring; after a power cut the box reads the DS3231's old time again",
  },
  { code: "E_STATE", reason: "lid", meaning: "the lid is open: close it to test the lock" },
  { code: "E_STATE", reason: "clock", meaning: "set the clock first (`parcelbox clock --sync`)" },
  { code: "E_STATE", reason: "flash", meaning: "the box could not store the change; check free flash" },
  { code: "E_RANGE", reason: "<key>=", meaning: "`<key>=`'s value is outside its range (the command table; a setting's own range, or a setting the box does not know)" },
  { code: "E_RANGE", reason: "code", meaning: "no such code: check kind, start, hours and slot (`parcelbox codes` lists them)" },
  { code: "E_INTERNAL", reason: "", meaning: "the box failed on this request; check `STATUS` and `LOG`" },
];

/** The REFUSALS row a refusal's reason is, with the key it names ("" for none); undefined for a reason not listed. */
export function refusalOf(code: string, reason: string): { row: (typeof REFUSALS)[number]; key: string } | undefined {
  for (const row of REFUSALS) {
    if (row.code !== code) continue;
    const hole = row.reason.indexOf("<key>");
    if (hole < 0 && row.reason === reason) return { row, key: "" };
    const before = row.reason.slice(0, hole);
    const after = row.reason.slice(hole + 5);
    const key = reason.slice(before.length, reason.length - after.length);
    if (hole >= 0 && reason.slice(0, before.length) === before && reason.slice(reason.length - after.length) === after && isValidName(key, 32, true)) return { row, key };
  }
  return undefined;
}

/**
 * A refusal in the words the owner reads: the box sent `code` and `reason` to the request
 * `command`; what a key names is read from the command's declaration or the settings.
 */
export function explainRefusal(command: string, code: string, reason: string): string {
  const found = refusalOf(code, reason);
  if (found === undefined) return reason;
  const key = found.key;
  const spec = commandSpec(command);
  if (code === "E_SYNTAX" && reason === "settings" && spec !== undefined) {
    const s = spec.args.find((a) => a.kind === ArgKind.Settings);
    if (s !== undefined) return s.min === s.max ? `${command} takes exactly ${s.min} name=value` : `${command} takes at most ${s.max} settings`;
  }
  if (code === "E_AUTH" && reason === "unsigned") return `${command} needs nonce= and auth=: send CHALLENGE first`;
  if (reason.startsWith("unknown ")) return `${command} does not take ${key}`;
  if (code === "E_RANGE" && key !== "") {
    const a = spec?.args.find((x) => x.key === key);
    if (a === undefined) {
      const setting = SETTINGS.find((x) => x.name === key);
      return setting === undefined ? `unknown setting ${key}` : `${key} must be a whole number between ${setting.min} and ${setting.max}`;
    }
    if (a.kind === ArgKind.Integer) return `${key}= must be a whole number from ${a.min} to ${a.max}`;
    if (a.kind === ArgKind.Hex) return `${key}= must be ${a.max} bytes of hex`;
    if (a.kind === ArgKind.Name) return `${key}= must be 1-${a.max} letters, digits, '-', '_' or '.'`;
    return `${key}= must be ${a.words.join(" or ")}`;
  }
  return splitText(found.row.meaning, "`").join("");
}

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
