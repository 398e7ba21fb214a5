/**
 * One running real Espruino interpreter and the two pipes to its bridge (device/bridge.js), all
 * synchronous: the simulator's API (advance, type, request) is synchronous, and so is every
 * exchange here.
 *
 * - The interpreter's stdout is a FIFO only it writes to: its console text (banners, "Uncaught
 *   Error", assertion failures) and the bridge's messages ("\x01" type length ":" payload) arrive
 *   in the order they were written, and the read ends with end-of-file when the process dies.
 * - `to.fifo` in the interpreter's working directory carries answers and commands; the host holds
 *   it open, so when the host dies the bridge reads end-of-file and quits.
 * - `in.fifo` is its stdin (the interpreter's own prompt), for when the console is on USB.
 *
 * Storage persists in `espruino.flash` in the same directory, as it does on the device.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { closeSync, constants, openSync, readSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { Deadline } from "./watchdog.ts";

export interface BridgeMessage {
  type: string;
  payload: string;
}

/** How long one exchange may take before the process is killed (a stuck firmware). */
export const EXCHANGE_TIMEOUT_MS = Number(process.env.ESPRUINO_REAL_TIMEOUT_MS ?? 120_000);

export class InterpreterLink {
  private readonly child: ChildProcess;
  private readonly fromFd: number;
  private readonly toFd: number;
  private readonly inFd: number;
  private readonly deadline: Deadline;
  private readonly buffer = Buffer.alloc(65536);
  private pending = "";
  private ended = false;
  private killedByWatchdog = false;

  /**
   * Starts `binary` in `dir` (which holds espruino.flash). Console text is handed to `onConsole`
   * as it is read, between messages.
   */
  constructor(
    binary: string,
    readonly dir: string,
    private readonly onConsole: (text: string) => void,
    private readonly timeoutMs = EXCHANGE_TIMEOUT_MS,
  ) {
    const to = join(dir, "to.fifo");
    const from = join(dir, "from.fifo");
    const stdin = join(dir, "in.fifo");
    for (const path of [to, from, stdin]) rmSync(path, { force: true });
    execFileSync("mkfifo", [to, from, stdin]);
    this.toFd = openSync(to, constants.O_RDWR);
    this.inFd = openSync(stdin, constants.O_RDWR);
    // The child must be the only writer of from.fifo, so that its death reads as end-of-file:
    // open a reader first (without blocking), then the writer the child inherits, then close ours.
    const probe = openSync(from, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(from, constants.O_WRONLY);
    try {
      this.child = spawn(binary, [], { cwd: dir, stdio: [this.inFd, writer, "ignore"] });
    } finally {
      closeSync(writer);
    }
    this.fromFd = openSync(from, constants.O_RDONLY);
    closeSync(probe);
    this.child.on("error", () => undefined);
    this.deadline = new Deadline(this.child.pid ?? 0);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the process has ended (its output reached end-of-file, or it was killed). */
  get dead(): boolean {
    return this.ended;
  }

  /** Whether the watchdog killed it for taking longer than its time limit. */
  get timedOut(): boolean {
    return this.killedByWatchdog;
  }

  /** The next message from the bridge, or undefined when the process has ended. */
  next(): BridgeMessage | undefined {
    for (;;) {
      const message = this.takeMessage();
      if (message) return message;
      if (this.ended) return undefined;
      this.deadline.arm(this.timeoutMs);
      let n: number;
      try {
        n = readSync(this.fromFd, this.buffer, 0, this.buffer.length, null);
      } finally {
        this.deadline.disarm();
      }
      if (n === 0) {
        this.ended = true;
        this.killedByWatchdog = this.deadline.fired;
        if (this.pending) this.onConsole(this.pending);
        this.pending = "";
        return undefined;
      }
      this.pending += this.buffer.toString("latin1", 0, n);
    }
  }

  /** Parses one message off the front of what was read; console text before it goes out first. */
  private takeMessage(): BridgeMessage | undefined {
    const start = this.pending.indexOf("\x01");
    if (start < 0) {
      // Keep nothing back: console text is complete as far as it goes.
      if (this.pending) this.onConsole(this.pending);
      this.pending = "";
      return undefined;
    }
    if (start > 0) {
      this.onConsole(this.pending.slice(0, start));
      this.pending = this.pending.slice(start);
    }
    const colon = this.pending.indexOf(":", 2);
    if (colon < 0) return undefined;
    const length = Number(this.pending.slice(2, colon));
    if (!Number.isInteger(length)) throw new Error(`garbled message from the bridge: ${JSON.stringify(this.pending.slice(0, 40))}`);
    if (this.pending.length < colon + 1 + length) return undefined;
    const message = { type: this.pending[1], payload: this.pending.slice(colon + 1, colon + 1 + length) };
    this.pending = this.pending.slice(colon + 1 + length);
    return message;
  }

  private write(text: string): void {
    if (this.ended) return;
    const bytes = Buffer.from(text, "latin1");
    let at = 0;
    while (at < bytes.length) at += writeSync(this.toFd, bytes, at);
  }

  /**
   * An answer to a request: its length in 6 characters, then the text. Numbers are padded with
   * spaces: Espruino reads "00021" as octal (17).
   */
  answer(text: string): void {
    this.write(String(text.length).padStart(6, " ") + text);
  }

  /** The one-byte answer to digitalRead. */
  answerByte(char: string): void {
    this.write(char);
  }

  /** A command to the bridge's main loop, at virtual time `nowMs` (the MCU clock, ms). */
  command(type: string, nowMs: number, payload: string): void {
    this.write(type + String(payload.length).padStart(5, " ") + nowMs.toFixed(3).padStart(20, " ") + payload);
  }

  /** Bytes for the interpreter's own prompt (its stdin). */
  typeAtPrompt(text: string): void {
    if (!this.ended) writeSync(this.inFd, Buffer.from(text, "latin1"));
  }

  /** Kills the process at once (a power cut) and releases the pipes. */
  kill(): void {
    if (!this.ended) {
      try {
        this.child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }
    this.ended = true;
    this.deadline.release();
    for (const fd of [this.fromFd, this.toFd, this.inFd]) {
      try {
        closeSync(fd);
      } catch {
        // closed before
      }
    }
  }
}
