/**
 * One boot of NodeMCU on a virtual board: a fresh Lua VM, its task queue on the board's scheduler
 * (tasks owned by this boot, so a power cut drops them), and the guard every module function goes
 * through. When the board loses power or resets, the boot is dead: its tasks are gone and any
 * module call its Lua code still makes raises a Lua error, so nothing touches the world after the
 * lights went out.
 */
import { readFileSync } from "node:fs";
import { nodeMcuPinIndex, profilePins } from "../../firmware/boards/profiles.ts";
import type { VirtualBoard } from "../state/board.ts";
import { PowerCut } from "../state/flash.ts";
import type { LuaArg, LuaVm } from "./lua-vm.ts";
import type { ChipSleep } from "./sleep.ts";

/** An error raised by Lua code: at boot (running the firmware file) or inside a callback. */
export interface LuaFailure {
  atMs: number;
  boot: number;
  /** "boot", or what ran the callback: "gpio", "tmr", "console"... */
  source: string;
  message: string;
}

type HostFunction = (...args: string[]) => string | number | boolean | undefined;

const sources = new Map<string, string>();

/** The Lua half of a module (sim/nodemcu/modules), read once per process. */
export function luaModuleSource(name: string): string {
  let source = sources.get(name);
  if (source === undefined) {
    source = readFileSync(new URL(`./modules/${name}.lua`, import.meta.url), "utf8");
    sources.set(name, source);
  }
  return source;
}

export class NodeMcuBoot {
  readonly boot: number;
  readonly owner: string;
  /** NodeMCU gpio number to the board's pin name ("GPIO13" on the ESP32 profile). */
  private readonly pinNames = new Map<number, string>();
  /** Cleanup to run when the boot ends (listeners on the board's parts). */
  private readonly cleanups: (() => void)[] = [];
  /** What is running a callback right now, for error reports. */
  private source = "boot";
  watchdogKicks = 0;
  /** ESP32's light sleep (./sleep.ts); undefined on ESP8266, whose firmware has no node.sleep. */
  sleep: ChipSleep | undefined;
  /** In light sleep: the boot's tasks that come due wait (in order) for the wake-up. */
  sleeping = false;
  private readonly deferred: (() => void)[] = [];
  /** The USB port's receiving side (./usb-input.ts), once the console or uart module set it up. */
  usbInput: { interpreter: boolean } | undefined;

  constructor(
    readonly board: VirtualBoard,
    readonly vm: LuaVm,
    private readonly failures: LuaFailure[],
    private readonly onFailure: (failure: LuaFailure) => void,
  ) {
    this.boot = board.bootCount;
    this.owner = board.runtimeOwner;
    for (const name of profilePins(board.profile)) {
      const index = nodeMcuPinIndex(name);
      if (index >= 0) this.pinNames.set(index, name);
    }
    this.register("__host_callback_error", (message) => {
      this.fail(message);
      return undefined;
    });
  }

  get alive(): boolean {
    return this.board.powered && this.board.bootCount === this.boot;
  }

  /** Every module function calls this first. */
  check(): void {
    if (!this.alive) throw new PowerCut();
  }

  /** Registers a module's host function, guarded: a dead boot's Lua code gets an error. */
  register(name: string, fn: HostFunction): void {
    this.vm.register(name, (...args) => {
      this.check();
      return fn(...args);
    });
  }

  /** The board's pin behind a NodeMCU gpio number; unknown numbers are a Lua error. */
  pin(gpio: string | number): string {
    const name = this.pinNames.get(Number(gpio));
    if (name === undefined) throw new Error(`gpio ${gpio} is not wired on ${this.board.profile.name}`);
    return name;
  }

  gpioOf(pin: string): number | undefined {
    for (const [gpio, name] of this.pinNames) if (name === pin) return gpio;
    return undefined;
  }

  /** Whether lines arriving on USB go to the Lua prompt now. */
  interpreterListening(): boolean {
    return this.usbInput?.interpreter ?? false;
  }

  onEnd(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  end(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  fail(message: string): void {
    if (!this.alive) return;
    const failure = { atMs: this.board.scheduler.nowMs, boot: this.boot, source: this.source, message };
    this.failures.push(failure);
    this.onFailure(failure);
  }

  /** Runs Lua from the task queue (a callback, the firmware file); errors are recorded. */
  private enter(source: string, run: () => void): void {
    if (!this.alive) return;
    this.source = source;
    try {
      run();
    } catch (error) {
      if (!(error instanceof PowerCut)) this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  runChunk(code: string, chunkName: string): void {
    this.enter("boot", () => this.vm.run(code, chunkName));
  }

  /** Queues callback `id` of the Lua registry to run `ms` from now; returns the scheduler task. */
  queue(ms: number, source: string, id: number, ...args: LuaArg[]): number {
    return this.queueTask(ms, () => this.runNow(source, id, ...args));
  }

  /** Queues host work on the task queue (it may then run Lua); held back while the chip sleeps. */
  queueTask(ms: number, run: () => void): number {
    return this.board.scheduler.after(
      ms,
      () => {
        if (!this.alive) return;
        if (this.sleeping) this.deferred.push(run);
        else run();
      },
      this.owner,
    );
  }

  /** The chip woke: node.sleep returns `reason` in the sleeping callback, then held-back tasks run. */
  wake(reason: number): void {
    this.sleeping = false;
    this.enter("wake", () => this.vm.call("__nodemcu_wake", reason));
    while (!this.sleeping && this.alive && this.deferred.length > 0) this.deferred.shift()?.();
  }

  runNow(source: string, id: number, ...args: LuaArg[]): void {
    this.enter(source, () => this.vm.call("__nodemcu_run", id, ...args));
  }

  /** Runs a callback registered for one shot: Lua forgets it before it runs. */
  runOnce(source: string, id: number): void {
    this.enter(source, () => this.vm.call("__nodemcu_run_once", id));
  }

  runBytes(source: string, id: number, bytes: string): void {
    this.enter(source, () => this.vm.call("__nodemcu_run_bytes", id, Buffer.from(bytes, "latin1").toString("hex")));
  }

  interpret(source: string, line: string): void {
    this.enter(source, () => this.vm.call("__nodemcu_interpret", Buffer.from(line, "latin1").toString("hex")));
  }
}

/** Hex from the Lua side to a latin1 byte string. */
export function bytesOfHex(hex: string): string {
  return Buffer.from(hex, "hex").toString("latin1");
}

export function hexOfBytes(bytes: string | Uint8Array): string {
  return (typeof bytes === "string" ? Buffer.from(bytes, "latin1") : Buffer.from(bytes)).toString("hex");
}

/** A number argument from Lua; anything else is a Lua error naming the function. */
export function intArg(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`bad argument to ${what} (integer expected, got ${value})`);
  return n;
}
