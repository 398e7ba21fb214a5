/** Everything the CLI touches outside itself, handed in so tests can replace each part. */
import { randomBytes } from "node:crypto";
import type { Output } from "./output.ts";
import { listPorts, type PortEntry } from "./ports.ts";
import { openSerialPort, type OpenPort } from "./transport.ts";

export interface CliContext {
  env: NodeJS.ProcessEnv;
  output: Output;
  openPort: OpenPort;
  listPorts: () => Promise<PortEntry[]>;
  now: () => Date;
  randomBytes: (count: number) => Buffer;
  /** How long to wait for each answer from the box. */
  timeoutMs: number;
}

export function processContext(): CliContext {
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb";
  return {
    env: process.env,
    output: { out: process.stdout, err: process.stderr, colour },
    openPort: openSerialPort,
    listPorts,
    now: () => new Date(),
    randomBytes,
    timeoutMs: 5000,
  };
}
