/**
 * PB1's commands, each declared once: its name, who may send it, and its arguments with their
 * ranges. The box's parser, access and argument checks (here and ./server.ts) and the owner's
 * tool (tools/cli) work from this list, and docs/protocol.md's command tables are made from it
 * (with ../host/protocol.ts's reading of it into objects and the answers and errors of
 * ../host/commands.ts, which only the host reads) and checked by
 * test/core/usb/protocol-doc.test.ts. Adding or changing a command starts here.
 */
import { fromHex, splitText } from "../bytes";
import { SECRET_BYTES } from "../codes/keys";
import { settingProblem } from "../settings";
import { MAX_BOX_ID_LENGTH, MAX_SETTINGS } from "../store/layout";
import { MAX_BOX_TIME } from "../time";
import { fieldValue, formatError, isValidName, parseFields, parseInteger, Pb1, type UsbField } from "./protocol";

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
 * The declaration: one line per command, all in one string (an Espruino Pico pays JsVars for each
 * element of an array). The box reads it where a request needs it and builds no objects from it;
 * the host reads it into objects (../host/protocol.ts, commandSpec).
 *
 *   NAME;ways[;!][;argument]...
 *
 * - ways: the command's ways in (Need sums, any one suffices), separated by spaces; 0 is anyone.
 * - "!": success changes the box's USB key (rekeys).
 * - argument: its key, then "=" (required) or "?" (optional), then its kind's letter (ArgKind in
 *   the order "ihnws": integer, hex, name, word, settings), then "min-max", or for a word the
 *   words separated by "/".
 *
 * Each line starts with "\n". The names are UsbCommandName's (test/core/usb/protocol-doc.test.ts
 * holds the two equal).
 */
const TO_MAX_TIME = "-" + MAX_BOX_TIME;
export const DECLARATIONS =
  "\nHELLO;0" +
  "\nCHALLENGE;0" +
  "\nCLOCK GET;0" +
  // Whoever first plugs into a blank box owns it; after that only the owner replaces the secret.
  "\nPROVISION;2 1;!;secret=h" + SECRET_BYTES + "-" + SECRET_BYTES + ";clock=i0" + TO_MAX_TIME + ";box?n1-" + MAX_BOX_ID_LENGTH + ";<setting>?s0-" + MAX_SETTINGS +
  // The owner: a signed request, whatever the lid and the buttons say.
  "\nCLOCK SET;1;time=i0" + TO_MAX_TIME +
  "\nSTATUS;1" +
  "\nLOG;1;from=i0" + TO_MAX_TIME + ";count=i1-" + Pb1.MaxLogPage +
  "\nREVOKE;1;kind=wdelivery/pickup;start=i0" + TO_MAX_TIME + ";hours=i1" + TO_MAX_TIME + ";slot=i0" + TO_MAX_TIME +
  "\nSETTINGS GET;1" +
  "\nSETTINGS SET;1;<setting>=s1-1" +
  "\nLOCKTEST;1" +
  "\nLIFT;1" +
  "\nRESET;1;!;confirm=werase";

/** The declaration of the command called `name` (as the parser upper-cases it), "" for none. */
export function declaration(name: string): string {
  // A whole name: from a line's start to its first ";" (a name holding ";" is none).
  const at = name.indexOf(";") < 0 ? DECLARATIONS.indexOf("\n" + name + ";") : -1;
  if (at < 0) return "";
  const end = DECLARATIONS.indexOf("\n", at + 1);
  return DECLARATIONS.substring(at + 1, end < 0 ? DECLARATIONS.length : end);
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

/**
 * Reads one request line (without its line end): syntax, a declared command, declared keys
 * present. Values are checked later (argumentProblem), after the access check. A line that does
 * not pass gives its whole ERR answer instead, with the request id when it could be read. Never
 * echoes argument values in a message: a mistyped line may hold the secret.
 */
export function parseRequest(line: string): UsbRequest | string {
  if (line.length > Pb1.MaxLineBytes) return formatError(Pb1.NoId, "E_TOO_LONG", "line longer than " + Pb1.MaxLineBytes + " bytes");
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 32 || c > 126) return formatError(Pb1.NoId, "E_BINARY", "only printable ASCII is allowed");
  }
  const tokens = splitText(line, " ");
  const id = tokens[0];
  if (!isValidName(id, Pb1.MaxIdLength, false)) return formatError(Pb1.NoId, "E_SYNTAX", "start with a request id of 1-8 letters or digits");
  let problem = "";
  for (let i = 0; i < tokens.length; i++) if (tokens[i].length === 0) problem = "separate words with exactly one space";
  if (problem === "" && tokens.length < 2) problem = "missing command after the request id";
  if (problem !== "") return formatError(id, "E_SYNTAX", problem);
  let name = tokens[1].toUpperCase();
  let next = 2;
  // A two-word command (CLOCK GET) when the first word alone is none and the second is no key=value.
  if (declaration(name) === "" && tokens.length > 2 && tokens[2].indexOf("=") < 0) {
    name = name + " " + tokens[2].toUpperCase();
    next = 3;
  }
  if (declaration(name) === "") return formatError(id, "E_UNKNOWN", "unknown command; send HELLO for the protocol version");
  let signed = line;
  let nonce = "";
  let auth = "";
  let end = tokens.length;
  const last = tokens[end - 1];
  if (last.indexOf(Pb1.AuthKey + "=") === 0) {
    const before = end - 2 >= next ? tokens[end - 2] : "";
    auth = last.substring(Pb1.AuthKey.length + 1);
    nonce = before.substring(Pb1.NonceKey.length + 1);
    if (before.indexOf(Pb1.NonceKey + "=") !== 0) problem = "auth= must follow nonce=";
    else if (auth.length !== 2 * Pb1.MacBytes || nonce.length !== 2 * Pb1.NonceBytes || fromHex(auth + nonce) === undefined) problem = "nonce= and auth= must be hex";
    signed = line.substring(0, line.length - last.length - 1);
    end = end - 2;
  }
  const fields = problem === "" ? parseFields(tokens.slice(next, end)) : [];
  if (fields === undefined) problem = "arguments must be distinct key=value words";
  if (problem === "") problem = argumentProblem(name, fields as UsbField[], 0);
  if (problem !== "") return formatError(id, "E_SYNTAX", problem);
  return { id: id, command: name as UsbCommandName, fields: fields as UsbField[], nonce: nonce.toLowerCase(), auth: auth.toLowerCase(), signed: signed };
}

