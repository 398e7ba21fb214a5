/**
 * The lock's coil behind its MOSFET: energised while the gate pin is driven high. Tracks what a
 * solenoid cares about: the longest continuous energised time, the total, and the pulse count,
 * so tests can prove the coil never stays on longer than the core's maximum.
 */
import type { Pins } from "./pins.ts";

export interface CoilPulse {
  startMs: number;
  endMs: number | undefined;
}

export class LockCoil {
  private since: number | undefined;
  readonly pulses: CoilPulse[] = [];
  private totalClosedMs = 0;
  private longestClosedMs = 0;

  constructor(
    pins: Pins,
    private readonly gate: string,
    private readonly now: () => number,
  ) {
    // A gate left floating is held off by the MOSFET's gate pull-down resistor.
    pins.externalPull(gate, "down");
    pins.onChange((pin, level) => {
      if (pin === this.gate) this.update(level === 1);
    });
  }

  private update(energised: boolean): void {
    if (energised && this.since === undefined) {
      this.since = this.now();
      this.pulses.push({ startMs: this.since, endMs: undefined });
    } else if (!energised && this.since !== undefined) {
      const ms = this.now() - this.since;
      this.totalClosedMs += ms;
      this.longestClosedMs = Math.max(this.longestClosedMs, ms);
      this.pulses[this.pulses.length - 1].endMs = this.now();
      this.since = undefined;
    }
  }

  get energised(): boolean {
    return this.since !== undefined;
  }

  /** Longest continuous energised time so far, counting a pulse still running. */
  get longestMs(): number {
    return Math.max(this.longestClosedMs, this.since === undefined ? 0 : this.now() - this.since);
  }

  get totalMs(): number {
    return this.totalClosedMs + (this.since === undefined ? 0 : this.now() - this.since);
  }

  get pulseCount(): number {
    return this.pulses.length;
  }
}
