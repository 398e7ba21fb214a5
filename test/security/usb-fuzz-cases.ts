/**
 * What a stranger at the USB port can throw at the box, as fast-check arbitraries, and what
 * docs/protocol.md says the box must answer to each. The expectations are written from the
 * document (its "Errors" and "Access" tables and the order of checks it states), not from the
 * firmware's code, so the fuzz test checks the firmware against the document.
 */
import fc from "fast-check";
import { SETTINGS } from "../../firmware/core/host/settings.ts";

/** Anyone may send it, or (on a provisioned box) only a signed request: docs/protocol.md, "Access". */
export type Access = "open" | "auth";

/** One request without id or authentication, e.g. "LOG from=3 count=7", and its access rule. */
export interface Request {
  text: string;
  access: Access;
  /** Whether it only reads. */
  readOnly: boolean;
}

/** How a signed request is spoiled. */
export type Fault =
  | "wrong-mac" // 20 random bytes as the MAC
  | "flipped-mac" // the right MAC with one hex digit changed
  | "truncated-mac" // the right MAC cut short
  | "long-mac" // the right MAC with extra hex digits
  | "wrong-secret" // a correct MAC made with another box's secret
  | "tampered" // correctly signed, then the id changed
  | "replayed-after-ok" // a nonce the owner already used for a good request
  | "replayed-after-refusal" // a nonce used up by a refused request
  | "unknown-nonce" // a nonce the box never handed out
  | "evicted-nonce" // a nonce pushed out by four newer CHALLENGEs
  | "expired"; // a nonce older than its ttl

export const FAULTS: Fault[] = [
  "wrong-mac",
  "flipped-mac",
  "truncated-mac",
  "long-mac",
  "wrong-secret",
  "tampered",
  "replayed-after-ok",
  "replayed-after-refusal",
  "unknown-nonce",
  "evicted-nonce",
  "expired",
];

export type FuzzCase =
  | { kind: "bytes"; bytes: string }
  | { kind: "long"; line: string }
  | { kind: "unsigned"; request: Request }
  | { kind: "signed"; request: Request; fault: Fault; cut: number; flip: number; mac: string; lateMs: number };

const int32 = fc.integer({ min: -2147483648, max: 2147483647 });
/** Mostly plausible integers, sometimes anything a 32-bit field holds. */
const smallOrAny = (min: number, max: number): fc.Arbitrary<number> => fc.oneof(fc.integer({ min, max }), int32);
const hex = (bytes: number): fc.Arbitrary<string> => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString("hex"));
/** Command words in any case: "clock get" works as well as "CLOCK GET". */
const anyCase = (word: string): fc.Arbitrary<string> => fc.constantFrom(word, word.toLowerCase(), word[0] + word.slice(1).toLowerCase());

function request(access: Access, readOnly: boolean, word: string, args: fc.Arbitrary<string[]> = fc.constant([])): fc.Arbitrary<Request> {
  return fc.tuple(anyCase(word), args).map(([w, a]) => ({ text: [w, ...a].join(" "), access, readOnly }));
}

/** Every command of docs/protocol.md with well-formed arguments (values in or out of range). */
export function requests(secretHex: string): fc.Arbitrary<Request> {
  const setting = fc.constantFrom(...SETTINGS.map((s) => s.name));
  return fc.oneof(
    request("open", true, "HELLO"),
    request("open", true, "CHALLENGE"),
    request("open", true, "CLOCK GET"),
    request("auth", false, "CLOCK SET", smallOrAny(0, 400_000_000).map((t) => [`time=${t}`])),
    request("auth", true, "STATUS"),
    request("auth", true, "LOG", fc.tuple(smallOrAny(0, 100), smallOrAny(1, 50)).map(([f, c]) => [`from=${f}`, `count=${c}`])),
    request(
      "auth",
      false,
      "REVOKE",
      fc
        .tuple(fc.constantFrom("delivery", "pickup"), smallOrAny(480_000, 520_000), fc.constantFrom(1, 2, 4, 8, 12, 24, 48), fc.integer({ min: 0, max: 9 }))
        .map(([k, s, h, n]) => [`kind=${k}`, `start=${s}`, `hours=${h}`, `slot=${n}`]),
    ),
    request("auth", true, "SETTINGS GET"),
    request("auth", false, "SETTINGS SET", fc.tuple(setting, smallOrAny(-20, 700_000)).map(([n, v]) => [`${n}=${v}`])),
    request("auth", false, "LOCKTEST"),
    request("auth", false, "LIFT"),
    request(
      "auth",
      false,
      "PROVISION",
      // The box's own secret among them: a refused PROVISION must not echo it either.
      fc.tuple(fc.oneof(hex(20), fc.constant(secretHex)), smallOrAny(0, 400_000_000), fc.option(fc.constantFrom("box-1", "x", "door.2"))).map(([s, c, b]) =>
        b === null ? [`secret=${s}`, `clock=${c}`] : [`secret=${s}`, `clock=${c}`, `box=${b}`],
      ),
    ),
    request("auth", false, "RESET", fc.constant(["confirm=erase"])),
  );
}

