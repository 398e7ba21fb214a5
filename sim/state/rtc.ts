/**
 * The microcontroller's own real-time clock (Espruino getTime/setTime, NodeMCU rtctime): runs
 * while the board has power, optionally off by `driftPpm` (the Pico's RC oscillator: up to
 * ±100000 ppm), and restarts from 0 (1970) after a power cut. A reset keeps it on STM32.
 */
export class McuRtc {
  private baseMs = 0;
  private setAtMs: number;
  driftPpm = 0;

  constructor(private readonly worldNow: () => number) {
    this.setAtMs = worldNow();
  }

  /** Milliseconds since 1970 as the chip believes. */
  nowMs(): number {
    return this.baseMs + (this.worldNow() - this.setAtMs) * (1 + this.driftPpm / 1e6);
  }

  set(unixMs: number): void {
    this.baseMs = unixMs;
    this.setAtMs = this.worldNow();
  }

  private lost = false;

  /** Power cut: the time is gone; it counts from 0 again at power-up. */
  lose(): void {
    this.lost = true;
    this.set(0);
  }

  /** Power-up: a clock that lost its power starts from 0 now. */
  powerUp(): void {
    if (this.lost) this.set(0);
    this.lost = false;
  }
}
