/**
 * A simulated box on a real pseudo-terminal, with the owner's real CLI talking to it: what
 * `make demo` narrates and what the end-to-end tests (test/e2e) drive. Virtual time runs at
 * wall-clock pace while the CLI talks (SimBox.runRealTime), and the CLI runs as its own process
 * (`node tools/bin/parcelbox.mjs ... --port <pty>`) with a temporary config dir, so the user's
 * real profiles are never touched.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SimBox, type SimRuntimeName } from "../../sim/box.ts";
import type { UsbBridge } from "../../sim/serial/usb-bridge.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(ROOT, "tools/bin/parcelbox.mjs");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface BoxSession {
  box: SimBox;
  usb: UsbBridge;
  /** The pseudo-terminal the CLI opens, e.g. /dev/pts/7. */
  port: string;
  /** XDG_CONFIG_HOME of the CLI runs: profiles live under it. */
  configHome: string;
  /** Every byte the box has sent over USB so far (latin1). */
  fromBox(): string;
  /** Every byte the computer has sent to the box so far (latin1). */
  toBox(): string;
  /** Runs the real CLI with `--port <pty>` appended. */
  cli(...args: string[]): Promise<CliRun>;
  /** Stops the real-time pump (for in-process requests, which move time themselves). */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export interface SessionOptions {
  runtime: SimRuntimeName;
  /** The box's clock at start, Unix seconds (default: now, so the CLI and the box agree). */
  unixTime?: number;
  seed?: number;
}

export async function startSession(options: SessionOptions): Promise<BoxSession> {
  const box = await SimBox.start({ runtime: options.runtime, unixTime: options.unixTime ?? Math.floor(Date.now() / 1000), seed: options.seed });
  const usb = await box.attachPty();
  const configHome = mkdtempSync(join(tmpdir(), "parcelbox-session-"));
  let fromBox = "";
  let toBox = "";
  box.board.usb.on("toHost", (chunk: string) => (fromBox += chunk));
  usb.onData((bytes) => (toBox += bytes.toString("latin1")));
  let stop: (() => void) | undefined = box.runRealTime();
  const port = usb.path;
  if (port === undefined) throw new Error("the pseudo-terminal has no path");
  return {
    box,
    usb,
    port,
    configHome,
    fromBox: () => fromBox,
    toBox: () => toBox,
    cli: (...args) =>
      new Promise((done) => {
        const env = { ...process.env, XDG_CONFIG_HOME: configHome, HOME: configHome, NO_COLOR: "1", PARCELBOX_PORT: "" };
        execFile(process.execPath, [CLI, ...args, "--port", port], { env, cwd: ROOT }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
          done({ code, stdout, stderr });
        });
      }),
    pause: () => {
      stop?.();
      stop = undefined;
    },
    resume: () => {
      stop ??= box.runRealTime();
    },
    close: async () => {
      stop?.();
      stop = undefined;
      await usb.close();
      box.close();
      rmSync(configHome, { recursive: true, force: true });
    },
  };
}
