/**
 * Host side only: the owner's end of PB2 (docs/protocol.md), which the box never runs. Writing
 * and signing requests, reading the box's answers, waking a sleeping box, and the command list
 * for the owner's tool, the docs and the tests. The line format itself (fields, their `%XX`
 * encoding, the keys and limits) is ../usb/protocol.ts's, which both sides import, so the two
 * cannot drift; this folder is only kept out of the shipped files (typescript-to-lua emits whole
 * modules, so a host function in ../usb/ would take flash and heap on every box).
 */
import { fromHex, splitText, toHex, type ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { declaration, DECLARATIONS, type UsbCommandName } from "../usb/commands";
import { isValidName, parseInteger, Proto, type UsbErrorCode, type UsbField } from "../usb/protocol";

// PB2's numbers and words by the names the owner's tool, the docs and the tests use (../usb/protocol.ts, Proto, holds them).
export const PROTOCOL_VERSION: string = Proto.Version;
export const MAX_LINE_BYTES: number = Proto.MaxLineBytes;
export const MAX_ID_LENGTH: number = Proto.MaxIdLength;
export const NO_ID: string = Proto.NoId;
export const EVENT_ID: string = Proto.EventId;
export const MAX_LOG_PAGE: number = Proto.MaxLogPage;
export const LOG_PAGE_EVENTS: number = Proto.LogPageEvents;
export const NONCE_KEY: string = Proto.NonceKey;
export const AUTH_KEY: string = Proto.AuthKey;
export const NONCE_BYTES: number = Proto.NonceBytes;
export const MAC_BYTES: number = Proto.MacBytes;
export const NONCE_TTL_MS: number = Proto.NonceTtlMs;
export const MAX_OPEN_NONCES: number = Proto.MaxOpenNonces;


/**
 * What a tool sends before its first request, then waits WAKE_SETTLE_MS: empty lines, which an
 * awake box skips, and which wake a box in light sleep (ESP32), which loses the bytes that wake
 * it and a few after them. docs/protocol.md, "Waking the box".
 */
export const WAKE_PREAMBLE = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
export const WAKE_SETTLE_MS = 100;

export function field(key: string, value: string): UsbField {
  return { key: key, value: value };
}

const HEX_DIGITS = "0123456789ABCDEF";

/**
 * `head`, then " key=value" for each field. A value travels with bytes outside `!`..`~`, and `%`
 * itself, as `%XX`, so it never holds a space and a label like "Amazon order" survives as
 * "Amazon%20order". Built by appending whole runs of plain bytes, not byte by byte: a LOG line
 * is made while USB talks on a Pico with little memory to spare.
 */
export function formatLine(head: string, fields: UsbField[]): string {
  let line = head;
  for (let f = 0; f < fields.length; f++) {
    const value = fields[f].value;
    line += " " + fields[f].key + "=";
    let from = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c <= 32 || c >= 127 || c === 37) {
        line += value.substring(from, i) + "%" + HEX_DIGITS.charAt(ushr(c & 255, 4)) + HEX_DIGITS.charAt(c & 15);
        from = i + 1;
      }
    }
    line += value.substring(from);
  }
  return line;
}

/** The value of `key` among `fields`, undefined when none has it. */
export function fieldValue(fields: UsbField[], key: string): string | undefined {
  for (let i = 0; i < fields.length; i++) if (fields[i].key === key) return fields[i].value;
  return undefined;
}

/**
 * Splits the `key=value` tokens of an answer and decodes their values (formatLine's `%XX`); undefined if one is
 * not of that form, a key repeats or a `%` is not followed by two hex digits.
 */
export function parseFields(tokens: string[]): UsbField[] | undefined {
  const fields: UsbField[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    const eq = token.indexOf("=");
    if (eq < 1) return undefined;
    const key = token.substring(0, eq);
    if (!isValidName(key, 32, true) || fieldValue(fields, key) !== undefined) return undefined;
    let value = "";
    let from = eq + 1;
    let at = token.indexOf("%", from);
    while (at >= 0) {
      const byte = fromHex(token.substring(at + 1, at + 3));
      if (byte === undefined || byte.length !== 1) return undefined;
      value += token.substring(from, at) + byte;
      from = at + 3;
      at = token.indexOf("%", from);
    }
    fields.push(field(key, value + token.substring(from)));
  }
  return fields;
}

/** A request line without its line end and without authentication. */
export function formatRequest(id: string, command: string, fields: UsbField[]): string {
  return formatLine(id + " " + command, fields);
}

