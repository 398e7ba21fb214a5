/**
 * PB2, the USB protocol's words and line formats: the one module both the box (./server.ts) and
 * the owner's tool (tools/cli) use, so the two sides cannot drift. The commands themselves are
 * declared in ./commands.ts. docs/protocol.md describes the same rules for people; change both
 * together.
 *
 * Everything here is portable core code: no regular expressions, no JSON, integers only.
 */

/**
 * PB2's numbers and fixed words, as one const enum: both builds write each value where it is used,
 * so the box holds no variable, export or Lua upvalue for them. The host's names for them
 * (MAX_LINE_BYTES, NONCE_TTL_MS, ...) are ../host/protocol.ts's, made from these.
 */
export const enum Proto {
  /** PB2: LOG sends each event as its numbers (docs/protocol.md, "Versions"). */
  Version = "PB2",
  /** Longest request line the box accepts, in bytes, not counting the line end. */
  MaxLineBytes = 256,
  /** Request ids: 1..8 letters or digits, echoed on every line of the answer. */
  MaxIdLength = 8,
  /** The id the box answers with when the request's own id could not be read. */
  NoId = "-",
  /** The id of unsolicited box events. */
  EventId = "*",
  /** Most log entries one LOG request may ask for. */
  MaxLogPage = 50,
  /**
   * Most log entries the box answers in one page, whatever was asked, so one request keeps a
   * small box busy only so long. A reader goes on from `next`, as it must anyway.
   */
  LogPageEvents = 10,
  /** The two trailing fields of an authenticated request. */
  NonceKey = "nonce",
  AuthKey = "auth",
  /** Nonce bytes (sent as hex) and the HMAC-SHA1 length. */
  NonceBytes = 16,
  MacBytes = 20,
  /** How long a nonce may be used after CHALLENGE handed it out. */
  NonceTtlMs = 60000,
  /** Nonces kept: the last this many CHALLENGE handed out (a new one takes the oldest's place, used or not). */
  MaxOpenNonces = 4,
}

/**
 * Every error code a PB2 box may send (docs/protocol.md, "Errors", is made from
 * ./host/commands.ts's table of them, which the compiler holds to this list).
 */
export type UsbErrorCode =
  | "E_SYNTAX"
  | "E_UNKNOWN"
  | "E_TOO_LONG"
  | "E_BINARY"
  | "E_AUTH"
  | "E_REPLAY"
  | "E_EXPIRED"
  | "E_STATE"
  | "E_RANGE"
  | "E_BUSY"
  | "E_INTERNAL";

/** One `key=value` of a request or an OK line; `value` is decoded (may hold spaces). */
export interface UsbField {
  key: string;
  value: string;
}


// ---------------------------------------------------------------------------------------------
// Characters and values


/**
 * Whether `name` is 1..maxLength letters and digits, and, with `punctuation`, `.`, `_` and `-`:
 * request ids are the first kind; keys, box ids and setting names the second.
 */
export function isValidName(name: string, maxLength: number, punctuation: boolean): boolean {
  if (name.length < 1 || name.length > maxLength) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (punctuation && (c === 46 || c === 95 || c === 45));
    if (!ok) return false;
  }
  return true;
}

/**
 * Decimal integer text, optionally signed, within signed 32 bits; undefined otherwise. Written
 * by hand so the check happens before the number could leave 32 bits (NodeMCU has nothing wider).
 */
export function parseInteger(text: string): number | undefined {
  let i = 0;
  let negative = false;
  if (text.charAt(0) === "-") {
    negative = true;
    i = 1;
  }
  if (i >= text.length || text.length - i > 10) return undefined;
  let value = 0;
  for (; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    // value * 10 + digit must stay <= 2147483647 (magnitude 2147483648 is not needed).
    if (value > idiv(2147483647 - digit, 10)) return undefined;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}


// ---------------------------------------------------------------------------------------------
// Responses: "<id> OK", "<id> DATA" and "* EVENT <kind>" lines are formatLine's, with their fields.
// A refusal is "<id> ERR <code>", then at most a few words naming which of the code's reasons it
// is ("E_STATE lid", "E_RANGE count="): docs/protocol.md, "Refusals", explains each one, and the
// owner's tool prints that explanation (../host/commands.ts), so the box carries no English.
