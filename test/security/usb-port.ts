/**
 * A stranger's end of the built box's USB port, for the fuzz tests: raw bytes in, every line the
 * box sends out, a transcript of everything the box ever sent (to look for the secret in), and
 * the owner's signing done by hand so a test can sign with a wrong key, a used nonce or a MAC cut
 * short. Works on SimBox (sim/box.ts), so the bytes reach the real built firmware.
 */
import { createHmac } from "node:crypto";
import type { SimBox } from "../../sim/box.ts";

/** How long the port waits (virtual ms) for the answers it expects before calling it silence. */
const ANSWER_WAIT_MS = 2000;
const STEP_MS = 10;

/** The USB key the owner's tool derives from the master secret (docs/protocol.md). */
export function usbKeyOf(secret: Buffer): Buffer {
  return createHmac("sha1", secret).update("parcelbox usb").digest();
}

/** Lower-case hex HMAC-SHA1 of the signed text, as the owner's tool makes it. */
export function macOf(usbKey: Buffer, signed: string): string {
  return createHmac("sha1", usbKey).update(signed, "latin1").digest("hex");
}

/** A final answer line: `<id> OK ...` or `<id> ERR <code> ...`. */
export function isFinal(line: string): boolean {
  return / (OK|ERR)( |$)/.test(line) && !line.startsWith("* ");
}

/** The error code of an ERR line, or "OK". */
export function outcome(line: string): string {
  const err = /^\S+ ERR (\S+)/.exec(line);
  if (err) return err[1];
  return /^\S+ OK( |$)/.test(line) ? "OK" : `unexpected: ${line}`;
}

export class UsbPort {
  /** Everything the box sent on the port since the port was attached. */
  transcript = "";
  private nextId = 1;

  constructor(readonly box: SimBox) {
    box.board.usb.on("toHost", (chunk) => {
      this.transcript += chunk;
    });
  }

  /** A fresh request id (base 36, as the owner's tool counts). */
  id(): string {
    return (this.nextId++).toString(36);
  }

  /**
   * Sends raw bytes and collects the box's lines until `finals` final answers arrived (events
   * are left out). Returns what arrived even when fewer came: the caller decides if that is
   * silence.
   */
  send(bytes: string, finals: number): string[] {
    // Whatever arrived since the last answer was complete is an extra answer: one line, one answer.
    const extra = this.box.board.usb
      .takeOutput()
      .split("\r\n")
      .filter((line) => line.length > 0 && !line.startsWith("* "));
    if (extra.length > 0) throw new Error(`lines nobody asked for: ${JSON.stringify(extra)}`);
    // Any sender must wake a light-sleeping ESP32 first, or its first bytes are lost.
    this.box.wakeUsb();
    this.box.board.usb.send(bytes);
    const lines: string[] = [];
    let buffer = "";
    let seen = 0;
    for (let waited = 0; waited <= ANSWER_WAIT_MS && seen < finals; waited += STEP_MS) {
      this.box.advance(STEP_MS);
      buffer += this.box.board.usb.takeOutput();
      const complete = buffer.split("\r\n");
      buffer = complete.pop() ?? "";
      for (const line of complete) {
        if (line.startsWith("* ")) continue;
        lines.push(line);
        if (isFinal(line)) seen++;
      }
    }
    return lines;
  }

  /** One request line; its final answer line (throws on silence, which is a failure). */
  ask(line: string): string[] {
    const lines = this.send(`${line}\r\n`, 1);
    if (!lines.some(isFinal)) throw new Error(`silence: no answer to ${JSON.stringify(line)}`);
    return lines;
  }

  /** A fresh nonce from CHALLENGE. */
  challenge(): string {
    const answer = this.ask(`${this.id()} CHALLENGE`).join(" ");
    const nonce = /nonce=([0-9a-f]{32})/.exec(answer)?.[1];
    if (!nonce) throw new Error(`no nonce in ${answer}`);
    return nonce;
  }

  /** `<id> <request> nonce=<nonce>`: the text the MAC covers. */
  signedText(id: string, request: string, nonce: string): string {
    return `${id} ${request} nonce=${nonce}`;
  }

  /** A complete, correctly signed line for `request` with a nonce of our choosing. */
  signedLine(usbKey: Buffer, request: string, nonce: string, id = this.id()): string {
    const signed = this.signedText(id, request, nonce);
    return `${signed} auth=${macOf(usbKey, signed)}`;
  }

  /** Runs a request as the owner does: CHALLENGE, then the signed line. */
  owner(usbKey: Buffer, request: string): string[] {
    return this.ask(this.signedLine(usbKey, request, this.challenge()));
  }
}
