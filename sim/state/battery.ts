/**
 * The box's battery pack as the board's divider sees it: a voltage that a test or a scenario sets,
 * lets fall in a straight line over virtual time, or hands to a source that follows the charge the
 * box draws (sim/energy/drain.ts). The runtimes' ADC calls (Espruino analogRead, NodeMCU adc.read)
 * read it through the profile's divider (`adcPinMv`).
 */
import type { BoardProfile } from "../../firmware/boards/profiles.ts";

/** Four fresh alkaline cells at rest. */
export const FRESH_PACK_MV = 6300;

export class BatteryPack {
  private fromMv = FRESH_PACK_MV;
  private toMv = FRESH_PACK_MV;
  private fromMs = 0;
  private overMs = 0;
  private source: (() => number) | undefined;

  constructor(private readonly now: () => number) {}

  /** The pack's resting voltage now, mV. */
  millivolts(): number {
    if (this.source !== undefined) return Math.round(this.source());
    const elapsed = this.now() - this.fromMs;
    if (this.overMs <= 0 || elapsed >= this.overMs) return this.toMv;
    return Math.round(this.fromMv + ((this.toMv - this.fromMv) * elapsed) / this.overMs);
  }

  /** Holds the pack at `mv` from now on. */
  set(mv: number): void {
    this.ramp(mv, 0);
  }

  /** Falls (or rises) in a straight line from its voltage now to `mv` over `overMs` of virtual time. */
  ramp(mv: number, overMs: number): void {
    const from = this.millivolts();
    this.source = undefined;
    this.fromMv = from;
    this.toMv = mv;
    this.fromMs = this.now();
    this.overMs = overMs;
  }

  /** Takes the voltage from `source` from now on (undefined: hold the voltage it gives now). */
  follow(source: (() => number) | undefined): void {
    const mv = this.millivolts();
    this.source = source;
    if (source === undefined) this.set(mv);
  }
}

/** The voltage at the battery pin, mV, for a pack voltage: the divider's share, never above `railMv`. */
export function adcPinMv(profile: BoardProfile, packMv: number, railMv = 3300): number {
  const [top, bottom] = profile.batteryDivider;
  return Math.min(railMv, Math.max(0, (packMv * bottom) / (top + bottom)));
}
