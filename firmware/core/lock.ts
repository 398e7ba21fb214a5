/**
 * The lock's states and the reasons to unlock, shared by the box (./box.ts, where the lock's rules
 * live: `open` and `lid` in startBox), its memory and the owner's side. An accepted code unlocks
 * (one coil pulse, never longer than MAX_COIL_MS whatever the settings say); opening the lid
 * releases the coil; closing it locks; a lid not opened in time counts as locked again; a lid left
 * open raises a reminder; a lid opened while locked is forced and raises the alarm.
 */

/** locked: closed and latched; unlocked: coil pulsed, waiting for the lid; open: opened after an unlock; forced: opened while locked. */
export type LockState = "locked" | "unlocked" | "open" | "forced";

/** Why the box was unlocked, for the log. */
export type UnlockReason = "delivery" | "pickup" | "owner" | "home" | "test";
