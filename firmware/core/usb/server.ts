/**
 * The box's end of the USB port: bytes in, answer lines out. Every line passes, in order,
 * the line reader (length, printable ASCII), the parser (syntax, known command, known keys), the
 * access check (service mode, provisioned, challenge-response), and only then reaches the box
 * through ./commands.ts. A line refused at any step calls no box method that changes anything.
 */
import type { ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { NONCE_TTL_MS, NonceBook } from "./auth";
import { runCommand } from "./commands";
import { LineReader } from "./line-reader";
import {
  commandSpec,
  E_AUTH,
  E_BINARY,
  E_EXPIRED,
  E_INTERNAL,
  E_REPLAY,
  E_SERVICE_ONLY,
  E_STATE,
  E_TOO_LONG,
  formatError,
  formatEvent,
  isParseError,
  MAX_LINE_BYTES,
  NO_ID,
  parseRequest,
  type UsbField,
  type UsbRequest,
} from "./protocol";
import type { UsbBoxServices } from "./services";

/** Line end of everything the box sends: "\r\n" shows properly in any terminal. */
export const BOX_LINE_END = "\r\n";

/** What the server is handed. @noSelf */
export interface UsbServerPorts {
  services: UsbBoxServices;
  hasher: Hasher;
  randomBytes(count: number): ByteString;
  uptimeMs(): number;
  /** Sends text on the USB port. */
  write(text: string): void;
}

function problemMessage(code: string): string {
  if (code === E_TOO_LONG) return "line longer than " + MAX_LINE_BYTES + " bytes; dropped up to the next line end";
  if (code === E_BINARY) return "only printable ASCII is allowed; line dropped";
  return "line dropped";
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
    const parsed = parseRequest(line);
    if (isParseError(parsed)) return [formatError(parsed.id, parsed.code, parsed.message)];
    try {
      const refusal = this.refusal(parsed);
      if (refusal !== "") return [refusal];
      return runCommand(parsed, {
        services: this.ports.services,
        nonces: this.nonces,
        nowMs: this.ports.uptimeMs(),
        nonceTtlMs: NONCE_TTL_MS,
      });
    } catch (e) {
      // The exception's text is not sent: it could name anything, secrets included.
      return [formatError(parsed.id, E_INTERNAL, "the box failed on this request; check STATUS and LOG")];
    }
  }

  /** The error line refusing the request, or "" when it may run. */
  private refusal(req: UsbRequest): string {
    const spec = commandSpec(req.command);
    const services = this.ports.services;
    const service = services.inServiceMode();
    const provisioned = services.isProvisioned();
    if (spec === undefined) return formatError(req.id, E_INTERNAL, "command has no access rule");
    if (spec.access === "service" && !service) {
      return formatError(req.id, E_SERVICE_ONLY, req.command + " works only in service mode: open the box and hold the service button");
    }
    if (spec.access === "provision" && provisioned && !service) {
      return formatError(req.id, E_SERVICE_ONLY, "already provisioned: open the box and hold the service button to provision again");
    }
    const needsAuth = spec.access === "auth" && !service;
    if (req.auth === "") {
      if (!needsAuth) return "";
      if (!provisioned) return formatError(req.id, E_STATE, "the box is not provisioned: send PROVISION first");
      return formatError(req.id, E_AUTH, req.command + " needs nonce= and auth=: send CHALLENGE first");
    }
    // A request that carries auth is checked even where none is needed, so a client learns
    // at once when its key is wrong.
    if (!provisioned) return formatError(req.id, E_STATE, "the box is not provisioned: it has no key to check auth= with");
    const verdict = this.nonces.verify(req.nonce, req.auth, req.signed, services.usbKey(), this.ports.hasher, this.ports.uptimeMs());
    if (verdict === "unknown") return formatError(req.id, E_REPLAY, "nonce unknown or already used: send CHALLENGE for a new one");
    if (verdict === "expired") return formatError(req.id, E_EXPIRED, "nonce expired: send CHALLENGE for a new one");
    if (verdict === "bad-mac") return formatError(req.id, E_AUTH, "auth= does not match: wrong box secret or a changed line");
    return "";
  }
}
