/**
 * How the owner's tool reaches a box: any byte stream in both directions. A real box (or the
 * simulator's pseudo-terminal) is a `serialport` SerialPort; tests hand in an in-process Duplex.
 * Both are Node Duplex streams, so the CLI takes a function that opens one for a port path.
 */
import type { Duplex } from "node:stream";

/** Opens the stream for a port path; the CLI's one dependency on hardware. */
export type OpenPort = (path: string) => Promise<Duplex>;

/** PB2 boxes talk at 115200 baud (a USB CDC port ignores the rate; UART bridges need it). */
export const BAUD_RATE = 115200;

export const openSerialPort: OpenPort = async (path) => {
  const { SerialPort } = await import("serialport");
  return await new Promise<Duplex>((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: BAUD_RATE, autoOpen: false });
    port.open((error) => (error ? reject(error) : resolve(port)));
  });
};

/** A SerialPort's own close, which releases the port's lock. */
interface ClosablePort {
  isOpen?: boolean;
  close?: (done: (error: Error | null) => void) => void;
}

/**
 * Ends a stream and waits until it has closed (a SerialPort releases its lock only then). A
 * SerialPort is closed first with its own close(): after a long session (`flash --runtime
 * nodemcu`), destroying the stream alone left the port open and locked, so the next open failed
 * with "Cannot lock port".
 */
export async function closeStream(stream: Duplex): Promise<void> {
  const port = stream as unknown as ClosablePort;
  if (port.isOpen === true && typeof port.close === "function") {
    await new Promise<void>((resolve) => port.close?.(() => resolve()));
  }
  if (stream.destroyed) return;
  await new Promise<void>((resolve) => {
    stream.once("close", () => resolve());
    stream.end();
    stream.destroy();
  });
}