/**
 * Why `fields` do not fit the declared arguments of the command called `name`, or "".
 * - values 0: the keys only (unknown, missing, misplaced, too many settings): the parser's check,
 *   answered E_SYNTAX.
 * - values 1: every declared argument's value within its range, and every setting (any other key)
 *   known and within its own (firmware/core/settings.ts): the box's check after the access
 *   check, answered E_RANGE before the command runs.
 * - values 2: as 1, but settings are left to the box (the owner's tool, before it sends: the
 *   box's firmware knows its settings).
 * It walks the declaration string itself, so a check builds no objects.
 */
export function argumentProblem(name: string, fields: UsbField[], values: number): string {
  const text = declaration(name);
  const settings = text.indexOf(";<setting>");
  let extra = 0;
  for (let i = 0; i < fields.length; i++) {
    const key = fields[i].key;
    const value = fields[i].value;
    if (key === Pb1.NonceKey || key === Pb1.AuthKey) return "nonce= and auth= go last, together";
    let at = text.indexOf(";" + key + "=");
    if (at < 0) at = text.indexOf(";" + key + "?");
    if (at < 0) {
      if (settings < 0) return name + " does not take " + key;
      extra++;
      if (values !== 1) continue;
      const n = parseInteger(value);
      const problem = n === undefined ? key + " must be a whole number" : settingProblem(key, n);
      if (problem !== undefined) return problem;
      continue;
    }
    if (values === 0) continue;
    // The argument's kind letter, then its range "min-max" or its words "a/b".
    at = at + key.length + 2;
    let to = text.indexOf(";", at);
    if (to < 0) to = text.length;
    const kind = text.charAt(at);
    const range = text.substring(at + 1, to);
    const dash = range.indexOf("-");
    const min = parseInteger(range.substring(0, dash)) as number;
    const max = parseInteger(range.substring(dash + 1)) as number;
    const n = parseInteger(value);
    if (kind === "i" && (n === undefined || n < min || n > max)) return key + "= must be a whole number from " + min + " to " + max;
    if (kind === "h" && (value.length !== 2 * max || fromHex(value) === undefined)) return key + "= must be " + max + " bytes of hex";
    if (kind === "n" && !isValidName(value, max, true)) return key + "= must be 1-" + max + " letters, digits, '-', '_' or '.'";
    if (kind === "w" && (value.indexOf("/") >= 0 || ("/" + range + "/").indexOf("/" + value + "/") < 0)) return key + "= must be " + splitText(range, "/").join(" or ");
  }
  if (values !== 0) return "";
  // Every required argument present (the settings' count is checked below).
  let from = text.indexOf(";");
  while (from >= 0) {
    let to = text.indexOf(";", from + 1);
    if (to < 0) to = text.length;
    const eq = text.indexOf("=", from);
    if (eq > 0 && eq < to && text.charAt(from + 1) !== "<" && fieldValue(fields, text.substring(from + 1, eq)) === undefined) return name + " needs " + text.substring(from + 1, eq) + "=";
    from = to < text.length ? to : -1;
  }
  if (settings >= 0) {
    // ";<setting>", "=" or "?", "s", then "min-max" (the declaration's last argument).
    const range = text.substring(settings + 12);
    const dash = range.indexOf("-");
    const min = parseInteger(range.substring(0, dash)) as number;
    const max = parseInteger(range.substring(dash + 1)) as number;
    if (extra < min || extra > max) return min === max ? name + " takes exactly " + min + " name=value" : name + " takes at most " + max + " settings";
  }
  return "";
}

/** A checked argument as text; "" when the request does not carry it. */
export function argText(req: UsbRequest, key: string): string {
  const value = fieldValue(req.fields, key);
  return value === undefined ? "" : value;
}

/** A checked integer argument (argumentProblem passed); -1 when the request does not carry it. */
export function argInt(req: UsbRequest, key: string): number {
  const value = parseInteger(argText(req, key));
  return value === undefined ? -1 : value;
}
