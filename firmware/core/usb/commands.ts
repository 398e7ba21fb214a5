/**
 * PB1's commands, each declared once: its name, who may send it, and its arguments with their
 * ranges. The box's parser and access check (./server.ts) and the owner's tool (tools/cli) work
 * from this list, and docs/protocol.md's command tables are made from it (with the answers and
 * errors of ./host/commands.ts, which only the host reads) and checked by
 * test/core/usb/protocol-doc.test.ts. Adding or changing a command starts here.
 */
import { fromHex, splitText, type ByteString } from "../bytes";
import { SECRET_BYTES } from "../codes/keys";
import { settingProblem } from "../settings";
import { MAX_BOX_ID_LENGTH, MAX_SETTINGS } from "../store/layout";
import { MAX_BOX_TIME } from "../time";
import {
  AUTH_KEY,
  fieldValue,
  isHexOfLength,
  isValidName,
  MAC_BYTES,
  MAX_ID_LENGTH,
  MAX_LINE_BYTES,
  MAX_LOG_PAGE,
  NO_ID,
  NONCE_BYTES,
  NONCE_KEY,
  parseFields,
  parseInteger,
  type UsbErrorCode,
  type UsbField,
} from "./protocol";

/**
 * What a request must bring to be let in. A command's `access` lists its ways in; one way is the
 * sum of its conditions, all of which must hold (0: anyone). [Need.Unprovisioned, Need.Signed]
 * is "while unprovisioned, or signed". Nothing physical is a way in: an open lid and the service
 * button grant nothing over USB (docs/protocol.md, "Access").
 */
export const enum Need {
  /** Signed with the box's USB key over a nonce from CHALLENGE ("Authentication"). */
  Signed = 1,
  /** The box holds no secret yet. */
  Unprovisioned = 2,
}

/** How an argument's value is checked. */
export const enum ArgKind {
  /** A whole number within [min, max]. */
  Integer = 0,
  /** Exactly `max` bytes, written as hex. */
  Hex = 1,
  /** 1..max letters, digits, `.`, `_`, `-`. */
  Name = 2,
  /** One of `words`. */
  Word = 3,
  /** Any other key is a setting's name with a whole number (firmware/core/settings.ts): min..max of them. */
  Settings = 4,
}

export interface UsbArg {
  /** The key on the line; for ArgKind.Settings, "<setting>". */
  key: string;
  kind: ArgKind;
  min: number;
  max: number;
  words: string[];
  required: boolean;
}

export interface UsbCommand<N extends string = string> {
  /** The command as written on the line: one word, or two for CLOCK and SETTINGS. */
  name: N;
  /** Ways in: any one suffices (see Need). */
  access: number[];
  args: UsbArg[];
  /** Success changes the box's USB key: the nonces handed out before are forgotten. */
  rekeys: boolean;
}

/** A command's name as written on the line. */
export type UsbCommandName =
  | "HELLO"
  | "CHALLENGE"
  | "CLOCK GET"
  | "PROVISION"
  | "CLOCK SET"
  | "STATUS"
  | "LOG"
  | "REVOKE"
  | "SETTINGS GET"
  | "SETTINGS SET"
  | "LOCKTEST"
  | "LIFT"
  | "RESET";

/**
 * The declaration, one string per command, read by commandSpec when a request needs it: the box
 * holds these strings, not a tree of objects (an Espruino Pico pays two JsVars a property).
 *
 *   NAME;ways[;!][;argument]...
 *
 * - ways: the command's ways in (Need sums, any one suffices), separated by spaces; 0 is anyone.
 * - "!": success changes the box's USB key (rekeys).
 * - argument: its key, then "=" (required) or "?" (optional), then its kind's letter (ArgKind in
 *   the order "ihnws": integer, hex, name, word, settings), then "min-max", or for a word the
 *   words separated by "/".
 *
 * The names are UsbCommandName's (test/core/usb/protocol-doc.test.ts holds the two equal).
 */
const TO_MAX_TIME = "-" + MAX_BOX_TIME;
export const DECLARATIONS = [
  "HELLO;0",
  "CHALLENGE;0",
  "CLOCK GET;0",
  // Whoever first plugs into a blank box owns it; after that only the owner replaces the secret.
  "PROVISION;2 1;!;secret=h" + SECRET_BYTES + "-" + SECRET_BYTES + ";clock=i0" + TO_MAX_TIME + ";box?n1-" + MAX_BOX_ID_LENGTH + ";<setting>?s0-" + MAX_SETTINGS,
  // The owner: a signed request, whatever the lid and the buttons say.
  "CLOCK SET;1;time=i0" + TO_MAX_TIME,
  "STATUS;1",
  "LOG;1;from=i0" + TO_MAX_TIME + ";count=i1-" + MAX_LOG_PAGE,
  "REVOKE;1;kind=wdelivery/pickup;start=i0" + TO_MAX_TIME + ";hours=i1" + TO_MAX_TIME + ";slot=i0" + TO_MAX_TIME,
  "SETTINGS GET;1",
  "SETTINGS SET;1;<setting>=s1-1",
  "LOCKTEST;1",
  "LIFT;1",
  "RESET;1;!;confirm=werase",
];

