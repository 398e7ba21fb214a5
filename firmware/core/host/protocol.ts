/**
 * Host side only: the owner's end of PB1 (docs/protocol.md), which the box never runs. Writing
 * and signing requests, reading the box's answers, waking a sleeping box, and the command list
 * for the owner's tool, the docs and the tests. The line format itself (fields, their `%XX`
 * encoding, the keys and limits) is ../usb/protocol.ts's, which both sides import, so the two
 * cannot drift; this folder is only kept out of the shipped files (typescript-to-lua emits whole
 * modules, so a host function in ../usb/ would take flash and heap on every box).
 */
import { splitText, toHex, type ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { commandSpec, DECLARATIONS, type UsbCommand, type UsbCommandName } from "../usb/commands";
import { AUTH_KEY, EVENT_ID, field, isValidName, joinFields, MAX_ID_LENGTH, NO_ID, NONCE_KEY, parseFields, type UsbField } from "../usb/protocol";

/**
 * What a tool sends before its first request, then waits WAKE_SETTLE_MS: empty lines, which an
 * awake box skips, and which wake a box in light sleep (ESP32), which loses the bytes that wake
 * it and a few after them. docs/protocol.md, "Waking the box".
 */
export const WAKE_PREAMBLE = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
export const WAKE_SETTLE_MS = 100;

/** A request line without its line end and without authentication. */
export function formatRequest(id: string, command: string, fields: UsbField[]): string {
  return id + " " + command + joinFields(fields);
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

export type UsbResponseKind = "OK" | "ERR" | "DATA" | "EVENT";

export interface UsbResponse {
  id: string;
  kind: UsbResponseKind;
  /** OK, DATA and EVENT fields (for EVENT, the event kind is `event`). */
  fields: UsbField[];
  /** ERR only. */
  code: string;
  message: string;
}

/** Reads a line the box sent; undefined when it is not a PB1 response (e.g. boot chatter). */
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

/** Every command, in declaration order (for the owner's tool, the docs and the tests). */
export function commandList(): UsbCommand<UsbCommandName>[] {
  const out: UsbCommand<UsbCommandName>[] = [];
  for (let d = 0; d < DECLARATIONS.length; d++) out.push(commandSpec(splitText(DECLARATIONS[d], ";")[0]) as UsbCommand<UsbCommandName>);
  return out;
}
