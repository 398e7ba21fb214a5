/**
 * The box's end of the USB port: bytes in, answer lines out. Every line passes, in order, the
 * line reader (length, printable ASCII), the parser (syntax, a declared command, declared keys:
 * ./commands.ts), the access check (the command's declared ways in), the argument check (the
 * declared ranges), and only then reaches its handler. A line refused at any step runs no
 * handler, so nothing changes.
 *
 * One object does all of it (reading lines, the nonces of "Authentication", answering): each
 * function and object costs an Espruino Pico JsVars and NodeMCU heap while USB is served.
 */
import { constantTimeEqual, fromHex, toHex, type ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { argumentProblem, commandSpec, isParseError, Need, parseRequest, type UsbCommand, type UsbCommandName, type UsbRequest } from "./commands";
import { field, formatData, formatError, formatEvent, formatOk, MAX_LINE_BYTES, MAX_OPEN_NONCES, NO_ID, NONCE_BYTES, NONCE_TTL_MS, type UsbErrorCode, type UsbField } from "./protocol";

/** Line end of everything the box sends: "\r\n" shows properly in any terminal. */
export const BOX_LINE_END = "\r\n";

/** What a command answers: DATA lines (LOG's entries), then OK with `fields`, or ERR. */
export interface UsbAnswer {
  /** "" for OK, else the error. */
  code: UsbErrorCode | "";
  /** For people; must never contain secret material. */
  message: string;
  fields: UsbField[];
  data: UsbField[][];
}

export function answerOk(fields: UsbField[]): UsbAnswer {
  return { code: "", message: "", fields: fields, data: [] };
}

export function refusal(code: UsbErrorCode, message: string): UsbAnswer {
  return { code: code, message: message, fields: [], data: [] };
}

/** Runs one command whose request passed every check. */
export type UsbHandler = (req: UsbRequest) => UsbAnswer;

/** A handler for every declared command but CHALLENGE, which the server answers itself. */
export type UsbHandlers = Record<Exclude<UsbCommandName, "CHALLENGE">, UsbHandler>;

/** What the server is handed. @noSelf */
export interface UsbServerPorts {
  handlers: UsbHandlers;
  isProvisioned(): boolean;
  /** The key requests are signed with ("" while unprovisioned); it never leaves the box. */
  usbKey(): ByteString;
  hasher: Hasher;
  randomBytes(count: number): ByteString;
  uptimeMs(): number;
  /** Sends text on the USB port. */
  write(text: string): void;
}

export class UsbServer {
  /** The line being read: its pieces so far and its length; whether it is too long or holds a byte outside printable ASCII. */
  private parts: string[] = [];
  private length = 0;
  private tooLong = false;
  private binary = false;
  /**
   * The nonces handed out and not yet used, oldest first, with the uptime each was issued at
   * (hex, ms, hex, ms, ...; at most MAX_OPEN_NONCES). RAM only: a reboot forgets all.
   */
  private nonces: (string | number)[] = [];

  constructor(private readonly ports: UsbServerPorts) {}

  /**
   * Feeds bytes from the port; answers every complete line. Serial data arrives in pieces of
   * any size, so a line may span many chunks and a chunk may hold many lines. A line ends at
   * "\n" or "\r" (terminals send "\r", scripts "\n", some both; empty lines are skipped).
   * Memory is bounded: a line longer than MAX_LINE_BYTES is refused once, as soon as it gets too
   * long, and everything up to the next line end is dropped without being kept. A line with a
   * byte outside printable ASCII is refused at its end and never parsed.
   */
  receive(chunk: string): void {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      let out: string[] = [];
      if (c === 10 || c === 13) {
        if (!this.tooLong && i > start) this.parts.push(chunk.substring(start, i));
        if (this.tooLong) out = [];
        else if (this.binary) out = [formatError(NO_ID, "E_BINARY", "only printable ASCII is allowed; line dropped")];
        else if (this.length > 0) out = this.answer(this.parts.join(""));
        this.parts = [];
        this.length = 0;
        this.tooLong = false;
        this.binary = false;
        start = i + 1;
      } else if (this.tooLong) {
        start = i + 1;
      } else if (this.length >= MAX_LINE_BYTES) {
        out = [formatError(NO_ID, "E_TOO_LONG", "line longer than " + MAX_LINE_BYTES + " bytes; dropped up to the next line end")];
        this.tooLong = true;
        this.parts = [];
        start = i + 1;
      } else {
        this.length++;
        if (c < 32 || c > 126) this.binary = true;
      }
      for (let k = 0; k < out.length; k++) this.ports.write(out[k] + BOX_LINE_END);
    }
    if (!this.tooLong && chunk.length > start) this.parts.push(chunk.substring(start));
  }

  /** Sends an unsolicited `* EVENT` line (lid opened, delivery, ...). */
  event(kind: string, fields: UsbField[]): void {
    this.ports.write(formatEvent(kind, fields) + BOX_LINE_END);
  }

  /**
   * The answer lines for one request line (without line ends): access (the command's declared
   * ways in, ./commands.ts, Need), then the arguments' ranges, then the handler. A request that
   * carries auth= is checked even where none is needed, so a client learns at once when its key
   * is wrong; its nonce is used up whatever the outcome, so each nonce gets exactly one try.
   */
  answer(line: string): string[] {
    const req = parseRequest(line);
    if (isParseError(req)) return [formatError(req.id, req.code, req.message)];
    const ports = this.ports;
    try {
      let answer: UsbAnswer;
      // parseRequest only returns declared commands.
      const spec = commandSpec(req.command) as UsbCommand;
      const provisioned = ports.isProvisioned();
      // A blank box has no key to check auth= with, and nothing but PROVISION to offer.
      const blank = refusal("E_STATE", "the box is not provisioned: send PROVISION first");
      let held = provisioned ? 0 : Need.Unprovisioned;
      let refused: UsbAnswer | undefined = undefined;
      if (req.auth !== "") {
        const nonces = this.nonces;
        let at = -1;
        if (provisioned) for (let i = 0; i < nonces.length; i += 2) if (at < 0 && nonces[i] === req.nonce) at = i;
        // By difference: NodeMCU's 32-bit uptime wraps every 24.8 days and the difference still holds.
        const age = at < 0 ? 0 : ports.uptimeMs() - (nonces[at + 1] as number);
        if (at >= 0) {
          // Used up: every other nonce is kept.
          const kept: (string | number)[] = [];
          for (let i = 0; i < nonces.length; i++) if (i !== at && i !== at + 1) kept.push(nonces[i]);
          this.nonces = kept;
        }
        const given = fromHex(req.auth);
        if (!provisioned) refused = blank;
        else if (at < 0) refused = refusal("E_REPLAY", "nonce unknown or already used: send CHALLENGE for a new one");
        else if (age > NONCE_TTL_MS || age < 0) refused = refusal("E_EXPIRED", "nonce expired: send CHALLENGE for a new one");
        else if (given === undefined || !constantTimeEqual(ports.hasher.hmac("sha1", ports.usbKey(), req.signed), given)) {
          refused = refusal("E_AUTH", "auth= does not match: wrong box secret or a changed line");
        }
        held = held | Need.Signed;
      }
      let open = false;
      for (let i = 0; i < spec.access.length; i++) if ((spec.access[i] & held) === spec.access[i]) open = true;
      const problem = refused !== undefined || !open ? "" : argumentProblem(spec, req.fields, true);
      if (refused !== undefined) answer = refused;
      else if (!open) answer = provisioned ? refusal("E_AUTH", req.command + " needs nonce= and auth=: send CHALLENGE first") : blank;
      else if (problem !== "") answer = refusal("E_RANGE", problem);
      else if (req.command === "CHALLENGE") {
        const hex = toHex(ports.randomBytes(NONCE_BYTES));
        // The oldest is forgotten when MAX_OPEN_NONCES are open.
        const kept: (string | number)[] = [];
        for (let i = this.nonces.length >= 2 * MAX_OPEN_NONCES ? 2 : 0; i < this.nonces.length; i++) kept.push(this.nonces[i]);
        kept.push(hex);
        kept.push(ports.uptimeMs());
        this.nonces = kept;
        answer = answerOk([field("nonce", hex), field("ttl", NONCE_TTL_MS.toString())]);
      } else {
        answer = ports.handlers[req.command](req);
        // A new key (or none): nonces handed out for the old one must not sign for the new.
        if (answer.code === "" && spec.rekeys) this.nonces = [];
      }
      const lines: string[] = [];
      for (let i = 0; i < answer.data.length; i++) lines.push(formatData(req.id, answer.data[i]));
      lines.push(answer.code === "" ? formatOk(req.id, answer.fields) : formatError(req.id, answer.code, answer.message));
      return lines;
    } catch (e) {
      // The exception's text is not sent: it could name anything, secrets included.
      return [formatError(req.id, "E_INTERNAL", "the box failed on this request; check STATUS and LOG")];
    }
  }
}
