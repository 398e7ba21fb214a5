/**
 * PB2's commands, each declared once: its name, who may send it, and its arguments with their
 * ranges. The box's parser, access and argument checks (here and ./server.ts) and the owner's
 * tool (tools/cli) work from this list, and docs/protocol.md's command tables are made from it
 * (with ../host/protocol.ts's reading of it into objects and the answers and errors of
 * ../host/commands.ts, which only the host reads) and checked by
 * test/core/usb/protocol-doc.test.ts. Adding or changing a command starts here.
 */
import { fromHex, splitText } from "../bytes";
import { SECRET_BYTES } from "../codes/keys";
import { settingIndex, SETTING_LIMITS } from "../settings";
import { MAX_BOX_ID_LENGTH, MAX_SETTINGS } from "../store/layout";
import { MAX_BOX_TIME } from "../time";
import { isValidName, parseInteger, Proto } from "./protocol";

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
 *   words separated by "/". The settings ("<setting>", any key the command does not declare) are
 *   always "?": "min-max" counts them, so "s1-1" is exactly one.
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
  "\nLOG;1;from=i0" + TO_MAX_TIME + ";count=i1-" + Proto.MaxLogPage +
  "\nREVOKE;1;kind=wdelivery/pickup;start=i0" + TO_MAX_TIME + ";hours=i1" + TO_MAX_TIME + ";slot=i0" + TO_MAX_TIME +
  "\nSETTINGS GET;1" +
  "\nSETTINGS SET;1;<setting>?s1-1" +
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

/** A setting and its value (../box-memory.ts's SettingValue). */
export interface UsbSetting {
  name: string;
  value: number;
}

export interface UsbRequest {
  id: string;
  command: UsbCommandName;
  /**
   * The arguments as sent, each after a space: " key=value key=value" ("" for none). Values are
   * not decoded: no value a command takes holds a `%` escape.
   */
  args: string;
  /** Hex of the nonce and the MAC, "" when the request is not authenticated. */
  nonce: string;
  auth: string;
  /**
   * The settings among the arguments (any key a command that takes settings does not declare),
   * in the order sent, with their values (checked when `range` is "").
   */
  settings: UsbSetting[];
  /**
   * "E_RANGE <key>=" for the first argument whose value is outside its range, "" when every one
   * is within: the server answers it after the access check, before the command runs.
   */
  range: string;
}

/**
 * Reads one request line (without its line end; the server has refused over-long and binary
 * lines already) in one walk: syntax, a declared command, its declared keys, and each value's
 * range (kept in `range` for the server to answer after the access check). A line that does not
 * pass gives its whole ERR line instead ("<id> ERR <code> <reason>", docs/protocol.md
 * "Refusals"), with the request id when it could be read. A wrong key (not key=value, twice,
 * unknown, a required one missing, nonce= or auth= out of place, too many or too few settings) is E_SYNTAX; a
 * value is in range when it fits its declared kind (DECLARATIONS) or, for any other key of a
 * command that takes settings, the setting's own range (firmware/core/settings.ts). Never echoes
 * a value: a mistyped line may hold the secret. The owner's tool checks what it sends with this
 * too (tools/cli/client.ts), so the two sides cannot disagree.
 */
