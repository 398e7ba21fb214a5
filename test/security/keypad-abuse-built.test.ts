/**
 * Keypad and lock abuse on the BUILT firmware (Espruino build, NodeMCU build in wasmoon): keys
 * that bounce, keys pressed together (a palm, the ghost of a matrix rectangle, rollover),
 * thousands of random keys with storms of # and *, a lid forced open while locked, a lid slammed
 * during an unlock, the power cut in the middle of a coil pulse, LOCKTEST hammered over USB.
 *
 * Every test ends the same way: no firmware error, the coil never on longer than MAX_COIL_MS
 * (read from the simulated coil's pulse records), no unlock without a valid code, and the box
 * still opens for the owner's code afterwards. Figures (keys pressed, pulses, longest pulse)
 * are printed per build.
 *
 * make test presses 2,000 random keys per build; PARCELBOX_FULL_CAMPAIGN=1 presses 50,000.
 */
import { afterAll, describe, expect, it } from "vitest";
import { MAX_COIL_MS } from "../../firmware/core/settings.ts";
import { SimBox, type SimBoxOptions } from "../../sim/box.ts";
import { namedLogLine } from "../../firmware/core/host/log.ts";
import { seededRandom } from "../fakes/seeded-random.ts";
import { bouncyTap, chatter, coilWithinLimits, mash, MAX_BOUNCES, ownerCode, randomInt, rollover, type Random } from "./keypad-hands.ts";

const FULL = process.env.PARCELBOX_FULL_CAMPAIGN === "1";
const RANDOM_KEYS = FULL ? 50_000 : 2_000;
const SECRET = Buffer.from("abad1dea0123456789abcdef0123456789abcdef", "hex");
const START = Date.parse("2026-11-28T09:00:00Z") / 1000;
const KEYS = "0123456789*#";
/** The lid switch is debounced (50 ms on Espruino): the coil must be off this soon after the lid lifts. */
const LID_RELEASES_COIL_MS = 100;

const BUILDS: { name: string; options: SimBoxOptions }[] = [
  { name: "espruino build", options: { runtime: "espruino" } },
  { name: "nodemcu build (wasmoon)", options: { runtime: "nodemcu", lua: "wasmoon" } },
];

function field(lines: string[], key: string): string | undefined {
  return new RegExp(` ${key}=(\\S*)`).exec(lines.join(" "))?.[1];
}

/** A box under test, with the keys pressed on it counted. */
class Door {
  keysPressed = 0;
  readonly used = new Set<number>();

  private constructor(readonly box: SimBox) {
    // Counted at the keypad itself, so every helper's presses (bounces, mashes) are included.
    const keypad = box.board.keypad;
    const press = keypad.press.bind(keypad);
    keypad.press = (key: string) => {
      this.keysPressed++;
      press(key);
    };
  }

  static async open(options: SimBoxOptions): Promise<Door> {
    const box = await SimBox.start({ ...options, unixTime: START, seed: 99 });
    box.provision(SECRET, START);
    return new Door(box);
  }

  status(): string[] {
    return this.box.authenticated(SECRET, "STATUS");
  }

  statusField(key: string): string | undefined {
    return field(this.status(), key);
  }

  /** Every log entry, paged and named as the owner's tool pages and names it. */
  log(): string[] {
    const entries: string[] = [];
    for (let from = 0; ; ) {
      const page = this.box.authenticated(SECRET, `LOG from=${from} count=50`);
      entries.push(...page.filter((l) => l.includes(" DATA ")).map(namedLogLine));
      const next = Number(field(page, "next"));
      if (next >= Number(field(page, "total")) || next === from) return entries;
      from = next;
    }
  }

  /** The owner's code for a step not used yet. */
  code(): string {
    return ownerCode(this.box, SECRET, this.used);
  }

  /** Types the owner's code; true when the coil pulsed for it. Then opens and shuts the lid. */
  ownerOpens(): boolean {
    const before = this.box.board.coil.pulseCount;
    this.box.type(`${this.code()}#`);
    this.box.advance(500);
    const opened = this.box.board.coil.pulseCount === before + 1;
    if (opened) this.liftAndShut();
    return opened;
  }