/** Printable text made of protocol words: lines that look like requests but mostly are not. */
const wordSoup = fc
  .array(fc.oneof(fc.constantFrom("1", "a", "CLOCK", "SETTINGS", "GET", "SET", "STATUS", "HELLO", "nonce=", "auth=", "=", "%", "%4", "%zz", "from=0", "count=99"), fc.string({ maxLength: 12 })), {
    maxLength: 12,
  })
  .chain((words) => fc.constantFrom(" ", "  ").map((sep) => words.join(sep)));

/** Random bytes: anything, printable noise, protocol-word soup, each with one or more line ends. */
const bytes = fc
  .oneof(
    fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b).toString("latin1")),
    fc.string({ unit: "binary-ascii", maxLength: 300 }),
    wordSoup,
  )
  .chain((body) => fc.constantFrom("\r\n", "\n", "\r").map((end) => body + end))
  .map((b) => ({ kind: "bytes" as const, bytes: b }));

/** Lines over the 256-byte limit, sometimes far over, sometimes starting like a real request. */
const long = fc
  .tuple(fc.constantFrom("", "1 HELLO ", "2 STATUS ", "3 PROVISION secret="), fc.integer({ min: 257, max: 5000 }), fc.constantFrom("x", "0", "a=b ", "%20"))
  .map(([head, length, fill]) => ({ kind: "long" as const, line: (head + fill.repeat(length)).slice(0, Math.max(length, head.length + 1)) }));

export function fuzzCases(secretHex: string): fc.Arbitrary<FuzzCase> {
  const unsigned = requests(secretHex).map((request) => ({ kind: "unsigned" as const, request }));
  const signed = fc
    .record({
      request: requests(secretHex),
      fault: fc.constantFrom(...FAULTS),
      cut: fc.integer({ min: 0, max: 39 }),
      flip: fc.integer({ min: 0, max: 39 }),
      mac: hex(20),
      lateMs: fc.integer({ min: 60_100, max: 180_000 }),
    })
    .map((r) => ({ kind: "signed" as const, ...r }));
  return fc.oneof({ arbitrary: bytes, weight: 3 }, { arbitrary: long, weight: 1 }, { arbitrary: unsigned, weight: 2 }, { arbitrary: signed, weight: 5 });
}

/** The line segments the box reads in `bytes`: split at "\r" and "\n", empty ones skipped. */
export function segments(bytes: string): string[] {
  return bytes.split(/[\r\n]/).filter((s) => s.length > 0);
}

/** What docs/protocol.md says the box answers to one raw segment it cannot trust. */
export function segmentAnswer(segment: string): "E_TOO_LONG" | "E_BINARY" | "refusal-or-open" {
  if (segment.length > 256) return "E_TOO_LONG";
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c < 32 || c > 126) return "E_BINARY";
  }
  return "refusal-or-open";
}

/**
 * The answer code for an unsigned request or a spoiled signed one ("OK" for unsigned requests
 * anyone may run) on a provisioned box, whatever its lid and buttons say: every other command,
 * PROVISION and RESET included, needs a good signature; a malformed auth= is a syntax error
 * before anything else.
 */
export function expectedCode(c: FuzzCase): string {
  if (c.kind === "unsigned") return c.request.access === "open" ? "OK" : "E_AUTH";
  if (c.kind !== "signed") throw new Error("only requests have one expected code");
  if (c.fault === "truncated-mac" || c.fault === "long-mac") return "E_SYNTAX";
  switch (c.fault) {
    case "wrong-mac":
    case "flipped-mac":
    case "wrong-secret":
    case "tampered":
      return "E_AUTH";
    case "expired":
      return "E_EXPIRED";
    default:
      return "E_REPLAY";
  }
}