/** The declared command called `name` (as the parser upper-cases it), or undefined. */
export function commandSpec(name: string): UsbCommand<UsbCommandName> | undefined {
  for (let d = 0; d < DECLARATIONS.length; d++) {
    const parts = splitText(DECLARATIONS[d], ";");
    if (parts[0] !== name) continue;
    const ways = splitText(parts[1], " ");
    const access: number[] = [];
    for (let i = 0; i < ways.length; i++) access.push(parseInteger(ways[i]) as number);
    const rekeys = parts.length > 2 && parts[2] === "!";
    const args: UsbArg[] = [];
    for (let i = rekeys ? 3 : 2; i < parts.length; i++) {
      const text = parts[i];
      let at = text.indexOf("=");
      const required = at >= 0;
      if (!required) at = text.indexOf("?");
      const kind: ArgKind = "ihnws".indexOf(text.charAt(at + 1));
      const rest = text.substring(at + 2);
      const dash = rest.indexOf("-");
      const word = kind === ArgKind.Word;
      const min = word ? 0 : (parseInteger(rest.substring(0, dash)) as number);
      const max = word ? 0 : (parseInteger(rest.substring(dash + 1)) as number);
      args.push({ key: text.substring(0, at), kind: kind, min: min, max: max, words: word ? splitText(rest, "/") : [], required: required });
    }
    return { name: parts[0] as UsbCommandName, access: access, args: args, rekeys: rekeys };
  }
  return undefined;
}

/** The command's argument declared with `key` (for ArgKind.Settings, "<setting>"), or undefined. */
function declaredArg(spec: UsbCommand, key: string): UsbArg | undefined {
  for (let i = 0; i < spec.args.length; i++) if (spec.args[i].key === key) return spec.args[i];
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading a request line

export interface UsbRequest {
  id: string;
  command: UsbCommandName;
  fields: UsbField[];
  /** Hex of the nonce and the MAC, "" when the request is not authenticated. */
  nonce: string;
  auth: string;
  /** What the MAC covers: the line up to (not including) " auth=". */
  signed: string;
}

export interface UsbParseError {
  /** The request id when it could be read, else NO_ID. */
  id: string;
  code: UsbErrorCode;
  message: string;
}

export function isParseError(value: UsbRequest | UsbParseError): value is UsbParseError {
  return (value as UsbParseError).code !== undefined;
}

function parseError(id: string, code: UsbErrorCode, message: string): UsbParseError {
  return { id: id, code: code, message: message };
}

/**
 * Reads one request line (without its line end): syntax, a declared command, declared keys
 * present. Values are checked later (argumentProblem), after the access check. Never echoes
 * argument values in a message: a mistyped line may hold the secret.
 */
export function parseRequest(line: string): UsbRequest | UsbParseError {
  if (line.length > MAX_LINE_BYTES) return parseError(NO_ID, "E_TOO_LONG", "line longer than " + MAX_LINE_BYTES + " bytes");
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 32 || c > 126) return parseError(NO_ID, "E_BINARY", "only printable ASCII is allowed");
  }
  const tokens = splitText(line, " ");
  const id = tokens[0];
  if (!isValidName(id, MAX_ID_LENGTH, false)) return parseError(NO_ID, "E_SYNTAX", "start with a request id of 1-8 letters or digits");
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].length === 0) return parseError(id, "E_SYNTAX", "separate words with exactly one space");
  }
  if (tokens.length < 2) return parseError(id, "E_SYNTAX", "missing command after the request id");
  let name = tokens[1].toUpperCase();
  let next = 2;
  // A two-word command (CLOCK GET) when the first word alone is none and the second is no key=value.
  if (commandSpec(name) === undefined && tokens.length > 2 && tokens[2].indexOf("=") < 0) {
    name = name + " " + tokens[2].toUpperCase();
    next = 3;
  }
  const known = commandSpec(name);
  if (known === undefined) return parseError(id, "E_UNKNOWN", "unknown command; send HELLO for the protocol version");
  let signed = line;
  let nonce = "";
  let auth = "";
  let end = tokens.length;
  const last = tokens[end - 1];
  if (last.indexOf(AUTH_KEY + "=") === 0) {
    const before = end - 2 >= next ? tokens[end - 2] : "";
    if (before.indexOf(NONCE_KEY + "=") !== 0) return parseError(id, "E_SYNTAX", "auth= must follow nonce=");
    auth = last.substring(AUTH_KEY.length + 1);
    nonce = before.substring(NONCE_KEY.length + 1);
    if (!isHexOfLength(auth, MAC_BYTES) || !isHexOfLength(nonce, NONCE_BYTES)) return parseError(id, "E_SYNTAX", "nonce= and auth= must be hex");
    signed = line.substring(0, line.length - last.length - 1);
    end = end - 2;
  }
  const fields = parseFields(tokens.slice(next, end));
  if (fields === undefined) return parseError(id, "E_SYNTAX", "arguments must be distinct key=value words");
  const problem = keysProblem(known, fields);
  if (problem !== "") return parseError(id, "E_SYNTAX", problem);
  return { id: id, command: known.name, fields: fields, nonce: nonce.toLowerCase(), auth: auth.toLowerCase(), signed: signed };
}