export function parseRequest(line: string): UsbRequest | string {
  const tokens = splitText(line, " ");
  const id = tokens[0];
  if (!isValidName(id, Proto.MaxIdLength, false)) return Proto.NoId + " ERR E_SYNTAX id";
  // A refusal's reason; E_SYNTAX but for "E_UNKNOWN" (the one that starts with "E").
  let problem = tokens.length < 2 ? "command" : "";
  for (let i = 0; i < tokens.length; i++) if (tokens[i] === "") problem = "space";
  // ";" is no command's name (see declaration).
  let name = problem === "" ? tokens[1].toUpperCase() : ";";
  let text = declaration(name);
  let next = 2;
  // A two-word command (CLOCK GET) when the first word alone is none and the second is no key=value.
  if (text === "" && tokens.length > 2 && tokens[2].indexOf("=") < 0) {
    name = name + " " + tokens[2].toUpperCase();
    text = declaration(name);
    next = 3;
  }
  if (problem === "" && text === "") problem = "E_UNKNOWN";
  let end = tokens.length;
  let nonce = "";
  let auth = "";
  if (problem === "" && tokens[end - 1].indexOf(Proto.AuthKey + "=") === 0) {
    // nonce= right before auth=, both hex of their sizes; after "auth=" and "nonce=".
    auth = tokens[end - 1].substring(5);
    end = end - 2;
    const before = end >= next ? tokens[end] : "";
    nonce = before.substring(6);
    if (before.indexOf(Proto.NonceKey + "=") !== 0 || auth.length !== 2 * Proto.MacBytes || nonce.length !== 2 * Proto.NonceBytes || fromHex(auth + nonce) === undefined) problem = "auth";
  }
  // No trailing space: Espruino 2v29's indexOf takes a needle that runs past the end of the
  // string as found where the string's end matches the needle's start (" a ".indexOf(" b") is 2),
  // so no string searched here ends with the first character of what is searched for in it.
  let args = "";
  // Settings given; required arguments not given (each "=" of the declaration, less each given).
  const settings: UsbSetting[] = [];
  let needed = 0;
  for (let k = text.indexOf("="); k >= 0; k = text.indexOf("=", k + 1)) needed++;
  let range = "";
  // Up to `end`, then once more at `end` for the count of settings (";<setting>", "=" or "?", "s",
  // then "min-max": the declaration's last argument), which a command without settings skips.
  for (let t = next; t <= end && problem === ""; t++) {
    const token = t < end ? tokens[t] : "<setting>=";
    const eq = token.indexOf("=");
    const key = eq > 0 ? token.substring(0, eq) : "";
    const value = token.substring(eq + 1);
    const n = parseInteger(value);
    let at = text.indexOf(";" + key + "=");
    if (at < 0) at = text.indexOf(";" + key + "?");
    // The argument's kind letter, then its range "min-max" or its words "a/b".
    const from = at + key.length + 2;
    let to = text.indexOf(";", from);
    if (to < 0) to = text.length;
    const kind = at < 0 ? "" : text.charAt(from);
    const words = text.substring(from + 1, to);
    const dash = words.indexOf("-");
    const min = parseInteger(words.substring(0, dash)) as number;
    const max = parseInteger(words.substring(dash + 1)) as number;
    let bad = true;
    if (t === end) {
      // Every required argument present (each key once), then as many settings as declared.
      if (needed > 0) problem = "missing";
      else if (kind === "s" && (settings.length < min || settings.length > max)) problem = "settings";
      bad = false;
    } else if (!isValidName(key, 32, true) || args.indexOf(" " + key + "=") >= 0) problem = "fields";
    else if (key === Proto.NonceKey || key === Proto.AuthKey) problem = "auth";
    else if (at < 0 && text.indexOf(";<setting>") < 0) problem = "unknown " + key + "=";
    else if (at < 0) {
      // Any other key is a setting: one the box knows, with a whole number within its range
      // (SETTING_LIMITS: default, least, greatest; an unknown name finds no limits and fails).
      settings.push({ name: key, value: n as number });
      const s = settingIndex(key) * 3;
      bad = !(s >= 0 && s < SETTING_LIMITS.length && n !== undefined && n >= SETTING_LIMITS[s + 1] && n <= SETTING_LIMITS[s + 2]);
    } else {
      // The last kind is "w": "\n" ends its list, since no value holds one (see args above: "/x/" is
      // in "/erase/" there).
      if (kind === "i") bad = n === undefined || n < min || n > max;
      else if (kind === "h") bad = value.length !== 2 * max || fromHex(value) === undefined;
      else if (kind === "n") bad = !isValidName(value, max, true);
      else bad = value.indexOf("/") >= 0 || ("/" + words + "/\n").indexOf("/" + value + "/") < 0;
      if (text.charAt(from - 1) === "=") needed--;
    }
    if (bad && range === "") range = "E_RANGE " + key + "=";
    if (t < end) args += " " + token;
  }
  if (problem !== "") return id + " ERR " + (problem.charAt(0) === "E" ? "" : "E_SYNTAX ") + problem;
  return { id: id, command: name as UsbCommandName, args: args, nonce: nonce.toLowerCase(), auth: auth.toLowerCase(), settings: settings, range: range };
}

/** A checked argument as text (the parser checked its range); "" when the request does not carry it. */
export function argText(req: UsbRequest, key: string): string {
  const args = req.args;
  const at = args.indexOf(" " + key + "=");
  const end = args.indexOf(" ", at + 1);
  return at < 0 ? "" : args.substring(at + key.length + 2, end < 0 ? args.length : end);
}
