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

/** E.toString: the bytes of an ArrayBuffer (or typed array) as an 8-bit string. */
export function espruinoToString(data: ArrayBuffer | Uint8Array | string): string {
  if (typeof data === "string") return data;
  return toBuffer(data).toString("latin1");
}