/** Why the keys of `fields` do not fit the command (unknown, missing, misplaced), or "". */
export function keysProblem(spec: UsbCommand, fields: UsbField[]): string {
  const settings = declaredArg(spec, "<setting>");
  let extra = 0;
  for (let i = 0; i < fields.length; i++) {
    const key = fields[i].key;
    if (key === NONCE_KEY || key === AUTH_KEY) return "nonce= and auth= go last, together";
    if (declaredArg(spec, key) !== undefined) continue;
    if (settings === undefined) return spec.name + " does not take " + key;
    extra++;
  }
  for (let i = 0; i < spec.args.length; i++) {
    const a = spec.args[i];
    if (a.required && a.kind !== ArgKind.Settings && fieldValue(fields, a.key) === undefined) return spec.name + " needs " + a.key + "=";
  }
  if (settings !== undefined && (extra < settings.min || extra > settings.max)) {
    return settings.min === settings.max ? spec.name + " takes exactly " + settings.min + " name=value" : spec.name + " takes at most " + settings.max + " settings";
  }
  return "";
}

/** Why one declared argument's value is not acceptable, or "". */
function valueProblem(a: UsbArg, value: string): string {
  if (a.kind === ArgKind.Integer) {
    const n = parseInteger(value);
    return n !== undefined && n >= a.min && n <= a.max ? "" : a.key + "= must be a whole number from " + a.min + " to " + a.max;
  }
  if (a.kind === ArgKind.Hex) return isHexOfLength(value, a.max) ? "" : a.key + "= must be " + a.max + " bytes of hex";
  if (a.kind === ArgKind.Name) return isValidName(value, a.max, true) ? "" : a.key + "= must be 1-" + a.max + " letters, digits, '-', '_' or '.'";
  for (let i = 0; i < a.words.length; i++) if (a.words[i] === value) return "";
  return a.key + "= must be " + a.words.join(" or ");
}

/**
 * Why the values of a request whose keys fit (keysProblem) are not acceptable, or "": every
 * declared argument within its range, and (with `settings`) every setting known and within its
 * own. The box answers E_RANGE with this before the command runs; the owner's tool checks the
 * declared arguments before it sends (settings it leaves to the box, whose firmware knows them).
 */
export function argumentProblem(spec: UsbCommand, fields: UsbField[], settings: boolean): string {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const declared = declaredArg(spec, f.key);
    if (declared !== undefined) {
      const problem = valueProblem(declared, f.value);
      if (problem !== "") return problem;
      continue;
    }
    if (!settings) continue;
    const value = parseInteger(f.value);
    const problem = value === undefined ? f.key + " must be a whole number" : settingProblem(f.key, value);
    if (problem !== undefined) return problem;
  }
  return "";
}

/** A checked integer argument (argumentProblem passed); -1 when the request does not carry it. */
export function argInt(req: UsbRequest, key: string): number {
  const value = parseInteger(argText(req, key));
  return value === undefined ? -1 : value;
}

/** A checked argument as text; "" when the request does not carry it. */
export function argText(req: UsbRequest, key: string): string {
  const value = fieldValue(req.fields, key);
  return value === undefined ? "" : value;
}

/** A checked hex argument as bytes. */
export function argBytes(req: UsbRequest, key: string): ByteString {
  const value = fromHex(argText(req, key));
  return value === undefined ? "" : value;
}

/** The settings a request carries (the keys no argument of its command declares), as checked numbers. */
export function argSettings(req: UsbRequest): UsbField[] {
  const spec = commandSpec(req.command) as UsbCommand;
  const out: UsbField[] = [];
  for (let i = 0; i < req.fields.length; i++) if (declaredArg(spec, req.fields[i].key) === undefined) out.push(req.fields[i]);
  return out;
}
