/**
 * A `LuaVm` (../lua-vm.ts) that is NodeMCU's own Lua in a child process: `luac.cross -e` (the
 * ESP8266 tool: 32-bit integers and 32-bit floats, as on the device) or the LFS-running tool
 * under qemu-i386 (the same Lua with the code in an LFS image, for heap figures).
 *
 * The bridge is synchronous, like the VMs in this process: the simulator's API is (`advance`,
 * `type`, `request` return when the work is done). The child runs ./bridge.lua, which reads
 * requests from one FIFO and writes answers to another; this side blocks on `fs.readSync` until
 * the answer comes. While Lua runs it may call a registered host function: it sends the call and
 * blocks in turn until this side has run the function and sent the result back, so the NodeMCU
 * modules' `__host_*` functions (../*.ts) work unchanged. See bridge.lua for the frames.
 *
 * The child ends when `close()` is called or when this process goes away (its FIFO reaches end
 * of file); the FIFOs' names are removed as soon as both ends are open. A child that dies on its
 * own is an error at the next request, with what it wrote to stderr.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LuaArg, LuaVm, LuaVmKind } from "../lua-vm.ts";

const BRIDGE = join(import.meta.dirname, "bridge.lua");
/** How long a new process may take to open its FIFOs (qemu on a busy machine is slow to start). */
const START_TIMEOUT_MS = 30_000;

/** Heap probe of the bridge (bridge.lua, frame M). */
export type HeapMode = "off" | "live" | "bound" | "egc";

export interface HeapFigures {
  /** Heap now, after a full collection, KB. */
  liveKb: number;
  /** "live" mode: the most heap after a full collection at any bridge crossing since the mode was set, KB. */
  peakLiveKb: number;
  /**
   * "bound" mode: the most of (live at an event's start + all it allocated), KB: an upper bound of
   * the peak, leaving out what the bridge's stubs allocated (frames: a device's C modules make none).
   */
  peakBoundKb: number;
  /** The same with the stubs' allocations in. */
  peakBoundRawKb: number;
  /**
   * "egc" mode: the most live data at any allocation inside an event (a full collection at every
   * allocation check of the VM, as NodeMCU's collector does when the heap is short; bridge.lua),
   * and at every crossing, KB: the least heap the session runs in.
   */
  peakEgcKb: number;
  /** Live heap just before the firmware's LFS module started (the bridge and the stand-ins), KB; 0 before. */
  baselineKb: number;
}

/** One request the host made of Lua (running a callback, a chunk) and the CPU it took in Lua. */
export interface LuaEvent {
  /** CPU time of the Lua process for the whole event, µs (os.clock). */
  cpuUs: number;
  /** Of which in host-function stubs (framing, not the firmware's work), µs. */
  stubUs: number;
  /** Host functions Lua called in the event (each a crossing of the bridge). */
  hostCalls: number;
}

export interface ProcessVmOptions {
  kind: LuaVmKind;
  command: string;
  args: string[];
  /** Sources that are in the process's LFS image, by SHA-1 of their text, with the module name. */
  lfsModules?: ReadonlyMap<string, string>;
}

type HostFunction = (...args: string[]) => string | number | boolean | undefined;

interface Frame {
  kind: string;
  payload: Buffer;
  cpuUs: number;
  stubUs: number;
  hostCalls: number;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

export function sourceKey(source: string): string {
  return createHash("sha1").update(source, "utf8").digest("hex");
}

/** One value as bridge.lua reads it: tag, byte length, ":", text. */
function encodeValue(value: LuaArg | boolean | undefined): string {
  if (value === undefined) return "n0:";
  if (typeof value === "boolean") return value ? "b1:1" : "b1:0";
  const text = String(value);
  const tag = typeof value === "string" ? "s" : Number.isInteger(value) ? "i" : "f";
  return `${tag}${Buffer.byteLength(text, "utf8")}:${text}`;
}

/** The texts of a frame's values (host-function arguments arrive as text). */
function decodeTexts(payload: Buffer): string[] {
  const values: string[] = [];
  let at = 0;
  while (at < payload.length) {
    const colon = payload.indexOf(58, at + 1);
    const length = Number(payload.toString("latin1", at + 1, colon));
    values.push(payload.toString("utf8", colon + 1, colon + 1 + length));
    at = colon + 1 + length;
  }
  return values;
}

export class ProcessLuaVm implements LuaVm {
  readonly integerBits = 32;
  private readonly child: ChildProcess;
  /** Where the FIFOs were made (removed once connected). */
  readonly dir: string;
  private writeFd = -1;
  private readFd = -1;
  private readonly stderrFd: number;
  private inbox = Buffer.alloc(1 << 16);
  private inboxStart = 0;
  private inboxEnd = 0;
  private readonly functions = new Map<string, HostFunction>();
  private closed = false;
  private depth = 0;
  /** Called after every request the host made at the outermost level, with its CPU figures. */
  onEvent: ((event: LuaEvent) => void) | undefined;

