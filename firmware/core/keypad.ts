/**
 * Turns the adapter's raw matrix scans into key presses a driver meant to make.
 *
 * - Bounce on press: a key counts only after the scan has shown it alone and down for
 *   DEBOUNCE_MS; chatter shorter than that never produces a digit.
 * - Bounce on release: once a key has counted (or several keys were down), the keypad must have
 *   been seen all up for DEBOUNCE_MS before the same key can count again, so a worn contact that
 *   chatters when let go types its digit once. The scanner stops at the first all-up scan and
 *   wakes at the next edge, so "up for DEBOUNCE_MS" is judged at that next scan.
 * - Two keys at once (or three, which a matrix without diodes can see as four: ghosting): no key
 *   counts until every key is up again, so a palm on the keypad types nothing.
 */

export const DEBOUNCE_MS = 20;

export class KeyDecoder {
  private candidate = "";
  private since = 0;
  private reported = false;
  private crowded = false;
  /** Whether an all-up scan after a counted key or a crowd is pending, and its uptime. */
  private upPending = false;
  private upSince = 0;

  constructor(private readonly onKey: (key: string) => void) {}

  /** Feed one scan: the keys seen down (matrix order), at uptime `atMs`. */
  scan(pressed: string, atMs: number): void {
    if (pressed.length === 0) {
      if (!this.reported && !this.crowded) {
        this.candidate = "";
        return;
      }
      if (!this.upPending) {
        this.upPending = true;
        this.upSince = atMs;
      }
      if (atMs - this.upSince >= DEBOUNCE_MS) this.forget();
      return;
    }
    if (this.upPending) {
      // Keys down again after an all-up scan: a new press only if the keypad was up long enough.
      // Uptime is compared by difference only: NodeMCU's wraps to negative after 24.8 days.
      if (atMs - this.upSince >= DEBOUNCE_MS) this.forget();
      this.upPending = false;
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

  private forget(): void {
    this.candidate = "";
    this.reported = false;
    this.crowded = false;
    this.upPending = false;
  }
}
