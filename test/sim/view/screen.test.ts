import { describe, expect, it } from "vitest";
import { HELP_LINES, MIN_HEIGHT, MIN_WIDTH, renderScreen } from "../../../sim/view/screen.ts";
import { stripAnsi, visibleWidth } from "../../../sim/view/text.ts";
import { blankState, busyState, idleState } from "./states.ts";

const text = (lines: string[]): string => stripAnsi(lines.join("\n"));

describe("renderScreen fits the terminal", () => {
  const cases = { idle: idleState(), busy: busyState(), blank: blankState(), "idle without colour": idleState({ colour: false }) };
  for (const [name, state] of Object.entries(cases)) {
    it(`fits 80x24 exactly: ${name}`, () => {
      const lines = renderScreen(state, 80, 24);
      expect(lines.length).toBe(24);
      for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(80);
    });
  }

  it("uses the extra rows of a taller terminal for the log", () => {
    const lines = renderScreen(busyState(), 100, 40);
    expect(lines.length).toBe(40);
    expect(text(lines)).toContain("1029 ");
    expect(text(lines)).toContain("1008 ");
    expect(text(renderScreen(busyState(), 80, 24))).not.toContain("1008 ");
  });

  it("keeps every help key visible at 80 columns", () => {
    const shown = text(renderScreen(idleState(), 80, 24));
    for (const help of HELP_LINES) expect(shown).toContain(help);
    for (const key of ["0-9 * #", "o open lid", "c close lid", "s service", "h home relay", "p power cut", "m +1 min", "t +1 hour", "d +1 day", "q quit"]) {
      expect(shown).toContain(key);
    }
  });

  for (const [width, height] of [
    [79, 24],
    [80, 23],
    [40, 10],
    [10, 2],
  ]) {
    it(`says plainly that ${width}x${height} is too small, within ${width}x${height}`, () => {
      const lines = renderScreen(idleState(), width, height);
      expect(lines.length).toBeLessThanOrEqual(height);
      for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
      if (width >= 40) expect(text(lines)).toContain(`needs ${MIN_WIDTH}x${MIN_HEIGHT}`);
      expect(text(lines)).not.toContain("Keypad");
    });
  }
});

describe("renderScreen shows the box", () => {
  it("shows the LED colour, lock, coil, lid, alarm, lock-out and buzzer", () => {
    const shown = text(renderScreen(busyState(), 80, 24));
    expect(shown).toMatch(/LED\s+ amber /);
    expect(shown).toMatch(/Lock\s+UNLOCKED/);
    expect(shown).toMatch(/Coil\s+ON \(max 5\.0 s\)/);
    expect(shown).toMatch(/Lid\s+OPEN/);
    expect(shown).toMatch(/Alarm\s+lid-open/);
    expect(shown).toMatch(/Lock-out 23 h 59 min, 123 wrong/);
    expect(shown).toMatch(/Buzzer\s+BEEP/);
  });

  it("shows a locked box with a shut lid as such", () => {
    const shown = text(renderScreen(idleState(), 80, 24));
    expect(shown).toMatch(/Lock\s+locked/);
    expect(shown).toMatch(/Lid\s+closed/);
    expect(shown).toMatch(/Coil\s+off \(never on\)/);
    expect(shown).toMatch(/Lock-out none, 0 wrong/);
  });

  it("shows a lid forced open on a locked box as forced, not as unlocked beside a coil never on", () => {
    const shown = text(renderScreen(idleState({ lock: "unlocked", lidOpen: true, alarm: "forced", colour: false }), 80, 24));
    expect(shown).toMatch(/Lock\s+FORCED open/);
    expect(shown).not.toContain("UNLOCKED");
    expect(shown).toMatch(/Coil\s+off \(never on\)/);
  });

  it("says under the title whether a real board of the simulated kind holds the firmware (docs/boards.md)", () => {
    expect(text(renderScreen(idleState(), 80, 24)).split("\n")[1]).toBe(" docs/boards.md: a real espruino-pico is too small: Storage 84.7 KB of 48.0 KB");
  });

  it("shows the box clock in UTC and in the local zone", () => {
    const shown = text(renderScreen(idleState(), 80, 24));
    expect(shown).toContain("2026-11-28 09:00:00 UTC");
    expect(shown).toContain("2026-11-28 10:00:00 Europe/Berlin");
  });

  it("says when the box clock is not set", () => {
    expect(text(renderScreen(blankState(), 80, 24))).toMatch(/Clock\s+not set/);
  });

  it("shows the newest log entries with their kind and details", () => {
    const shown = text(renderScreen(idleState(), 80, 24));
    expect(shown).toMatch(/2 11-28 09:00:02Z\s+provisioned\s+at=218019600/);
  });

  it("shows the pseudo-terminal path, its symlink and the command for the owner's tool", () => {
    const shown = text(renderScreen(idleState(), 80, 24));
    expect(shown).toContain("-- USB port /tmp/parcelbox-usb -> /dev/pts/7 --");
    expect(shown).toContain("export XDG_CONFIG_HOME=/tmp/pbsim-AbC123");
    expect(shown).toContain("npx parcelbox status --port /tmp/parcelbox-usb");
  });

  it("says why there is no pseudo-terminal when there is none", () => {
    expect(text(renderScreen(blankState(), 80, 24))).toContain("USB port: none (The USB serial bridge needs Python 3");
  });

  it("shows the demo delivery code and the owner code, and a used-up code as used up", () => {
    const shown = text(renderScreen(idleState(), 80, 24));
    expect(shown).toContain("Delivery code 26985272 then #  (1 use, to 11-30 00:00Z)");
    expect(shown).toContain("owner 405225 (28 s)");
    const used = idleState();
    used.demoCode = { ...used.demoCode!, usedUp: true };
    expect(text(renderScreen(used, 80, 24))).toContain("26985272 is used up: press n");
  });

  it("marks held keys on the drawn keypad", () => {
    const shown = text(renderScreen(idleState({ keysDown: "5" }), 80, 24));
    expect(shown).toContain("  4  [5]  6 ");
    expect(text(renderScreen(idleState(), 80, 24))).not.toContain("[5]");
  });

  it("writes no escape codes when colour is off, and some when it is on", () => {
    const plain = renderScreen(busyState(), 80, 24).join("\n");
    expect(plain).toContain("\x1b[");
    const state = busyState();
    state.colour = false;
    expect(renderScreen(state, 80, 24).join("\n")).not.toContain("\x1b");
    expect(renderScreen(state, 50, 10).join("\n")).not.toContain("\x1b");
  });

  it("shows fast-forwarding in place of the last message", () => {
    const shown = text(renderScreen(busyState(), 80, 24));
    expect(shown).toContain("Fast-forwarding: 1440 min");
    expect(shown).not.toContain("Welcome");
  });
});
