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
 *
 * One function over a plain state object, not a class: a class costs a metatable and a method
 * table in Lua and JsVars per method on the Pico (docs/lua-heap.md).
 */

export const DEBOUNCE_MS = 20;

/**
 * The decoder's state: the key seen alone and down (`key`) since uptime `since`; `held` 1 once it
 * counted, 2 when several keys were down, either way until the keypad is seen all up (0 before);
 * and whether an all-up scan after that is pending (`up`) since uptime `upAt`.
 */
export interface KeyScan {
  key: string;
  since: number;
  held: number;
  up: boolean;
  upAt: number;
}

export function newKeyScan(): KeyScan {
  return { key: "", since: 0, held: 0, up: false, upAt: 0 };
}

/**
 * Feeds one scan (the keys seen down, in matrix order; "" when none) at uptime `atMs`; returns
 * the key that counted with it, or "". Uptime is compared by difference only: NodeMCU's wraps to
 * negative after 24.8 days.
 */
export function decodeScan(k: KeyScan, pressed: string, atMs: number): string {
  if (pressed === "") {
    if (k.held === 0) k.key = "";
    else if (!k.up) {
      k.up = true;
      k.upAt = atMs;
    }
  }
  // Up long enough (seen now, or at the first scan with keys down again): the keypad starts afresh.
  if (k.up && atMs - k.upAt >= DEBOUNCE_MS) {
    k.key = "";
    k.held = 0;
    k.up = false;
  }
  if (pressed === "") return "";
  k.up = false;
  if (pressed.length > 1 || k.held > 1) {
    k.held = 2;
    k.key = "";
    return "";
  }
  if (pressed !== k.key) {
    k.key = pressed;
    k.since = atMs;
    k.held = 0;
    return "";
  }
  if (k.held > 0 || atMs - k.since < DEBOUNCE_MS) return "";
  k.held = 1;
  return pressed;
}
