// The owner's side on demand (firmware/espruino/owner-on-demand.ts), on the BUILT Espruino files:
// the box evaluates the Storage file .pbowner at the first USB data, answers that very chunk,
// carries the box's news out while loaded, lets it go at the first keypad scan after OWNER_IDLE_MS
// of a quiet port (no timer of its own: no extra wake-up), and loads it again at the next data. Without the file the port says so and the box keeps working.
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { OWNER_FILE, OWNER_IDLE_MS } from "../../firmware/espruino/owner-on-demand.ts";
import { bootEspruino, type EspruinoBoot } from "../../sim/espruino/boot.ts";
import { VirtualBoard } from "../../sim/state/board.ts";
import { BOOT_FILE, espruinoStorageFiles } from "../../tools/build/espruino-storage.ts";

interface Box {
  board: VirtualBoard;
  sim: EspruinoBoot;
  /** How many times the firmware has evaluated code (each a load of the owner's side). */
  loads(): number;
}

function boot(files = espruinoStorageFiles()): Box {
  const board = new VirtualBoard({ profile: "espruino-pico", ds3231UnixSeconds: Date.UTC(2026, 10, 28, 9) / 1000 });
  const sim = bootEspruino(board, files);
  board.advance(10);
  let loads = 0;
  const evaluate = sim.global.eval as (code: unknown) => unknown;
  sim.global.eval = (code: unknown): unknown => {
    loads++;
    return evaluate(code);
  };
  return { board, sim, loads: () => loads };
}

/** Sends one line and gives every line the box sent in the next `ms` of virtual time. */
function say(box: Box, line: string, ms = 500): string[] {
  box.board.usb.takeOutput();
  box.board.usb.send(`${line}\r\n`);
  box.board.advance(ms);
  return box.board.usb.takeOutput().split("\r\n").filter(Boolean);
}

/** Presses and releases one key. */
function press(box: Box, key: string): void {
  box.board.keypad.press(key);
  box.board.advance(100);
  box.board.keypad.release(key);
  box.board.advance(100);
}

/** Opens the lid by hand (no code: the box calls that forced) and shuts it; gives what USB carried. */
function forceLid(box: Box): string[] {
  box.board.usb.takeOutput();
  box.board.lid.open();
  box.board.advance(1500);
  box.board.lid.close();
  box.board.advance(1500);
  return box.board.usb.takeOutput().split("\r\n").filter(Boolean);
}

beforeAll(() => {
  const missing = espruinoStorageFiles().filter((f) => !existsSync(f.path));
  if (missing.length > 0) throw new Error(`${missing.map((f) => f.path).join(", ")} missing: run make build first`);
});

describe("the Espruino box loads the owner's side only while USB talks", () => {
  it("starts without it, and answers the very first line that loads it", () => {
    const box = boot();
    expect(box.loads()).toBe(0);
    expect(forceLid(box)).toEqual([]);
    const answer = say(box, "h1 HELLO");
    expect(box.loads()).toBe(1);
    expect(answer.find((l) => l.startsWith("h1 "))).toMatch(/^h1 OK/);
    expect(box.sim.errors).toEqual([]);
  });

  it("carries the box's news while loaded, and lets the owner's side go at the first key after a quiet port", () => {
    const box = boot();
    say(box, "h1 HELLO");
    expect(forceLid(box).some((l) => l.startsWith("* EVENT forced"))).toBe(true);
    // A key before the port has been quiet for the idle time: still loaded, still telling.
    box.board.advance(OWNER_IDLE_MS - 10_000);
    press(box, "1");
    expect(forceLid(box).some((l) => l.startsWith("* EVENT forced"))).toBe(true);
    // Quiet long enough, but no key yet: nothing has let it go.
    box.board.advance(10_000);
    expect(forceLid(box).some((l) => l.startsWith("* EVENT forced"))).toBe(true);
    // The lid's news was no USB data: the quiet time ran on, and the next key releases it.
    press(box, "1");
    expect(forceLid(box)).toEqual([]);
    expect(box.loads()).toBe(1);
    // The next line loads it again and is answered.
    expect(say(box, "h2 HELLO").find((l) => l.startsWith("h2 "))).toMatch(/^h2 OK/);
    expect(box.loads()).toBe(2);
    expect(box.sim.errors).toEqual([]);
  });

  it("keeps it while the owner talks: each chunk starts the quiet time again", () => {
    const box = boot();
    for (let i = 1; i <= 4; i++) {
      expect(say(box, `h${i} HELLO`, OWNER_IDLE_MS - 10_000).find((l) => l.startsWith(`h${i} `))).toMatch(/^h\d OK/);
      press(box, "1");
    }
    expect(box.loads()).toBe(1);
  });

  it(`without ${OWNER_FILE} in Storage, says so on USB and keeps the box working`, () => {
    const box = boot(espruinoStorageFiles().filter((f) => f.name === BOOT_FILE));
    const answer = say(box, "h1 HELLO");
    expect(answer).toEqual([`- ERR E_INTERNAL no Storage file ${OWNER_FILE}: flash the box again`]);
    expect(box.sim.errors).toEqual([]);
    press(box, "1");
    expect(box.sim.errors).toEqual([]);
  });
});
