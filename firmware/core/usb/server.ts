/**
 * The box's end of the USB port: bytes in, answer lines out. Every line passes, in order, the
 * line reader (length, printable ASCII), the parser (syntax, a declared command, declared keys:
 * ./commands.ts), the access check (the command's declared ways in), the argument check (the
 * declared ranges), and only then reaches its handler. A line refused at any step runs no
 * handler, so nothing changes.
 */
import type { ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { NONCE_TTL_MS, NonceBook } from "./auth";
import { argumentProblem, commandSpec, isParseError, Need, parseRequest, type UsbCommand, type UsbCommandName, type UsbRequest } from "./commands";
import { LineReader } from "./line-reader";
import { field, formatData, formatError, formatEvent, formatOk, MAX_LINE_BYTES, NO_ID, type UsbErrorCode, type UsbField } from "./protocol";

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

function problemMessage(code: string): string {
  if (code === "E_TOO_LONG") return "line longer than " + MAX_LINE_BYTES + " bytes; dropped up to the next line end";
  return "only printable ASCII is allowed; line dropped";
}

/** The answer's lines (without line ends). */
function answerLines(id: string, answer: UsbAnswer): string[] {
  const lines: string[] = [];
  for (let i = 0; i < answer.data.length; i++) lines.push(formatData(id, answer.data[i]));
  lines.push(answer.code === "" ? formatOk(id, answer.fields) : formatError(id, answer.code, answer.message));
  return lines;
}

export class UsbServer {
  private reader: LineReader;
  private nonces: NonceBook;

  constructor(private readonly ports: UsbServerPorts) {
    this.reader = new LineReader(MAX_LINE_BYTES);
    this.nonces = new NonceBook(ports.randomBytes, NONCE_TTL_MS);
  }

  /** Feeds bytes from the port; answers every complete line. */
  receive(chunk: string): void {
    const items = this.reader.feed(chunk);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const lines = item.problem === "" ? this.answer(item.line) : [formatError(NO_ID, item.problem, problemMessage(item.problem))];
      for (let k = 0; k < lines.length; k++) this.ports.write(lines[k] + BOX_LINE_END);
    }
  }

  /** Sends an unsolicited `* EVENT` line (lid opened, delivery, ...). */
  event(kind: string, fields: UsbField[]): void {
    this.ports.write(formatEvent(kind, fields) + BOX_LINE_END);
  }

  /** The answer lines for one request line (without line ends). */
  answer(line: string): string[] {
    const req = parseRequest(line);
    if (isParseError(req)) return [formatError(req.id, req.code, req.message)];
    try {
      return answerLines(req.id, this.run(req));
    } catch (e) {
      // The exception's text is not sent: it could name anything, secrets included.
      return [formatError(req.id, "E_INTERNAL", "the box failed on this request; check STATUS and LOG")];
    }
  }

  /**
   * Access (the command's declared ways in, ./commands.ts, Need), then the arguments' ranges, then
   * the handler. A request that carries auth= is checked even where none is needed, so a client
   * learns at once when its key is wrong (its nonce is used up either way).
   */
  private run(req: UsbRequest): UsbAnswer {
    const ports = this.ports;
    // parseRequest only returns declared commands.
    const spec = commandSpec(req.command) as UsbCommand;
    const provisioned = ports.isProvisioned();
    // A blank box has no key to check auth= with, and nothing but PROVISION to offer.
    const blank = refusal("E_STATE", "the box is not provisioned: send PROVISION first");
    let held = provisioned ? 0 : Need.Unprovisioned;
    if (req.auth !== "") {
      if (!provisioned) return blank;
      const verdict = this.nonces.verify(req.nonce, req.auth, req.signed, ports.usbKey(), ports.hasher, ports.uptimeMs());
      if (verdict === "unknown") return refusal("E_REPLAY", "nonce unknown or already used: send CHALLENGE for a new one");
      if (verdict === "expired") return refusal("E_EXPIRED", "nonce expired: send CHALLENGE for a new one");
      if (verdict === "bad-mac") return refusal("E_AUTH", "auth= does not match: wrong box secret or a changed line");
      held = held | Need.Signed;
    }
    let open = false;
    for (let i = 0; i < spec.access.length; i++) if ((spec.access[i] & held) === spec.access[i]) open = true;
    if (!open) return provisioned ? refusal("E_AUTH", req.command + " needs nonce= and auth=: send CHALLENGE first") : blank;
    const problem = argumentProblem(spec, req.fields, true);
    if (problem !== "") return refusal("E_RANGE", problem);
    if (req.command === "CHALLENGE") return answerOk([field("nonce", this.nonces.issue(ports.uptimeMs())), field("ttl", NONCE_TTL_MS.toString())]);
    const answer = ports.handlers[req.command](req);
    // A new key (or none): nonces handed out for the old one must not sign for the new.
    if (answer.code === "" && spec.rekeys) this.nonces.clear();
    return answer;
  }
}
