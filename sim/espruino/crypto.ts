/**
 * Espruino's `require("crypto")` module and `E.toString`, backed by node:crypto: SHA1 and SHA256
 * of a string (8-bit characters) or ArrayBuffer, returning an ArrayBuffer, as on a Pico.
 */
import { createHash } from "node:crypto";

type Data = string | ArrayBuffer | Uint8Array;

function toBuffer(data: Data): Buffer {
  if (typeof data === "string") return Buffer.from(data, "latin1");
  if (data instanceof Uint8Array) return Buffer.from(data);
  return Buffer.from(new Uint8Array(data));
}

function digest(algorithm: "sha1" | "sha256", data: Data): ArrayBuffer {
  const out = createHash(algorithm).update(toBuffer(data)).digest();
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.length) as ArrayBuffer;
}

export const espruinoCrypto = {
  SHA1: (data: Data): ArrayBuffer => digest("sha1", data),
  SHA256: (data: Data): ArrayBuffer => digest("sha256", data),
};

type ToStringItem = string | number | ArrayBuffer | ArrayLike<unknown>;

/**
 * E.toString(...args): every argument's bytes, in order, as one 8-bit string, as Espruino's
 * jsvIterateCallback walks them: a number is one byte, a string its characters, an ArrayBuffer
 * or typed array its bytes, an array each element in turn (arrays nest). Checked on the real
 * interpreter (test/sim/espruino-real-facts.test.ts).
 */
export function espruinoToString(...items: ToStringItem[]): string {
  let out = "";
  const add = (item: unknown): void => {
    if (typeof item === "number") out += String.fromCharCode(item & 0xff);
    else if (typeof item === "string") out += item;
    // Tested by tag, not instanceof: the firmware's buffers come from its own vm context.
    else if (Object.prototype.toString.call(item) === "[object ArrayBuffer]") out += Buffer.from(new Uint8Array(item as ArrayBuffer)).toString("latin1");
    else if (ArrayBuffer.isView(item)) out += Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString("latin1");
    else if (item !== null && typeof item === "object" && "length" in item) for (let i = 0; i < (item as ArrayLike<unknown>).length; i++) add((item as ArrayLike<unknown>)[i]);
  };
  // As Espruino 2v29 does (jsvIterateCallback): what is neither a number nor iterable is refused,
  // undefined among it (a native digest that could not allocate its result returns undefined).
  for (const item of items) {
    if (item === undefined || item === null || typeof item === "boolean") throw new TypeError(`Expecting Number or iterable, got ${item === null ? "null" : typeof item}`);
    add(item);
  }
  return out;
}

/**
 * E.getAddressOf(v, flatAddress): where a flat string's bytes are, 0 for anything else. The shim's
 * strings (espruinoToString's among them) are always whole, as a flat string is: a made-up
 * non-zero address for any string. The real interpreter's heap can refuse a flat string
 * (docs/portability.md).
 */
export function espruinoAddressOf(v: unknown, flatAddress?: boolean): number {
  return flatAddress === true && typeof v === "string" ? 0x20000000 : 0;
}
