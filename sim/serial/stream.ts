/**
 * The simulated box's USB port as in-process streams, for tests that need no real terminal:
 * same box-side shape as the pseudo-terminal (`UsbBridge`), no python3, no file descriptors.
 *
 *   const usb = openStreamBridge();
 *   usb.onData((bytes) => box.receive(bytes));
 *   const computer = usb.connect();      // a Duplex, like `new SerialPort({ path })`
 *   computer.write("status\n");
 *   computer.on("data", (bytes) => ...);
 *   computer.end();                      // the computer closes the port; connect() again later
 *
 * It behaves like the pty in the ways tests can see: one computer at a time has the port open
 * (a second `connect()` throws, as serialport's lock gives EBUSY), and bytes the box writes
 * while nobody is connected wait for the next connection.
 */
import { Duplex } from "node:stream";
import { BridgeListeners } from "./listeners.ts";
import { usbBytes, type UsbBridge } from "./usb-bridge.ts";

export interface StreamBridge extends UsbBridge {
  /** Opens the computer's end of the port: what the box writes comes out of it, what is
   *  written to it reaches the box. Ending or destroying it closes the port again. */
  connect(): Duplex;
}

export function openStreamBridge(): StreamBridge {
  const listeners = new BridgeListeners();
  let computer: Duplex | undefined;
  let waiting: Buffer[] = [];
  let closed = false;

  function disconnect(stream: Duplex): void {
    if (computer === stream) computer = undefined;
  }

  return {
    path: undefined,
    link: undefined,

    write(bytes: Buffer | string): void {
      if (closed) throw new Error("USB bridge is closed");
      // A copy: the caller may reuse its buffer, and the pty path copies too.
      const copy = Buffer.from(usbBytes(bytes));
      if (computer) computer.push(copy);
      else waiting.push(copy);
    },

    onData: (listener) => listeners.onData(listener),
    onError: (listener) => listeners.onError(listener),

    connect(): Duplex {
      if (closed) throw new Error("USB bridge is closed");
      if (computer) throw new Error("USB port is already open by another client");
      const stream: Duplex = new Duplex({
        allowHalfOpen: false,
        read() {
          // Data is pushed as the box writes it; nothing to pull.
        },
        write(chunk: Buffer, _encoding, done) {
          // Delivered after the current call returns, as bytes through a real port would be.
          const bytes = Buffer.from(chunk);
          queueMicrotask(() => {
            if (!closed) listeners.deliver(bytes);
          });
          done();
        },
        final(done) {
          disconnect(stream);
          stream.push(null);
          done();
        },
        destroy(error, done) {
          disconnect(stream);
          done(error);
        },
      });
      computer = stream;
      for (const bytes of waiting) stream.push(bytes);
      waiting = [];
      return stream;
    },

    close(): Promise<void> {
      if (!closed) {
        closed = true;
        waiting = [];
        // The box is gone: the computer's end sees end-of-stream, as after a USB unplug.
        computer?.push(null);
        computer = undefined;
      }
      return Promise.resolve();
    },
  };
}