/** The line to MAC for an authenticated request: the request with its nonce field. */
export function signedRequest(id: string, command: string, fields: UsbField[], nonceHex: string): string {
  return formatRequest(id, command, fields) + " " + NONCE_KEY + "=" + nonceHex;
}

/**
 * The complete authenticated request line for a nonce from CHALLENGE, its auth= the lower-case
 * hex of HMAC-SHA1(usbKey, the request up to " auth=") (docs/protocol.md, "Authentication").
 */
export function signRequest(hasher: Hasher, usbKey: ByteString, id: string, command: string, fields: UsbField[], nonceHex: string): string {
  const signed = signedRequest(id, command, fields, nonceHex);
  return signed + " " + AUTH_KEY + "=" + toHex(hasher.hmac("sha1", usbKey, signed));
}

export function formatOk(id: string, fields: UsbField[]): string {
  return formatLine(id + " OK", fields);
}

/** A DATA line always carries fields (LOG's entries). */
export function formatData(id: string, fields: UsbField[]): string {
  return formatLine(id + " DATA", fields);
}

/** A refusal line: "<id> ERR <code>", then its reason when it has one (docs/protocol.md, "Refusals"). */
export function formatError(id: string, code: UsbErrorCode, reason: string): string {
  return id + " ERR " + code + (reason === "" ? "" : " " + reason);
}

export function formatEvent(kind: string, fields: UsbField[]): string {
  return formatLine(EVENT_ID + " EVENT " + kind, fields);
}

export type UsbResponseKind = "OK" | "ERR" | "DATA" | "EVENT";

export interface UsbResponse {
  id: string;
  kind: UsbResponseKind;
  /** OK, DATA and EVENT fields (for EVENT, the event kind is `event`). */
  fields: UsbField[];
  /** ERR only: the code, and the reason after it as the box sent it ("" for none; docs/protocol.md, "Refusals"). */
  code: string;
  message: string;
}

/** Reads a line the box sent; undefined when it is not a PB2 response (e.g. boot chatter). */
export function parseResponse(line: string): UsbResponse | undefined {
  const tokens = splitText(line, " ");
  if (tokens.length < 2) return undefined;
  const id = tokens[0];
  const kind = tokens[1];
  if (id === EVENT_ID) {
    if (kind !== "EVENT" || tokens.length < 3) return undefined;
    const rest = parseFields(tokens.slice(3));
    if (rest === undefined) return undefined;
    const fields = [field("event", tokens[2])];
    for (let i = 0; i < rest.length; i++) fields.push(rest[i]);
    return { id: id, kind: "EVENT", fields: fields, code: "", message: "" };
  }
  if (!isValidName(id, MAX_ID_LENGTH, false) && id !== NO_ID) return undefined;
  if (kind === "ERR") {
    if (tokens.length < 3) return undefined;
    return { id: id, kind: "ERR", fields: [], code: tokens[2], message: tokens.slice(3).join(" ") };
  }
  if (kind !== "OK" && kind !== "DATA") return undefined;
  const parsed = parseFields(tokens.slice(2));
  if (parsed === undefined) return undefined;
  return { id: id, kind: kind, fields: parsed, code: "", message: "" };
}

// ---------------------------------------------------------------------------------------------
// The commands' declaration (../usb/commands.ts) read into objects

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

/** The declared command called `name` (as the parser upper-cases it), or undefined. */
export function commandSpec(name: string): UsbCommand<UsbCommandName> | undefined {
  // The box's own lookup finds the line, so the two sides agree on which names are declared.
  const line = declaration(name);
  if (line === "") return undefined;
  const parts = splitText(line, ";");
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
    // The settings are declared "?" and counted by min-max: required when at least one is.
    args.push({ key: text.substring(0, at), kind: kind, min: min, max: max, words: word ? splitText(rest, "/") : [], required: required || (kind === ArgKind.Settings && min > 0) });
  }
  return { name: parts[0] as UsbCommandName, access: access, args: args, rekeys: rekeys };
}

/** Every command, in declaration order (for the owner's tool, the docs and the tests). */
export function commandList(): UsbCommand<UsbCommandName>[] {
  const out: UsbCommand<UsbCommandName>[] = [];
  const lines = splitText(DECLARATIONS, "\n");
  for (let d = 1; d < lines.length; d++) out.push(commandSpec(splitText(lines[d], ";")[0]) as UsbCommand<UsbCommandName>);
  return out;
}
