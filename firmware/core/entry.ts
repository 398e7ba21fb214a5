/**
 * What the driver has typed so far: digits, `*` to start again, `#` to submit. A half-typed
 * code is forgotten after the entry timeout, and a code longer than any the box knows is refused
 * as soon as the extra digit is pressed, so nobody can type an endless string.
 */
import { CODE_DIGITS } from "./codes/code";

/** The longest code the box knows: delivery and pickup codes (owner codes are shorter, docs/codes.md). */
export const MAX_ENTRY_DIGITS = CODE_DIGITS;

export type EntryOutcome =
  | "ignored" // not a key of the keypad
  | "digit" // a digit was added
  | "cleared" // `*` cleared the entry
  | "too-long" // a digit beyond the longest code: the entry is refused and cleared
  | "empty" // `#` with nothing typed
  | "submit"; // `#` with digits: submitted() holds them

export class Entry {
  private digits = "";
  private lastSubmitted = "";

  /** Applies one key and says what it did. */
  key(key: string): EntryOutcome {
    if (key === "*") {
      this.digits = "";
      return "cleared";
    }
    if (key === "#") {
      if (this.digits.length === 0) return "empty";
      this.lastSubmitted = this.digits;
      this.digits = "";
      return "submit";
    }
    if (key.length !== 1 || "0123456789".indexOf(key) < 0) return "ignored";
    if (this.digits.length >= MAX_ENTRY_DIGITS) {
      this.digits = "";
      return "too-long";
    }
    this.digits = this.digits + key;
    return "digit";
  }

  /** The digits of the last `#`. */
  submitted(): string {
    return this.lastSubmitted;
  }

  typed(): number {
    return this.digits.length;
  }

  /** Forgets a half-typed code (entry timeout). */
  clear(): void {
    this.digits = "";
  }
}
