import { beforeEach, describe, expect, it } from "vitest";
import { KeypadMatrix } from "../../sim/state/keypad.ts";
import { Pins } from "../../sim/state/pins.ts";

const ROWS = ["R1", "R2", "R3", "R4"];
const COLUMNS = ["C1", "C2", "C3"];

describe("keypad matrix", () => {
  let pins: Pins;
  let keypad: KeypadMatrix;
  /** Drives only `row` low (open-drain), releases the others; columns have pull-ups. */
  const selectRow = (row: number): void => ROWS.forEach((r, i) => pins.write(r, i === row ? 0 : 1));

  beforeEach(() => {
    pins = new Pins([...ROWS, ...COLUMNS]);
    for (const r of ROWS) pins.setMode(r, "opendrain");
    for (const c of COLUMNS) pins.setMode(c, "input_pullup");
    keypad = new KeypadMatrix(pins, ROWS, COLUMNS);
  });

  it("reads every column high when no key is down", () => {
    selectRow(0);
    expect(COLUMNS.map((c) => pins.level(c))).toEqual([1, 1, 1]);
  });

  it("a pressed key pulls its column low while its row is driven low", () => {
    keypad.press("5");
    selectRow(1);
    expect(COLUMNS.map((c) => pins.level(c))).toEqual([1, 0, 1]);
  });

  it("a pressed key leaves its column high while another row is driven", () => {
    keypad.press("5");
    selectRow(0);
    expect(pins.level("C2")).toBe(1);
  });

  it("a released key no longer pulls its column", () => {
    keypad.press("#");
    keypad.release("#");
    selectRow(3);
    expect(pins.level("C3")).toBe(1);
  });

  it("without the pull-ups a column with no key down floats", () => {
    pins.setMode("C1", "input");
    selectRow(0);
    expect(pins.level("C1")).toBe("floating");
  });

  it("three keys at the corners of a rectangle make the fourth read as pressed (ghosting)", () => {
    keypad.press("1");
    keypad.press("3");
    keypad.press("4");
    // Row 2 low reaches column 1 through 4, row 1 through 1, column 3 through 3: "6" looks down.
    selectRow(1);
    expect(pins.level("C3")).toBe(0);
    expect(keypad.isDown("6")).toBe(false);
  });

  it("two keys on different rows and columns do not ghost", () => {
    keypad.press("1");
    keypad.press("5");
    selectRow(0);
    expect(COLUMNS.map((c) => pins.level(c))).toEqual([0, 1, 1]);
  });

  it("lists held keys in matrix order", () => {
    keypad.press("#");
    keypad.press("2");
    expect(keypad.held()).toBe("2#");
  });

  it("refuses a key the keypad does not have", () => {
    expect(() => keypad.press("A")).toThrow(/no key/);
  });
});
