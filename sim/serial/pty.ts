/**
 * The simulated box's USB port as a real pseudo-terminal, so the `serialport` package, screen,
 * picocom, tio or the Espruino tools open it exactly like /dev/ttyACM0:
 *
 *   const usb = await openPtyBridge({ link: "/tmp/parcelbox-usb" });
 *   console.log(usb.path);               // /dev/pts/7 (and /tmp/parcelbox-usb points to it)
 *   usb.onData((bytes) => box.receive(bytes));
 *   usb.write("OK\r\n");
 *   await usb.close();                   // relay gone, symlink removed
 *
 * Node cannot open a pty pair, so this runs sim/serial/pty_relay.py with the machine's python3
 * (standard library only, no root). The relay prints the slave path as one JSON line, then copies
 * bytes between the pty and its stdin/stdout; see the script for the details.
 *
 * Known difference from a real USB port: bytes the box writes while no client has the port open
 * are not dropped but wait in the pty (the kernel keeps a few KB) and in the relay's queue (up to
 * 1 MB, oldest dropped first). `serialport` flushes the port when it opens it, as it does for a
 * real device, so it starts clean; a client that does not flush (`cat`) reads them.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BridgeListeners } from "./listeners.ts";
import { usbBytes, type UsbBridge } from "./usb-bridge.ts";

export interface PtyBridgeOptions {
  /** Also make a symlink at this path pointing to the pty, e.g. /tmp/parcelbox-usb. The link
   *  belongs to this bridge's relay until it exits (a lock on PATH.lock): opening a second bridge
   *  with a link still in use fails, naming the other simulator's pid, and leaves it alone. A
   *  symlink left by a relay that was killed is replaced; any other file there makes the open fail. */
  link?: string;
  /** The Python 3 interpreter to run the relay with; default `$PARCELBOX_PYTHON`, else `python3`. */
  python?: string;
}

const RELAY_SCRIPT = fileURLToPath(new URL("./pty_relay.py", import.meta.url));
/** After stdin closes the relay exits at once; these only matter if it hangs. */
const TERM_AFTER_MS = 2000;
const KILL_AFTER_MS = 4000;
/** Enough of the relay's stderr to explain a failure. */
const STDERR_KEPT = 4000;

interface RelayHeader {
  path: string;
  link: string | null;
}

/** Starts the relay and resolves once the pty exists (its path is known). */
export function openPtyBridge(options: PtyBridgeOptions = {}): Promise<UsbBridge> {
  const python = options.python ?? process.env.PARCELBOX_PYTHON ?? "python3";
  const args = ["-u", RELAY_SCRIPT];
  if (options.link !== undefined) args.push("--link", options.link);
  const relay = spawn(python, args, { stdio: ["pipe", "pipe", "pipe"] });

  return new Promise((resolve, reject) => {
    let stderr = "";
    let header = Buffer.alloc(0);
    let bridge: PtyBridge | undefined;

    relay.stderr.setEncoding("utf8");
    relay.stderr.on("data", (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEPT);
    });
    relay.on("error", (error: NodeJS.ErrnoException) => {
      if (bridge) return bridge.relayFailed(error);
      reject(
        error.code === "ENOENT"
          ? new Error(`The USB serial bridge needs Python 3 to make a pseudo-terminal, and "${python}" was not found. Install python3 or set PARCELBOX_PYTHON to its path.`)
          : new Error(`Could not start the USB serial bridge with "${python}": ${error.message}`),
      );
    });
    relay.stdout.on("data", (chunk: Buffer) => {
      if (bridge) return bridge.received(chunk);
      header = Buffer.concat([header, chunk]);
      const end = header.indexOf(0x0a);
      if (end < 0) return;
      let parsed: RelayHeader;
      try {
        parsed = JSON.parse(header.subarray(0, end).toString("utf8")) as RelayHeader;
      } catch {
        relay.kill("SIGTERM");
        return reject(new Error(`The USB serial bridge relay printed something other than its path: ${header.subarray(0, end).toString("utf8")}`));
      }
      bridge = new PtyBridge(relay, parsed.path, parsed.link ?? undefined, () => stderr);
      resolve(bridge);
      if (end + 1 < header.length) bridge.received(header.subarray(end + 1));
    });
    relay.on("exit", (code, signal) => {
      if (bridge) return bridge.relayExited(code, signal);
      // The relay's own refusals (a link in use, a file in the way) are meant for the user as they are.
      const refusal = /^pty_relay: (.*)$/m.exec(stderr);
      reject(new Error(refusal ? refusal[1] : `The USB serial bridge relay stopped (${code ?? signal}) before opening a pseudo-terminal: ${stderr.trim() || "no message"}`));
    });
  });
}

class PtyBridge implements UsbBridge {
  private readonly listeners = new BridgeListeners();
  private exited = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly relay: ChildProcessWithoutNullStreams,
    readonly path: string,
    readonly link: string | undefined,
    private readonly relayStderr: () => string,
  ) {
    // A broken pipe shows up here when the relay dies; the exit handler reports it.
    relay.stdin.on("error", (error) => this.relayFailed(error));
  }

  write(bytes: Buffer | string): void {
    if (this.closing) throw new Error("USB bridge is closed");
    if (this.listeners.failed) throw this.listeners.failed;
    this.relay.stdin.write(usbBytes(bytes));
  }

  onData(listener: (bytes: Buffer) => void): () => void {
    return this.listeners.onData(listener);
  }

  onError(listener: (error: Error) => void): () => void {
    return this.listeners.onError(listener);
  }

  close(): Promise<void> {
    this.closing ??= new Promise((resolve) => {
      if (this.exited) return resolve();
      const term = setTimeout(() => this.relay.kill("SIGTERM"), TERM_AFTER_MS);
      const kill = setTimeout(() => this.relay.kill("SIGKILL"), KILL_AFTER_MS);
      this.relay.once("exit", () => {
        clearTimeout(term);
        clearTimeout(kill);
        resolve();
      });
      // End of stdin is the relay's signal to remove its symlink and leave.
      this.relay.stdin.end();
    });
    return this.closing;
  }

  /** Bytes the computer sent; called by openPtyBridge. */
  received(bytes: Buffer): void {
    if (!this.closing) this.listeners.deliver(bytes);
  }

  relayFailed(error: Error): void {
    if (!this.closing) this.listeners.fail(new Error(`USB serial bridge failed: ${error.message}`));
  }

  relayExited(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    if (this.closing) return;
    const why = this.relayStderr().trim();
    this.listeners.fail(new Error(`USB serial bridge relay stopped unexpectedly (${code ?? signal})${why ? `: ${why}` : ""}`));
  }
}