  constructor(private readonly options: ProcessVmOptions) {
    this.dir = mkdtempSync(join(tmpdir(), "parcelbox-lua-"));
    const toLua = join(this.dir, "to-lua");
    const fromLua = join(this.dir, "from-lua");
    execFileSync("mkfifo", [toLua, fromLua]);
    const stderr = openSync(join(this.dir, "stderr"), "w");
    this.stderrFd = openSync(join(this.dir, "stderr"), "r");
    this.child = spawn(options.command, [...options.args, "-e", BRIDGE], {
      stdio: ["ignore", "ignore", stderr],
      env: { ...process.env, PARCELBOX_LUA_IN: toLua, PARCELBOX_LUA_OUT: fromLua },
    });
    closeSync(stderr);
    this.child.on("error", () => undefined);
    this.child.unref();
    try {
      this.connect(toLua, fromLua);
      const ready = this.readFrame();
      if (ready.payload.toString() !== "ready") throw new Error(`unexpected greeting ${ready.payload.toString()}`);
    } catch (error) {
      this.close();
      throw error;
    } finally {
      // Both ends are open (or it failed): the names are no longer needed, so nothing is left
      // behind even by a VM that is never closed.
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  get kind(): LuaVmKind {
    return this.options.kind;
  }

  /**
   * Opens both FIFOs without ever blocking on a process that died: each end is first opened
   * non-blocking to see the other side arrive, then opened again blocking for the real traffic.
   */
  private connect(toLua: string, fromLua: string): void {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error(`cannot start ${this.options.command}`);
    const deadline = Date.now() + START_TIMEOUT_MS;
    const wait = (what: string): void => {
      if (!alive(pid)) throw new Error(`${this.options.command} ended before ${what}${this.stderr()}`);
      if (Date.now() > deadline) throw new Error(`${this.options.command} did not ${what} within ${START_TIMEOUT_MS} ms`);
      sleepMs(1);
    };
    let probe = -1;
    while (probe < 0) {
      try {
        probe = openSync(toLua, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch (error) {
        if (errorCode(error) !== "ENXIO") throw error;
        wait("opening its input");
      }
    }
    this.writeFd = openSync(toLua, constants.O_WRONLY);
    closeSync(probe);
    probe = openSync(fromLua, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      for (;;) {
        let n = 0;
        try {
          n = readSync(probe, this.inbox, this.inboxEnd, this.inbox.length - this.inboxEnd, null);
        } catch (error) {
          if (errorCode(error) !== "EAGAIN") throw error;
          n = -1; // a writer is there, nothing written yet
        }
        if (n > 0) this.inboxEnd += n;
        if (n !== 0) break;
        wait("opening its output");
      }
      this.readFd = openSync(fromLua, constants.O_RDONLY);
    } finally {
      closeSync(probe);
    }
  }

  /** What the process wrote to stderr so far (for errors), from the file it writes to. */
  private stderr(): string {
    try {
      const buffer = Buffer.alloc(4096);
      const n = readSync(this.stderrFd, buffer, 0, buffer.length, 0);
      const text = buffer.toString("utf8", 0, n).trim();
      return text ? `: ${text}` : "";
    } catch {
      return "";
    }
  }

  private write(kind: string, payload: string): void {
    if (this.closed) throw new Error("NodeMCU's Lua: the VM is closed");
    const body = Buffer.from(payload, "utf8");
    const frame = Buffer.concat([Buffer.from(`${kind} ${body.length}\n`, "latin1"), body]);
    for (let at = 0; at < frame.length; ) at += writeSync(this.writeFd, frame, at, frame.length - at);
  }

  /** Reads until the inbox holds `bytes` bytes after its start. */
  private fill(bytes: number): void {
    if (this.inboxStart + bytes > this.inbox.length) {
      const grown = Buffer.alloc(Math.max(this.inbox.length, bytes * 2));
      this.inbox.copy(grown, 0, this.inboxStart, this.inboxEnd);
      this.inbox = grown;
      this.inboxEnd -= this.inboxStart;
      this.inboxStart = 0;
    }
    while (this.inboxEnd - this.inboxStart < bytes) {
      if (this.closed) throw new Error("NodeMCU's Lua: the VM is closed");
      const n = readSync(this.readFd, this.inbox, this.inboxEnd, this.inbox.length - this.inboxEnd, null);
      if (n === 0) throw new Error(`NodeMCU's Lua ended${this.stderr()}`);
      this.inboxEnd += n;
    }
  }

  private readFrame(): Frame {
    let newline = this.inbox.indexOf(10, this.inboxStart);
    while (newline < 0 || newline >= this.inboxEnd) {
      this.fill(this.inboxEnd - this.inboxStart + 1);
      newline = this.inbox.indexOf(10, this.inboxStart);
    }
    const [kind, bytes, cpu, stub, calls] = this.inbox.toString("latin1", this.inboxStart, newline).split(" ");
    const length = Number(bytes);
    this.inboxStart = newline + 1;
    this.fill(length);
    const payload = Buffer.from(this.inbox.subarray(this.inboxStart, this.inboxStart + length));
    this.inboxStart += length;
    if (this.inboxStart === this.inboxEnd) this.inboxStart = this.inboxEnd = 0;
    return { kind, payload, cpuUs: Number(cpu ?? 0), stubUs: Number(stub ?? 0), hostCalls: Number(calls ?? 0) };
  }

  /** Sends a request and serves Lua's host calls until its answer comes; returns the answer text. */
  private request(kind: string, payload: string, isEvent = true): string {
    this.write(kind, payload);
    this.depth++;
    try {
      for (;;) {
        const frame = this.readFrame();
        if (frame.kind === "H") {
          this.serveHostCall(frame.payload);
          continue;
        }
        if (this.depth === 1 && isEvent) this.onEvent?.({ cpuUs: frame.cpuUs, stubUs: frame.stubUs, hostCalls: frame.hostCalls });
        const text = frame.payload.toString("utf8");
        if (frame.kind === "D") return text;
        if (frame.kind === "E") throw new Error(text);
        throw new Error(`NodeMCU's Lua: unexpected frame ${frame.kind}`);
      }
    } finally {
      this.depth--;
    }
  }

  private serveHostCall(payload: Buffer): void {
    const [name, ...args] = decodeTexts(payload);
    const fn = this.functions.get(name);
    let reply: string;
    let kind = "V";
    try {
      if (fn === undefined) throw new Error(`no host function ${name}`);
      reply = encodeValue(fn(...args));
      if (reply === "n0:") reply = "";
    } catch (error) {
      kind = "X";
      reply = error instanceof Error ? error.message : String(error);
    }
    // The VM may have been closed by the host function (a power cut that also ended the boot).
    if (!this.closed) this.write(kind, reply);
  }

  run(code: string, chunkName = "chunk"): string {
    const module = this.options.lfsModules?.get(sourceKey(code));
    if (module !== undefined) return this.request("L", `${chunkName}\n${module}`);
    return this.request("R", `${chunkName}\n${code}`);
  }

  call(name: string, ...args: LuaArg[]): string {
    return this.request("C", [name, ...args].map(encodeValue).join(""));
  }

  register(name: string, fn: HostFunction): void {
    this.functions.set(name, fn);
    this.write("G", name);
  }

  /** Sets the bridge's heap probe (bridge.lua, frame M); resets its peaks. */
  setHeapMode(mode: HeapMode): void {
    this.write("M", mode);
  }

  heapFigures(): HeapFigures {
    const [liveKb, peakLiveKb, peakBoundKb, baselineKb, peakBoundRawKb, peakEgcKb] = this.request("S", "", false).split(" ").map(Number);
    return { liveKb, peakLiveKb, peakBoundKb, peakBoundRawKb, baselineKb, peakEgcKb };
  }

  close(): void {
    if (this.closed) return;
    try {
      if (this.writeFd >= 0) this.write("Q", "");
    } catch {
      // The process is gone already.
    }
    this.closed = true;
    for (const fd of [this.writeFd, this.readFd, this.stderrFd]) if (fd >= 0) closeSync(fd);
    if (this.child.exitCode === null) this.child.kill();
  }
}
