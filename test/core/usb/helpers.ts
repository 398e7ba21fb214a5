import { deriveUsbKey } from "../../../firmware/core/codes/keys.ts";
import { fieldValue, parseResponse, signRequest } from "../../../firmware/core/host/protocol.ts";
import type { UsbField } from "../../../firmware/core/usb/protocol.ts";

import { nodeHasher } from "../../../tools/lib/node-hasher.ts";

/** A USB server under test: the function that takes the port's chunks (firmware/core/usb/server.ts, serveUsb). */
export interface UsbServer {
  receive(chunk: string): void;
}

export const SECRET = "0123456789abcdefghij"; // 20 bytes
export const SECRET_HEX = Buffer.from(SECRET, "latin1").toString("hex");

/** Sends one line and returns the lines it produced. */
export function send(server: UsbServer, out: string[], line: string): string[] {
  const before = out.length;
  server.receive(line + "\n");
  return out.slice(before);
}

export function nonceFrom(server: UsbServer, out: string[]): string {
  const reply = parseResponse(send(server, out, "c1 CHALLENGE")[0]);
  return fieldValue(reply!.fields, "nonce")!;
}

export function signed(id: string, command: string, fields: UsbField[], nonce: string, secret = SECRET): string {
  return signRequest(nodeHasher, deriveUsbKey(nodeHasher, secret), id, command, fields, nonce);
}

/** Sends one request signed as the owner (a fresh CHALLENGE first) and returns its answer lines. */
export function sendSigned(server: UsbServer, out: string[], id: string, command: string, fields: UsbField[] = [], secret = SECRET): string[] {
  return send(server, out, signed(id, command, fields, nonceFrom(server, out), secret));
}
