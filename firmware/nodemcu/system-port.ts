/**
 * The system services both NodeMCU firmwares provide under different names (./system.ts picks
 * the chip's): its own file, so the two implementations import it without importing the picker.
 * @noSelf
 */
export interface NodeMcuSystem {
  /** Milliseconds since boot, integer. Exact while read at least every 35 minutes. */
  uptimeMs(): number;
  /** `count` bytes from the hardware random generator. */
  randomBytes(count: number): string;
  /** The chip's clock in whole seconds (box seconds once set; lost on reset). */
  rtcSeconds(): number;
  setRtc(seconds: number): void;
}
