/** The computer's end of the box's pty opened directly with `serialport`, for raw bytes. */
import type { Duplex } from "node:stream";
import { SerialPort } from "serialport";
import { BAUD_RATE, closeStream } from "../../tools/cli/transport.ts";

export interface RawPort {
  /** Writes bytes and waits until the box's answer text satisfies `done` (or `waitMs` passes). */
  send(bytes: Buffer | string, done?: (answer: string) => boolean, waitMs?: number): Promise<string>;
  close(): Promise<void>;
}

export async function openRawPort(path: string): Promise<RawPort> {
  // lock: false, as the test's port may still hold the lock of one it just closed.
  const port: Duplex = await new Promise((resolve, reject) => {
    const opened = new SerialPort({ path, baudRate: BAUD_RATE, lock: false, autoOpen: false });
    opened.open((error) => (error ? reject(error) : resolve(opened)));
  });
  let answer = "";
  port.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
  return {
    send: async (bytes, done = () => false, waitMs = 3000) => {
      answer = "";
      port.write(typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes);
      const until = Date.now() + waitMs;
      while (!done(answer) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      return answer;
    },
    close: () => closeStream(port),
  };
}
