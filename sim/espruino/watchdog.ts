/**
 * E.enableWatchdog(seconds, isAuto) and E.kickWatchdog(): once enabled the watchdog cannot be
 * stopped; if it is not kicked within its timeout the board resets. With isAuto (the default)
 * the interpreter's idle loop kicks it, also while it sleeps between events, so only a stuck
 * interpreter (a test calls `runtime.hang()`) lets it fire. Its timer is hardware: it runs whatever
 * the interpreter does.
 */
import type { EspruinoRuntime } from "./runtime.ts";

export class Watchdog {
  private timeoutMs: number | undefined;
  private task: number | undefined;
  private auto = false;

  constructor(private readonly rt: EspruinoRuntime) {}

  get enabled(): boolean {
    return this.timeoutMs !== undefined;
  }

  enable(seconds: number, isAuto: boolean | undefined): void {
    this.rt.check();
    if (!(seconds > 0)) throw new Error("E.enableWatchdog: timeout must be positive");
    this.timeoutMs = seconds * 1000;
    this.auto = isAuto ?? true;
    // Automatic: nothing to count while the interpreter runs (and a sleeping box schedules nothing).
    if (this.auto) this.rt.onHang = () => this.restart();
    if (!this.auto || this.rt.hung) this.restart();
  }

  kick(): void {
    this.rt.check();
    if (!this.auto) this.restart();
  }

  private restart(): void {
    if (this.timeoutMs === undefined) return;
    const scheduler = this.rt.board.scheduler;
    if (this.task !== undefined) scheduler.cancel(this.task);
    this.task = scheduler.after(
      this.timeoutMs,
      () => {
        if (this.rt.alive) this.rt.board.reset("watchdog");
      },
      this.rt.owner,
    );
  }
}