  /** Lifts the released lid, takes the parcel out, shuts it: the box locks. */
  liftAndShut(): void {
    this.box.board.lid.open();
    this.box.advance(2000);
    this.box.board.lid.close();
    this.box.advance(2000);
  }

  /** Types digits, presses # and returns once the coil is energised (at most 2 s later). */
  untilCoilOn(digits: string): void {
    this.box.type(digits);
    this.box.board.keypad.press("#");
    for (let waited = 0; waited < 2000 && !this.box.board.coil.energised; waited++) this.box.advance(1);
    if (!this.box.board.coil.energised) throw new Error("the coil did not come on for a valid code");
  }

  /** What every abuse test checks at its end; returns the coil figures. */
  stillSound(): { pulses: number; longestMs: number } {
    expect(this.box.errors()).toEqual([]);
    expect(this.statusField("lock")).toBe("locked");
    return coilWithinLimits(this.box);
  }
}

describe.each(BUILDS)("keypad and lock abuse on the $name", ({ name, options }) => {
  const figures = { keys: 0, pulses: 0, longestMs: 0, tests: 0 };
  const record = (door: Door): void => {
    const coil = door.stillSound();
    figures.keys += door.keysPressed;
    figures.pulses += coil.pulses;
    figures.longestMs = Math.max(figures.longestMs, coil.longestMs);
    figures.tests++;
    door.box.close();
  };

  afterAll(() => {
    console.log(`keypad and lock abuse, ${name}: ${figures.tests} runs, ${figures.keys} keys pressed, ${figures.pulses} coil pulses, longest ${figures.longestMs} ms (max ${MAX_COIL_MS})`);
  });

  it("a code typed with bouncing keys counts each key once and opens", async () => {
    const door = await Door.open(options);
    const next = seededRandom(1);
    for (const key of `${door.code()}#`) bouncyTap(door.box, key, randomInt(next, 1, MAX_BOUNCES), next);
    door.box.advance(500);
    expect(door.box.board.coil.pulseCount).toBe(1);
    door.liftAndShut();
    record(door);
  });

  it("a wrong code typed with bouncing keys is one wrong code of 8 digits and does not open", async () => {
    const door = await Door.open(options);
    const next = seededRandom(2);
    for (const key of "13572468#") bouncyTap(door.box, key, randomInt(next, 1, MAX_BOUNCES), next);
    door.box.advance(2000);
    expect(door.statusField("wrong")).toBe("1");
    expect(door.log().filter((l) => l.includes("ev=wrong-code"))).toEqual([expect.stringContaining("digits=8")]);
    expect(door.box.board.coil.pulseCount).toBe(0);
    expect(door.ownerOpens()).toBe(true);
    record(door);
  });

  it("chatter shorter than the debounce types nothing", async () => {
    const door = await Door.open(options);
    const next = seededRandom(3);
    for (const key of "12345678") chatter(door.box, key, 3, next);
    door.box.type("#");
    door.box.advance(2000);
    expect(door.statusField("wrong")).toBe("0");
    expect(door.log().filter((l) => l.includes("ev=wrong-code"))).toEqual([]);
    expect(door.box.board.coil.pulseCount).toBe(0);
    expect(door.ownerOpens()).toBe(true);
    record(door);
  });

  it("keys pressed together type nothing: pairs, the ghost of a rectangle, a palm", async () => {
    const door = await Door.open(options);
    const next = seededRandom(4);
    // 1, 2 and 4 join rows and columns so that 5 reads as pressed too: the matrix's ghost.
    for (const keys of ["12", "58", "0#", "*3", "124", "1245", "79*#", "123456789*0#"]) mash(door.box, keys, next);
    door.box.type("#");
    door.box.advance(2000);
    expect(door.statusField("wrong")).toBe("0");
    expect(door.box.board.coil.pulseCount).toBe(0);
    expect(door.ownerOpens()).toBe(true);
    record(door);
  });

  it("rollover typing counts only the key that was alone, so a rolled code cannot open", async () => {
    const door = await Door.open(options);
    rollover(door.box, door.code());
    door.box.type("#");
    door.box.advance(2000);
    expect(door.box.board.coil.pulseCount).toBe(0);
    // Rolled "1234567" leaves "1" (alone for 60 ms before 2 went down); "2345678" typed cleanly
    // after it makes one wrong 8-digit code: exactly one key of the roll counted.
    rollover(door.box, "1234567");
    door.box.type("2345678#");
    door.box.advance(2000);
    expect(door.log().filter((l) => l.includes("ev=wrong-code"))).toEqual([expect.stringContaining("digits=8")]);
    expect(door.box.board.coil.pulseCount).toBe(0);
    expect(door.ownerOpens()).toBe(true);
    record(door);
  });

  it(`${RANDOM_KEYS} random keys with # and * storms never open, and the owner's code still does`, async () => {
    const door = await Door.open(options);
    const box = door.box;
    const next: Random = seededRandom(0xbadc0de);
    let hashes = 0;
    let stars = 0;
    let pairs = 0;
    let guesses = 0;
    const tap = (key: string, holdMs: number, gapMs: number): void => {
      if (key === "#") hashes++;
      if (key === "*") stars++;
      box.board.keypad.press(key);
      box.advance(holdMs);
      box.board.keypad.release(key);
      box.advance(gapMs);
    };
    while (door.keysPressed < RANDOM_KEYS) {
      const roll = next();
      if (roll < 0.04) {
        const storm = next() < 0.5 ? "#" : "*";
        for (let n = randomInt(next, 20, 100); n > 0; n--) tap(storm, randomInt(next, 25, 120), randomInt(next, 5, 100));
      } else if (roll < 0.12) {
        pairs++;
        mash(box, KEYS[randomInt(next, 0, 11)] + KEYS[randomInt(next, 0, 11)], next, randomInt(next, 10, 300));
      } else if (roll < 0.17) {
        // A guess of a code's length, typed cleanly: charged by the limiter, locks the keypad out.
        const digits = next() < 0.5 ? 6 : 8;
        for (let n = 0; n < digits; n++) tap(KEYS[randomInt(next, 0, 9)], randomInt(next, 40, 150), randomInt(next, 40, 200));
        tap("#", 80, 300);
        guesses++;
      } else if (roll < 0.18) {
        box.advance(randomInt(next, 15_000, 120_000)); // walks away: the half-typed code times out
      } else {
        tap(KEYS[randomInt(next, 0, 11)], randomInt(next, 1, 250), randomInt(next, 1, 400));
      }
      expect(box.board.coil.pulseCount).toBe(0);
    }
    box.advance(2000);
    const status = door.status();
    const wrong = door.log().filter((l) => l.includes("ev=wrong-code")).length;
    expect(box.board.coil.pulseCount).toBe(0);
    // The owner lifts the lock-out the keys caused, and the box opens for the owner's code.
    expect(box.authenticated(SECRET, "LIFT").join(" ")).toContain(" OK");
    expect(door.ownerOpens()).toBe(true);
    console.log(
      `random keys, ${name}: ${door.keysPressed} keys pressed (${hashes} #, ${stars} *, ${pairs} pairs, ${guesses} clean guesses), ` +
        `${wrong} wrong codes charged, lock-out ${field(status, "lockout")} s at the end, 0 unlocks; then the owner's code opened`,
    );
    record(door);
  }, FULL ? 3_600_000 : 300_000);

  it("a lid forced open while locked raises the alarm, pulses nothing, and ignores codes until it is shut", async () => {
    const door = await Door.open(options);
    const box = door.box;
    box.board.lid.open();
    box.advance(2000);
    expect(door.statusField("alarm")).toBe("forced");
    const code = door.code();
    box.type(`${code}#`);
    box.advance(2000);
    expect(box.board.coil.pulseCount).toBe(0);
    box.board.lid.close();
    box.advance(2000);
    // The code typed while the lid was open was not checked, so not used up: it opens now.
    box.type(`${code}#`);
    box.advance(500);
    expect(box.board.coil.pulseCount).toBe(1);
    box.advance(25_000); // not lifted in time: locks again by itself
    record(door);
  });

  it("a lid slammed during an unlock ends the pulse and leaves the box locked, at any moment of the pulse", async () => {
    const door = await Door.open(options);
    const box = door.box;
    const next = seededRandom(6);
    const moments = [0, 3, 50, 200, 700, 1200, 1490, 1600];
    let slowestRelease = Number.NEGATIVE_INFINITY;
    for (const atMs of moments) {
      door.untilCoilOn(door.code());
      box.advance(atMs);
      box.board.keypad.release("#");
      box.board.lid.open();
      const openedAt = box.board.scheduler.nowMs;
      box.advance(randomInt(next, 120, 1500));
      // The lid comes down hard: its reed switch bounces before it stays shut.
      for (let i = 0; i < 3; i++) {
        box.board.lid.close();
        box.advance(randomInt(next, 1, 3));
        box.board.lid.open();
        box.advance(randomInt(next, 1, 3));
      }
      box.board.lid.close();
      box.advance(2000);
      expect(box.board.coil.energised).toBe(false);
      // Lifting the lid releases the coil at once (after the lid switch's debounce).
      const pulse = box.board.coil.pulses[box.board.coil.pulseCount - 1];
      const offAfterMs = (pulse.endMs ?? Number.POSITIVE_INFINITY) - openedAt;
      expect(offAfterMs).toBeLessThanOrEqual(LID_RELEASES_COIL_MS);
      slowestRelease = Math.max(slowestRelease, offAfterMs);
      expect(door.statusField("lid")).toBe("closed");
      expect(door.statusField("lock")).toBe("locked");
    }
    expect(box.board.coil.pulseCount).toBe(moments.length);
    expect(door.ownerOpens()).toBe(true);
    console.log(`lid slammed, ${name}: ${moments.length} unlocks, the coil off at most ${slowestRelease} ms after the lid lifted`);
    record(door);
  });

  it("a power cut during a coil pulse drops the coil, and the box boots locked without pulsing", async () => {
    const door = await Door.open(options);
    const box = door.box;
    const moments = [0, 1, 10, 100, 750, 1499];
    for (const atMs of moments) {
      door.untilCoilOn(door.code());
      box.advance(atMs);
      box.board.powerOff("power cut during a coil pulse");
      expect(box.board.coil.energised).toBe(false);
      box.board.keypad.release("#");
      box.advance(2000);
      box.board.powerOn();
      box.advance(3000);
      expect(box.board.coil.energised).toBe(false);
      expect(door.statusField("lock")).toBe("locked");
    }
    expect(box.board.coil.pulseCount).toBe(moments.length);
    expect(door.ownerOpens()).toBe(true);
    record(door);
  });

  it("the longest pulse setting and a cut near its end stay within MAX_COIL_MS; a longer one is refused", async () => {
    const door = await Door.open(options);
    const box = door.box;
    expect(box.authenticated(SECRET, `SETTINGS SET unlockPulseMs=${MAX_COIL_MS + 1}`).join(" ")).toContain("ERR E_RANGE");
    expect(box.authenticated(SECRET, `SETTINGS SET unlockPulseMs=${MAX_COIL_MS}`).join(" ")).toContain(" OK");
    door.untilCoilOn(door.code());
    box.board.keypad.release("#");
    box.advance(MAX_COIL_MS + 1000);
    expect(box.board.coil.energised).toBe(false);
    box.advance(25_000);
    door.untilCoilOn(door.code());
    box.advance(MAX_COIL_MS - 10);
    box.powerCycle(1000);
    box.board.keypad.release("#");
    box.advance(3000);
    expect(box.board.coil.pulseCount).toBe(2);
    expect(door.ownerOpens()).toBe(true);
    record(door);
  });

  it("LOCKTEST hammered over USB pulses once per unlock, each within MAX_COIL_MS", async () => {
    const door = await Door.open(options);
    const box = door.box;
    for (let i = 0; i < 20; i++) expect(box.authenticated(SECRET, "LOCKTEST").join(" ")).toContain(" OK");
    box.advance(25_000); // not opened: locks again, and the next LOCKTEST may pulse
    for (let i = 0; i < 5; i++) expect(box.authenticated(SECRET, "LOCKTEST").join(" ")).toContain(" OK");
    box.advance(25_000);
    expect(box.board.coil.pulseCount).toBe(2);
    expect(door.ownerOpens()).toBe(true);
    record(door);
  });
});
