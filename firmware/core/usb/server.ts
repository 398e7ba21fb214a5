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
import { declaration, Need, parseRequest, type UsbRequest } from "./commands";
import { Proto } from "./protocol";

/** Line end of everything the box sends: "\r\n" shows properly in any terminal. */
export const BOX_LINE_END = "\r\n";

/**
 * Runs one request that passed every check (never CHALLENGE, which the server answers itself):
 * the rest of its OK line (" key=value" for each field, values already in formatLine's form; ""
 * for none), or its refusal as "E_CODE reason" (docs/protocol.md, "Refusals"; never secret
 * material). A command that answers DATA lines (LOG) writes them itself, before it returns.
 */
export type UsbRun = (this: void, req: UsbRequest) => string;

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
 * is bounded: a line longer than Proto.MaxLineBytes is refused once, as soon as it gets too long, and
 * everything up to the next line end is dropped without being kept. A line with a byte outside
 * printable ASCII is refused at its end and never parsed.
 *
 * Each complete line is answered: access (the command's declared ways in, ./commands.ts, Need),
 * then the arguments' ranges, then `run`. A request that carries auth= is checked even where none
 * is needed, so a client learns at once when its key is wrong; its nonce is used up whatever the
 * outcome, so each nonce gets exactly one try. The last Proto.MaxOpenNonces nonces handed out are
 * kept in a ring with the uptime each was issued at (hex, ms, hex, ms, ...; a used one is ""), so
 * a fifth CHALLENGE takes the place of the oldest; in RAM only: a reboot forgets all.
 */
export function serveUsb(board: UsbBoard, memory: UsbKeys, run: UsbRun): (this: void, chunk: string) => void {
  /** The line being read so far, and whether it is too long or holds a byte outside printable ASCII. */
  let line = "";
  let tooLong = false;
  let binary = false;
  let nonces: (string | number)[] = [];
  /** The ring's next place: where CHALLENGE writes its nonce. */
  let ring = 0;
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
        const request = line;
        const req = binary ? Proto.NoId + " ERR E_BINARY" : parseRequest(line);
        line = "";
        binary = false;
        if (typeof req === "string") out = req;
        else {
          // The answer: an OK line's fields (" key=value"...) or a refusal ("E_CODE reason").
          let answer = "";
          try {
            const text = declaration(req.command);
            const provisioned = memory.keys !== undefined;
            let held = provisioned ? 0 : Need.Unprovisioned;
            if (req.auth !== "") {
              let at = -1;
              // req.nonce is 32 hex digits: never "" (used) nor an empty place (undefined, nil in Lua).
              if (provisioned) for (let k = 0; k < 2 * Proto.MaxOpenNonces; k += 2) if (nonces[k] === req.nonce) at = k;
              // By difference: NodeMCU's 32-bit uptime wraps every 24.8 days and the difference still holds.
              const age = at < 0 ? 0 : board.timers.uptimeMs() - (nonces[at + 1] as number);
              // Used up, whatever follows.
              if (at >= 0) nonces[at] = "";
              // A blank box has no key to check auth= with, and nothing but PROVISION to offer.
              if (!provisioned) answer = "E_STATE blank";
              else if (at < 0) answer = "E_REPLAY";
              else if (age > Proto.NonceTtlMs || age < 0) answer = "E_EXPIRED";
              // The MAC covers the line up to " auth=" (the parser checked both are hex).
              else if (!constantTimeEqual(board.hasher.hmac("sha1", (memory.keys as { usbKey: ByteString }).usbKey, request.substring(0, request.length - 46)), fromHex(req.auth) as string)) answer = "E_AUTH mac";
              held = held | Need.Signed;
            }
            // The ways in: single digits separated by spaces, after the name (see DECLARATIONS).
            let open = false;
            for (let k = text.indexOf(";") + 1; k > 0; k = text.charAt(k + 1) === " " ? k + 2 : -1) {
              const way = text.charCodeAt(k) - 48;
              if ((way & held) === way) open = true;
            }
            if (answer !== "") {
              // Refused by its nonce or MAC.
            } else if (!open) answer = provisioned ? "E_AUTH unsigned" : "E_STATE blank";
            else if (req.range !== "") answer = req.range;
            else if (req.command === "CHALLENGE") {
              const hex = toHex(board.system.randomBytes(Proto.NonceBytes));
              // In the place of the oldest nonce handed out.
              nonces[ring] = hex;
              nonces[ring + 1] = board.timers.uptimeMs();
              ring = (ring + 2) % (2 * Proto.MaxOpenNonces);
              answer = " nonce=" + hex + " ttl=" + Proto.NonceTtlMs;
            } else {
              answer = run(req);
              // A new key (or none): nonces handed out for the old one must not sign for the new.
              if (answer.charAt(0) !== "E" && text.indexOf(";!") >= 0) nonces = [];
            }
          } catch (e) {
            // The exception's text is not sent: it could name anything, secrets included.
            answer = "E_INTERNAL";
          }
          out = req.id + (answer.charAt(0) === "E" ? " ERR " : " OK") + answer;
        }
      } else if (tooLong) {
        start = i + 1;
      } else if (line.length + i - start >= Proto.MaxLineBytes) {
        out = Proto.NoId + " ERR E_TOO_LONG";
        tooLong = true;
        line = "";
        start = i + 1;
      } else if (c < 32 || c > 126) binary = true;
      if (out !== "") board.usb.write(out + BOX_LINE_END);
    }
  };
}
