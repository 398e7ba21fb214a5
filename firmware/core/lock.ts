/**
 * The lock's states and the reasons to unlock, shared by the box (./box.ts, where the lock's rules
 * live: `open` and `lid` in startBox), its memory and the owner's side. An accepted code unlocks
 * (one coil pulse, never longer than MAX_COIL_MS whatever the settings say); opening the lid
 * releases the coil; closing it locks; a lid not opened in time counts as locked again; a lid left
 * open raises a reminder; a lid opened while locked is forced and raises the alarm.
 */

/**
 * The lock's state (a `const enum`: both builds write the bare number). The two with the lid open
 * come last, so `lock >= Lock.Open` asks whether the lid is open.
 */
export const enum Lock {
  /** Closed and latched. */
  Locked,
  /** Coil pulsed, waiting for the lid. */
  Unlocked,
  /** Opened after an unlock. */
  Open,
  /** Opened while locked. */
  Forced,
}

/** Why the box was unlocked, for the log. */
export type UnlockReason = "delivery" | "pickup" | "owner" | "home" | "test";
