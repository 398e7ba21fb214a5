/**
 * The owner's side of PB2: builds requests from the commands' declaration, sends them, matches
 * answers by request id, signs requests that need it with a fresh CHALLENGE nonce. Line formats,
 * the declaration and signing come from the firmware's own modules (firmware/core/usb), so the
 * two sides cannot disagree: a request the box would refuse for its keys or its ranges is not sent.
 */
import "../lib/intrinsics-global.ts";
import type { Duplex } from "node:stream";
import { explainRefusal, takesSignature } from "../../firmware/core/host/commands.ts";
import { parseRequest, type UsbCommandName } from "../../firmware/core/usb/commands.ts";
import { ArgKind, commandSpec, fieldValue, formatRequest, parseResponse, signRequest, type UsbResponse } from "../../firmware/core/host/protocol.ts";
import type { UsbField } from "../../firmware/core/usb/protocol.ts";
import { nodeHasher } from "../lib/node-hasher.ts";
import { CliError, EXIT_USAGE } from "./exit-codes.ts";

export class BoxError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class BoxTimeout extends Error {}

export interface Reply {
  fields: UsbField[];
  data: UsbField[][];
}

export function value(fields: UsbField[], key: string): string {
  return fieldValue(fields, key) ?? "";
}

/**
 * Checks a request against the command's declaration before it goes out: the keys it takes and
 * needs, and each declared argument's range (settings' names and ranges are the box's to judge,
 * since its firmware knows them). Throws a usage error naming what is wrong.
 */
export function checkRequest(command: UsbCommandName, fields: UsbField[]): void {
  const spec = commandSpec(command);
  if (spec === undefined) throw new CliError(EXIT_USAGE, `${command} is not a PB2 command`);
  // The box's own parser reads the line as the box would: a refused line, or a value out of range.
  const parsed = parseRequest(formatRequest("1", command, fields));
  let refusal = typeof parsed === "string" ? parsed.slice("1 ERR ".length) : parsed.range;
  // A setting's name and range are the box's to judge: its firmware knows its settings.
  if (typeof parsed !== "string" && !spec.args.some((a) => refusal === `E_RANGE ${a.key}=`)) refusal = "";
  if (refusal === "") return;
  // The box says only that one is missing; the tool names it.
  const missing = spec.args.find((a) => a.required && a.kind !== ArgKind.Settings && !fields.some((f) => f.key === a.key));
  if (refusal === "E_SYNTAX missing" && missing !== undefined) throw new CliError(EXIT_USAGE, `not sent to the box: ${command} needs ${missing.key}=`);
  const space = refusal.indexOf(" ");
  const code = space < 0 ? refusal : refusal.slice(0, space);
  throw new CliError(EXIT_USAGE, `not sent to the box: ${explainRefusal(command, code, space < 0 ? "" : refusal.slice(space + 1))}`);
}

interface Pending {
  id: string;
  /** The request's command, to explain a refusal (explainRefusal). */
  command: string;
  data: UsbField[][];
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class BoxClient {
  private buffer = "";
  private nextId = 1;
  private pending: Pending | undefined;
  readonly events: UsbField[][] = [];

  constructor(
    private readonly stream: Duplex,
    private readonly timeoutMs = 5000,
  ) {
    stream.on("data", (chunk: Buffer | string) => this.receive(typeof chunk === "string" ? chunk : chunk.toString("latin1")));
  }

  /** Forgets what the box sent so far (answers nobody waits for are dropped anyway; this drops a partial line). */
  discardInput(): void {
    this.buffer = "";
  }

  /** Sends a request without authentication. */
  async request(command: UsbCommandName, fields: UsbField[] = []): Promise<Reply> {
    checkRequest(command, fields);
    const id = this.takeId();
    return this.send(id, command, formatRequest(id, command, fields));
  }

  /** Gets a nonce, then sends the request signed with the USB key. */
  async signed(command: UsbCommandName, fields: UsbField[], usbKey: string): Promise<Reply> {
    checkRequest(command, fields);
    const challenge = await this.request("CHALLENGE");
    const id = this.takeId();
    return this.send(id, command, signRequest(nodeHasher, usbKey, id, command, fields, value(challenge.fields, "nonce")));
  }

  /**
   * Sends the request the way its declaration lets the owner in: signed when a signature is one
   * of its ways in (docs/protocol.md, "Access"), with the key `usbKey()` gives (read only then,
   * so a command that needs none needs no profile); unsigned otherwise.
   */
  async call(command: UsbCommandName, fields: UsbField[], usbKey: () => string): Promise<Reply> {
    const spec = commandSpec(command);
    return spec !== undefined && takesSignature(spec) ? this.signed(command, fields, usbKey()) : this.request(command, fields);
  }

  private takeId(): string {
    const id = (this.nextId++).toString(36);
    if (this.nextId > 2_000_000) this.nextId = 1;
    return id;
  }

  private send(id: string, command: string, line: string): Promise<Reply> {
    if (this.pending) return Promise.reject(new Error("one request at a time"));
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        reject(new BoxTimeout(`the box did not answer within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      this.pending = { id, command, data: [], resolve, reject, timer };
      this.stream.write(line + "\n");
    });
  }

  private receive(text: string): void {
    this.buffer += text;
    let end: number;
    while ((end = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, end).replace(/\r$/, "");
      this.buffer = this.buffer.slice(end + 1);
      const response = parseResponse(line);
      if (response) this.handle(response);
    }
  }

  private handle(response: UsbResponse): void {
    if (response.kind === "EVENT") {
      this.events.push(response.fields);
      return;
    }
    const pending = this.pending;
    // "-" answers a line the box could not read an id from: ours, since we send one at a time.
    if (!pending || (response.id !== pending.id && response.id !== "-")) return;
    if (response.kind === "DATA") {
      pending.data.push(response.fields);
      return;
    }
    clearTimeout(pending.timer);
    this.pending = undefined;
    if (response.kind === "OK") pending.resolve({ fields: response.fields, data: pending.data });
    // The box sends a code and a short reason; the owner reads what it means (docs/protocol.md, "Refusals").
    else pending.reject(new BoxError(response.code, explainRefusal(pending.command, response.code, response.message)));
  }
}
