/**
 * The 4x3 keypad matrix as wires: pressing a key joins its row to its column, nothing more. What
 * the firmware reads on a column depends on what it drives on the rows and on the pull-ups it
 * set, exactly as on the board; three keys at the corners of a rectangle make the fourth corner
 * read as pressed (ghosting), because the rows and columns really are joined.
 */
import { KEYPAD_LAYOUT } from "../../firmware/core/matrix.ts";
import type { Pins } from "./pins.ts";

/** Rows 1-2-3, 4-5-6, 7-8-9, *-0-#: the firmware's own layout, the one definition of it. */
export { KEYPAD_LAYOUT };

export class KeypadMatrix {
  private readonly down = new Set<string>();

  constructor(
    private readonly pins: Pins,
    private readonly rows: readonly string[],
    private readonly columns: readonly string[],
  ) {
    if (rows.length !== 4 || columns.length !== 3) throw new Error("the keypad has 4 rows and 3 columns");
  }

  private position(key: string): [number, number] {
    for (let r = 0; r < KEYPAD_LAYOUT.length; r++) {
      const c = KEYPAD_LAYOUT[r].indexOf(key);
      if (c >= 0 && key.length === 1) return [r, c];
    }
    throw new Error(`no key ${JSON.stringify(key)} on the keypad`);
  }

  press(key: string): void {
    const [r, c] = this.position(key);
    this.down.add(key);
    this.pins.connect(`keypad:${key}`, this.rows[r], this.columns[c]);
  }

  release(key: string): void {
    this.position(key);
    this.down.delete(key);
    this.pins.disconnect(`keypad:${key}`);
  }

  releaseAll(): void {
    for (const key of [...this.down]) this.release(key);
  }

  isDown(key: string): boolean {
    return this.down.has(key);
  }

  /** The keys held down, in matrix order. */
  held(): string {
    return KEYPAD_LAYOUT.join("")
      .split("")
      .filter((k) => this.down.has(k))
      .join("");
  }
}
