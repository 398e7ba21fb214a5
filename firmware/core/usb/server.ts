/**
 * The box's end of the USB port: bytes in, answer lines out. Every line passes, in order, the
 * line reader (length, printable ASCII), the parser (syntax, a declared command, declared keys:
 * ./commands.ts), the access check (the command's declared ways in), the argument check (the
 * declared ranges), and only then reaches the owner's side (`run`). A line refused at any step
 * runs nothing, so nothing changes.
 *
 * One closure does all of it (reading lines, the nonces of "Authentication", answering), over the
 * board itself: each function and object costs an Espruino Pico JsVars and NodeMCU heap while USB
 * is served.
 */
import { constantTimeEqual, fromHex, toHex, type ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { argumentProblem, declaration, Need, parseRequest, type UsbRequest } from "./commands";
import { field, formatError, formatLine, Pb1, type UsbErrorCode, type UsbField } from "./protocol";

/** Line end of everything the box sends: "\r\n" shows properly in any terminal. */
export const BOX_LINE_END = "\r\n";

/**
 * Runs one request that passed every check (never CHALLENGE, which the server answers itself):
 * the fields of its OK line, or its refusal as "E_CODE message" (the message for people, never
 * secret material). A command that answers DATA lines (LOG) writes them itself, before it returns.
 */
export type UsbRun = (this: void, req: UsbRequest) => UsbField[] | string;

/**
 * What of the board the server uses (firmware/core/board.ts's Board has all of it; plain
 * functions, `@noSelf`, as there). Written out rather than picked by name: a name in a string
 * would keep it from being renamed in the Espruino files (tools/build/mangle.ts).
 */
export interface UsbBoard {
  hasher: Hasher;
  system: UsbRandom;
  timers: UsbUptime;
  usb: UsbOutput;
}
/** @noSelf */
export interface UsbRandom {
  randomBytes(count: number): ByteString;
}
/** @noSelf */
export interface UsbUptime {
  uptimeMs(): number;
}
/** @noSelf */
export interface UsbOutput {
  write(text: string): void;
}

/** Where the server finds the key requests are signed with (the box's memory); no keys while unprovisioned. */
export interface UsbKeys {
  readonly keys: { readonly usbKey: ByteString } | undefined;
}

/**
 * Starts serving: gives the function that takes every chunk from the port. Serial data arrives in
 * pieces of any size, so a line may span many chunks and a chunk may hold many lines. A line ends
 * at "\n" or "\r" (terminals send "\r", scripts "\n", some both; empty lines are skipped). Memory
 * is bounded: a line longer than Pb1.MaxLineBytes is refused once, as soon as it gets too long, and
 * everything up to the next line end is dropped without being kept. A line with a byte outside
 * printable ASCII is refused at its end and never parsed.
 *
 * Each complete line is answered: access (the command's declared ways in, ./commands.ts, Need),
 * then the arguments' ranges, then `run`. A request that carries auth= is checked even where none
 * is needed, so a client learns at once when its key is wrong; its nonce is used up whatever the
 * outcome, so each nonce gets exactly one try. The nonces handed out and not yet used are kept
 * oldest first with the uptime each was issued at (hex, ms, hex, ms, ...; at most
 * Pb1.MaxOpenNonces), in RAM only: a reboot forgets all.
 */
export function serveUsb(board: UsbBoard, memory: UsbKeys, run: UsbRun): (this: void, chunk: string) => void {
  /** The line being read so far, and whether it is too long or holds a byte outside printable ASCII. */
  let line = "";
  let tooLong = false;
  let binary = false;
  let nonces: (string | number)[] = [];
  return (chunk: string): void => {
    let start = 0;
    for (let i = 0; i <= chunk.length; i++) {
      const c = i < chunk.length ? chunk.charCodeAt(i) : -1;
      let out = "";
      if (c < 0 || c === 10 || c === 13) {
        if (!tooLong) line += chunk.substring(start, i);
        start = i + 1;
        if (c < 0 || tooLong || line.length === 0) {
          // The chunk's end: the line goes on in the next one; or a line end after a refused or empty line.
          if (c >= 0) tooLong = binary = false;
          continue;
        }
        const req = binary ? formatError(Pb1.NoId, "E_BINARY", "only printable ASCII is allowed; line dropped") : parseRequest(line);
        line = "";
        binary = false;
        if (typeof req === "string") out = req;
        else {
          let answer: UsbField[] | string;
          try {
            const text = declaration(req.command);
            const provisioned = memory.keys !== undefined;
            // A blank box has no key to check auth= with, and nothing but PROVISION to offer.
            const blank = "E_STATE the box is not provisioned: send PROVISION first";
            let held = provisioned ? 0 : Need.Unprovisioned;
            answer = "";
            if (req.auth !== "") {
              let at = -1;
              if (provisioned) for (let k = 0; k < nonces.length; k += 2) if (at < 0 && nonces[k] === req.nonce) at = k;
              // By difference: NodeMCU's 32-bit uptime wraps every 24.8 days and the difference still holds.
              const age = at < 0 ? 0 : board.timers.uptimeMs() - (nonces[at + 1] as number);
              if (at >= 0) {
                // Used up: every other nonce is kept.
                const kept: (string | number)[] = [];
                for (let k = 0; k < nonces.length; k++) if (k !== at && k !== at + 1) kept.push(nonces[k]);
                nonces = kept;
              }
              const given = fromHex(req.auth);
              if (!provisioned) answer = blank;
              else if (at < 0) answer = "E_REPLAY nonce unknown or already used: send CHALLENGE for a new one";
              else if (age > Pb1.NonceTtlMs || age < 0) answer = "E_EXPIRED nonce expired: send CHALLENGE for a new one";
              else if (given === undefined || !constantTimeEqual(board.hasher.hmac("sha1", (memory.keys as { usbKey: ByteString }).usbKey, req.signed), given)) {
                answer = "E_AUTH auth= does not match: wrong box secret or a changed line";
              }
              held = held | Need.Signed;
            }
            // The ways in: single digits separated by spaces, after the name (see DECLARATIONS).
            let open = false;
            const ways = text.indexOf(";") + 1;
            for (let k = ways; k > 0; k = text.charAt(k + 1) === " " ? k + 2 : -1) {
              const way = text.charCodeAt(k) - 48;
              if ((way & held) === way) open = true;
            }
            if (answer !== "") {
              // Refused by its nonce or MAC.
            } else if (!open) answer = provisioned ? "E_AUTH " + req.command + " needs nonce= and auth=: send CHALLENGE first" : blank;
            else {
              const problem = argumentProblem(req.command, req.fields, 1);
              if (problem !== "") answer = "E_RANGE " + problem;
              else if (req.command === "CHALLENGE") {
                const hex = toHex(board.system.randomBytes(Pb1.NonceBytes));
                // The oldest is forgotten when Pb1.MaxOpenNonces are open.
                const kept: (string | number)[] = [];
                for (let k = nonces.length >= 2 * Pb1.MaxOpenNonces ? 2 : 0; k < nonces.length; k++) kept.push(nonces[k]);
                kept.push(hex);
                kept.push(board.timers.uptimeMs());
                nonces = kept;
                answer = [field("nonce", hex), field("ttl", Pb1.NonceTtlMs.toString())];
              } else {
                answer = run(req);
                // A new key (or none): nonces handed out for the old one must not sign for the new.
                if (typeof answer !== "string" && text.indexOf(";!") >= 0) nonces = [];
              }
            }
          } catch (e) {
            // The exception's text is not sent: it could name anything, secrets included.
            answer = "E_INTERNAL the box failed on this request; check STATUS and LOG";
          }
          if (typeof answer !== "string") out = formatLine(req.id + " OK", answer);
          else {
            const space = answer.indexOf(" ");
            out = formatError(req.id, answer.substring(0, space) as UsbErrorCode, answer.substring(space + 1));
          }
        }
      } else if (tooLong) {
        start = i + 1;
      } else if (line.length + i - start >= Pb1.MaxLineBytes) {
        out = formatError(Pb1.NoId, "E_TOO_LONG", "line longer than " + Pb1.MaxLineBytes + " bytes; dropped up to the next line end");
        tooLong = true;
        line = "";
        start = i + 1;
      } else if (c < 32 || c > 126) binary = true;
      if (out !== "") board.usb.write(out + BOX_LINE_END);
    }
  };
}
