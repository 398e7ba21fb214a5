/**
 * Turns the adapter's raw matrix scans into key presses a driver meant to make.
 *
 * - Bounce: a key counts only after the scan has shown it alone and down for DEBOUNCE_MS;
 *   chatter shorter than that never produces a digit, and a key counts once per press.
 * - Two keys at once (or three, which a matrix without diodes can see as four: ghosting): no key
 *   counts until every key is up again, so a palm on the keypad types nothing.
 */

export const DEBOUNCE_MS = 20;

export class KeyDecoder {
  private candidate = "";
  private since = 0;
  private reported = false;
  private crowded = false;

  constructor(private readonly onKey: (key: string) => void) {}

  /** Feed one scan: the keys seen down (matrix order), at uptime `atMs`. */
  scan(pressed: string, atMs: number): void {
    if (pressed.length === 0) {
      this.candidate = "";
      this.reported = false;
      this.crowded = false;
      return;
    }
    if (pressed.length > 1 || this.crowded) {
      this.crowded = true;
      this.candidate = "";
      return;
    }
    if (pressed !== this.candidate) {
      this.candidate = pressed;
      this.since = atMs;
      this.reported = false;
      return;
    }
    if (!this.reported && atMs - this.since >= DEBOUNCE_MS) {
      this.reported = true;
      this.onKey(pressed);
    }
  }

  /** Whether a key is being held or settling: the adapter keeps scanning while this is true. */
  busy(): boolean {
    return this.candidate !== "" || this.crowded;
  }
}
