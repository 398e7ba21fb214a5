/**
 * One boot of the simulated Espruino interpreter on a virtual board: its main loop (callbacks run
 * as scheduler tasks owned by this boot), its timers on virtual time, and the guard every API
 * call goes through. When the board loses power or resets, the boot is dead: its tasks are gone
 * and any API call it still makes throws PowerCut, so firmware code that catches errors cannot
 * keep touching the world after the lights went out.
 */
import { PowerCut } from "../state/flash.ts";
import type { VirtualBoard } from "../state/board.ts";

export interface UncaughtError {
  atMs: number;
  boot: number;
  error: unknown;
}

export class EspruinoRuntime {
  readonly boot: number;
  readonly owner: string;
  private timers = new Map<number, number>();
  private nextTimerId = 1;
  private stuck = false;
  /** Set by reset() and load(): this interpreter is over, the next one is about to start. */
  private ended = false;
  /** Called when the interpreter hangs (the automatic watchdog starts counting then). */
  onHang: () => void = () => undefined;
  /** Writes an uncaught error as Espruino prints it to the console. */
  reportError: (text: string) => void = () => undefined;

  /** `errors` collects uncaught errors (the simulator passes one list for every boot). */
  constructor(
    readonly board: VirtualBoard,
    readonly errors: UncaughtError[] = [],
  ) {
    this.boot = board.bootCount;
    this.owner = board.runtimeOwner;
  }

  /** Whether the interpreter is stuck (it runs no more callbacks). */
  get hung(): boolean {
    return this.stuck;
  }

  /** Makes the interpreter stop running callbacks, as if stuck in a loop (for tests). */
  hang(): void {
    this.stuck = true;
    this.onHang();
  }

  get alive(): boolean {
    return !this.ended && this.current;
  }

  /** Whether the board still runs the boot this interpreter belongs to (even if it has ended). */
  get current(): boolean {
    return this.board.powered && this.board.bootCount === this.boot;
  }

  /** Ends this interpreter without a power cut (reset(), load()): nothing of it runs any more. */
  end(): void {
    this.ended = true;
  }

  /** Every API entry point calls this first. */
  check(): void {
    if (!this.alive) throw new PowerCut();
  }

  /** Runs firmware code as Espruino's main loop does: an uncaught error is printed, not fatal. */
  call(fn: () => void): void {
    if (!this.alive || this.stuck) return;
    try {
      fn();
    } catch (error) {
      if (error instanceof PowerCut || !this.alive) return;
      this.errors.push({ atMs: this.board.scheduler.nowMs, boot: this.boot, error });
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.reportError(`Uncaught ${message}\r\n`);
    }
  }

  /** Queues a callback on the main loop, `ms` from now. */
  queue(ms: number, fn: () => void): number {
    return this.board.scheduler.after(ms, () => this.call(fn), this.owner);
  }

  setTimeout(fn: (...args: unknown[]) => void, ms: number | undefined, args: unknown[]): number {
    this.check();
    const id = this.nextTimerId++;
    this.timers.set(
      id,
      this.queue(ms ?? 0, () => {
        this.timers.delete(id);
        fn(...args);
      }),
    );
    return id;
  }

  setInterval(fn: (...args: unknown[]) => void, ms: number | undefined, args: unknown[]): number {
    this.check();
    const id = this.nextTimerId++;
    // An interval of 0 would run forever at one instant; Espruino's timer has a tick anyway.
    const period = Math.max(1, ms ?? 0);
    const tick = (): void => {
      this.timers.set(id, this.queue(period, tick));
      fn(...args);
    };
    this.timers.set(id, this.queue(period, tick));
    return id;
  }

  /** clearTimeout/clearInterval; with no id, clears every timer (as Espruino does). */
  clearTimer(id: number | undefined): void {
    this.check();
    if (id === undefined) {
      for (const task of this.timers.values()) this.board.scheduler.cancel(task);
      this.timers.clear();
      return;
    }
    const task = this.timers.get(id);
    if (task === undefined) return;
    this.board.scheduler.cancel(task);
    this.timers.delete(id);
  }

  /** Timers the firmware has pending (what keeps an idle box awake). */
  pendingTimers(): number {
    return this.timers.size;
  }

  /** Milliseconds until the next timer, or undefined when none is pending. */
  nextTimerInMs(): number | undefined {
    const due = [...this.timers.values()].map((task) => this.board.scheduler.dueMs(task) ?? Infinity);
    return due.length === 0 ? undefined : Math.max(0, Math.min(...due) - this.board.scheduler.nowMs);
  }

  /** getTime(): seconds (float) of the microcontroller's clock. */
  getTime(): number {
    this.check();
    return this.board.rtc.nowMs() / 1000;
  }

  setTime(seconds: number): void {
    this.check();
    this.board.rtc.set(seconds * 1000);
  }
}
