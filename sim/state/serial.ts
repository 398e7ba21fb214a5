/**
 * The USB serial link between a host (the owner's tool, a test, a pseudo-terminal bridge) and the
 * box. Bytes are latin1 strings. The host's bytes reach the box's runtime as queued events (the
 * runtime decides whether its console or the firmware gets them); the box's output is emitted to
 * the host side and kept in a transcript.
 */
import { EventEmitter } from "node:events";

export interface UsbSerialEvents {
  /** Bytes the box sent to the host. */
  toHost: [chunk: string];
  /** Bytes the host sent to the box. */
  toBox: [chunk: string];
}

export class UsbSerial extends EventEmitter<UsbSerialEvents> {
  private transcript = "";
  /** Whether a host has the port open (Espruino moves its console off a disconnected USB). */
  connected = true;

  /** Host side: send bytes to the box. */
  send(chunk: string): void {
    this.emit("toBox", chunk);
  }

  /** Box side: bytes from the box to the host. */
  fromBox(chunk: string): void {
    this.transcript += chunk;
    this.emit("toHost", chunk);
  }

  /** Everything the box sent since the last `takeOutput`. */
  takeOutput(): string {
    const out = this.transcript;
    this.transcript = "";
    return out;
  }

  peekOutput(): string {
    return this.transcript;
  }
}
