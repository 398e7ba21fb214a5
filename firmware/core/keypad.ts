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
 * The decoder's state: the key seen alone and down (`key`) since uptime `since`, whether it
 * counted, whether several keys were down since the keypad was last all up (`crowded`), and
 * whether an all-up scan after a counted key or a crowd is pending (`up`) since uptime `upAt`.
 */
export interface KeyScan {
  key: string;
  since: number;
  counted: boolean;
  crowded: boolean;
  up: boolean;
  upAt: number;
}

export function newKeyScan(): KeyScan {
  return { key: "", since: 0, counted: false, crowded: false, up: false, upAt: 0 };
}

/**
 * Feeds one scan (the keys seen down, in matrix order; "" when none) at uptime `atMs`; returns
 * the key that counted with it, or "". Uptime is compared by difference only: NodeMCU's wraps to
 * negative after 24.8 days.
 */
export function decodeScan(k: KeyScan, pressed: string, atMs: number): string {
  if (pressed === "" && !k.counted && !k.crowded) {
    k.key = "";
    return "";
  }
  if (pressed === "" && !k.up) {
    k.up = true;
    k.upAt = atMs;
  }
  // Up long enough (seen now, or at the first scan with keys down again): the keypad starts afresh.
  if (k.up && atMs - k.upAt >= DEBOUNCE_MS) {
    k.key = "";
    k.counted = false;
    k.crowded = false;
    k.up = false;
  }
  if (pressed === "") return "";
  k.up = false;
  if (pressed.length > 1 || k.crowded) {
    k.crowded = true;
    k.key = "";
    return "";
  }
  if (pressed !== k.key) {
    k.key = pressed;
    k.since = atMs;
    k.counted = false;
    return "";
  }
  if (k.counted || atMs - k.since < DEBOUNCE_MS) return "";
  k.counted = true;
  return pressed;
}
