/** Runs the CLI in-process against a fake box on an in-process port: no serial hardware. */
import "../../tools/lib/intrinsics-global.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Duplex } from "node:stream";
import type { CliContext } from "../../tools/cli/context.ts";
import { runCli } from "../../tools/cli/main.ts";
import type { PortEntry } from "../../tools/cli/ports.ts";
import { fakeBox, fakeServer, type FakeBox } from "../core/usb/fake-box.ts";
import { textSink } from "../fakes/text-sink.ts";

export const BOX_PORT: PortEntry = { path: "/dev/ttyACM0", vendorId: "0483", productId: "5740", manufacturer: "STMicroelectronics", serialNumber: "1", boxHint: "Espruino board" };
export const NOW = new Date("2026-11-28T09:00:00Z");

/**
 * The computer's end of a port whose other end is the USB server on `box` (silent: never answers).
 * `leftover`: bytes the box already holds, a half line from an earlier session.
 */
export function portTo(box: FakeBox, silent = false, leftover = ""): Duplex {
  let uptime = 0;
  const computer = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, done) {
      uptime += 10;
      if (!silent) server.receive(chunk.toString("latin1"));
      done();
    },
  });
  const server = fakeServer(box, {
    randomBytes: (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(Math.random() * 256))).toString("latin1"),
    uptimeMs: () => uptime,
    // Answer asynchronously, as a real port does.
    write: (text) => void setImmediate(() => computer.push(Buffer.from(text, "latin1"))),
  });
  if (leftover !== "") server.receive(leftover);
  return computer;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Bench {
  box: FakeBox;
  configHome: string;
  ports: PortEntry[];
  silent: boolean;
  /** Bytes the box holds before the session opens (see portTo). */
  leftover: string;
  timeoutMs: number;
  opened: string[];
  /** How many times the CLI asked for random bytes: each call gets different ones. */
  randomCalls: number;
  run(...argv: string[]): Promise<Run>;
}

export function bench(): Bench {
  const b: Bench = {
    box: fakeBox(),
    configHome: mkdtempSync(join(tmpdir(), "parcelbox-cli-")),
    ports: [BOX_PORT],
    silent: false,
    leftover: "",
    timeoutMs: 2000,
    opened: [],
    randomCalls: 0,
    async run(...argv: string[]) {
      const out = textSink();
      const err = textSink();
      const ctx: CliContext = {
        env: { XDG_CONFIG_HOME: b.configHome, HOME: b.configHome },
        output: { out: out.stream, err: err.stream, colour: false },
        openPort: async (path) => {
          b.opened.push(path);
          return portTo(b.box, b.silent, b.leftover);
        },
        listPorts: async () => b.ports,
        now: () => NOW,
        randomBytes: (n) => {
          const call = b.randomCalls++;
          return Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + 11 + call * 101) & 255));
        },
        timeoutMs: b.timeoutMs,
      };
      const code = await runCli(argv, ctx);
      return { code, stdout: out.text(), stderr: err.text() };
    },
  };
  return b;
}
