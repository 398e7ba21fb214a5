/**
 * Helpers for the serial bridge tests: open a real serialport on a path, and wait for a given
 * number of bytes on either side. Waiting ends on the bytes, never on a clock; a hang is caught
 * by the test's timeout.
 */
import { constants, openSync, readFileSync, readdirSync, writeSync } from "node:fs";
import { ReadStream } from "node:tty";
import type { Readable } from "node:stream";
import { SerialPort } from "serialport";
import type { UsbBridge } from "../../../sim/serial/usb-bridge.ts";

export function openSerialPort(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 9600 }, (error) => (error ? reject(error) : resolve(port)));
  });
}

export function closeSerialPort(port: SerialPort): Promise<void> {
  return new Promise((resolve, reject) => port.close((error) => (error ? reject(error) : resolve())));
}

export function writeSerialPort(port: SerialPort, bytes: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(bytes, (error) => (error ? reject(error) : port.drain((drained) => (drained ? reject(drained) : resolve()))));
  });
}

/** A client that opens the path and changes no terminal modes, as `cat` or a shell redirect
 *  would; it relies on the bridge having made the pty raw. */
export function openPlainClient(path: string): { input: ReadStream; write(bytes: Buffer): void; close(): void } {
  const fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY);
  const input = new ReadStream(fd);
  return {
    input,
    write: (bytes) => {
      writeSync(fd, bytes);
    },
    // The stream owns the fd and closes it.
    close: () => input.destroy(),
  };
}

/** Resolves with the first `count` bytes the box receives from the computer. */
export function boxReceives(bridge: UsbBridge, count: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = bridge.onData((bytes) => {
      chunks.push(bytes);
      total += bytes.length;
      if (total >= count) {
        stop();
        resolve(Buffer.concat(chunks));
      }
    });
  });
}

/** Resolves with the first `count` bytes the computer reads from a stream (a SerialPort or a
 *  stream bridge's connection). */
export function computerReceives(stream: Readable, count: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (bytes: Buffer): void => {
      chunks.push(bytes);
      total += bytes.length;
      if (total >= count) {
        stream.off("data", onData);
        resolve(Buffer.concat(chunks));
      }
    };
    stream.on("data", onData);
  });
}

/** Every byte value once, 0x00 to 0xff. */
export function allByteValues(): Buffer {
  const bytes = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) bytes[i] = i;
  return bytes;
}

/** Process ids of running relays whose command line mentions `marker` (a unique link path). */
export function relayPids(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${entry}/cmdline`, "latin1");
    } catch {
      continue; // the process ended while we looked
    }
    const args = commandLine.split("\0");
    if (args.some((arg) => arg.endsWith("pty_relay.py")) && args.includes(marker)) pids.push(Number(entry));
  }
  return pids;
}
