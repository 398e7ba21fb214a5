/**
 * Jumps of a day either way: a DS3231 set wrongly or corrupted. The DS3231 is the time: the box
 * reads it whenever it wakes and adopts it, forwards or backwards, unless it reads more than
 * CHECKPOINT_SLACK_SECONDS behind the stored checkpoint (firmware/core/clock.ts). Such a reading
 * is not believed: while running the box keeps its own clock, at power-up its clock is unknown
 * (not ready) until the owner sets it. Every code entry moves the checkpoint into its hour
 * (box.ts), and an idle box checkpoints at its daily wake.
 *
 * docs/codes.md: a code refused as expired can open again only in the last
 * CHECKPOINT_SLACK_SECONDS of its window; a window that ended while the box slept stays closed
 * against a DS3231 that comes back a day behind, since the box is then not ready.
 * A DS3231 that jumps FORWARD is believed (nothing on the box can tell it from the truth): the
 * design's limit, documented in docs/codes.md.
 */
import { describe, expect, it } from "vitest";
import { BUILDS, ClockBox, DAY, HOUR, secondsOutside } from "./clock-box.ts";
import { knownBug, summary } from "./summary.ts";

/** Every slot of a delivery window with its uses spelled out: 9 openings (docs/codes.md). */
const SLOT_USES = [0, 1, 2, 3, 4, 4, 5, 5, 5];

/** Sets the DS3231 `seconds` away from the world's time (a wrong setting or a corrupted chip). */
function jumpDs3231(box: ClockBox, seconds: number): void {
  const chip = box.sim.board.ds3231;
  if (!chip) throw new Error("no DS3231 fitted");
  chip.setUnixSeconds(Math.floor(box.trueUnix()) + seconds);
}

/**
 * Probes one 1-hour window's code every `everyMin` minutes from true box time `from` for `count`
 * probes, a fresh use each time; returns the worst seconds outside the window of any opening.
 */
function probeWindow(box: ClockBox, windowHour: number, from: number, everyMin: number, count: number): { worst: number; opened: number } {
  let worst = 0;
  let opened = 0;
  let use = 0;
  for (let i = 0; i < count && use < SLOT_USES.length; i++) {
    box.advanceToBox(from + i * everyMin * 60);
    const at = box.trueBox();
    if (box.enter(box.deliveryCode(windowHour, 1, SLOT_USES[use])) === "opened") {
      use++;
      opened++;
      worst = Math.max(worst, secondsOutside(at, windowHour * HOUR, (windowHour + 1) * HOUR));
    }
  }
  return { worst, opened };
}

for (const { name, build } of BUILDS) {
  describe(`clock jumps a day [${name}]`, () => {
    it("a DS3231 set a day back while the box runs is not believed: the box keeps its own clock", async () => {
      const box = await ClockBox.start(build);
      box.advance(10 * 60 * 1000);
      jumpDs3231(box, -DAY);
      box.advance(HOUR * 1000);
      expect(Math.abs(box.clock().time - box.trueBox())).toBeLessThanOrEqual(1);
      const hour = Math.floor(box.trueBox() / HOUR);
      expect(box.enter(box.deliveryCode(hour - 24, 1))).toBe("refused");
      expect(box.enter(box.deliveryCode(hour, 1))).toBe("opened");
      box.close();
    });

    it("a day back at a power cut: a code typed after its window (refused as expired) never opens again", async () => {
      const box = await ClockBox.start(build);
      const windowHour = Math.floor(box.trueBox() / HOUR);
      // 09:00-10:00; at 10:20 someone types it: refused, and the checkpoint moves to 10:20.
      box.advanceToBox((windowHour + 1) * HOUR + 20 * 60);
      expect(box.enter(box.deliveryCode(windowHour, 1, 0))).toBe("refused");
      box.advanceToBox((windowHour + 1) * HOUR + 40 * 60);
      jumpDs3231(box, -DAY);
      box.sim.powerCycle(1000);
      // Behind the checkpoint: not believed, the box comes up not ready.
      expect(box.clock()).toMatchObject({ set: false, time: -1 });
      // Every slot of that window, every 15 minutes for the next three hours.
      let worst = 0;
      for (let i = 0; i < 12; i++) {
        box.advance(15 * 60 * 1000);
        const at = box.trueBox();
        if (box.enter(box.deliveryCode(windowHour, 1, i % 6)) === "opened") worst = Math.max(worst, secondsOutside(at, windowHour * HOUR, (windowHour + 1) * HOUR));
      }
      summary("DS3231 a day back, code seen expired", name, worst, 0);
      expect(worst).toBe(0);
      expect(box.errors()).toEqual([]);
      box.close();
    });

    it("a day back at a power cut after the box woke past the window's end: the window's codes stay closed", async () => {
      const box = await ClockBox.start(build);
      const windowHour = Math.floor(box.trueBox() / HOUR) + 1;
      // 10:00-11:00 is never typed; the owner's tool reads the clock at 11:05 (the box wakes and,
      // its checkpoint being over an hour old, stores a new one).
      box.advanceToBox((windowHour + 1) * HOUR + 5 * 60);
      box.clock();
      box.advanceToBox((windowHour + 1) * HOUR + 30 * 60);
      jumpDs3231(box, -DAY);
      box.sim.powerCycle(1000);
      const { worst, opened } = probeWindow(box, windowHour, box.trueBox() + 60, 15, 12);
      summary("DS3231 a day back, box awake after the window", name, worst, 0, `${opened} openings`);
      expect(opened).toBe(0);
      box.close();
    });

    describe("a day back at a power cut while the box slept through a window's end", () => {
      // Provisioned at 09:00 (checkpoint 09:00), asleep; 10:00-11:00 passes unused; at 12:00 the
      // DS3231 comes back a day behind. The box does not believe it: not ready until set.
      const runs = new Map<string, Promise<{ worst: number; opened: number; staleness: number }>>();
      const run = (): Promise<{ worst: number; opened: number; staleness: number }> => {
        const cached = runs.get(name);
        if (cached) return cached;
        const started = (async () => {
          const box = await ClockBox.start(build);
          const checkpoint = box.trueBox();
          const windowHour = Math.floor(checkpoint / HOUR) + 1;
          box.advanceToBox((windowHour + 2) * HOUR);
          jumpDs3231(box, -DAY);
          box.sim.powerCycle(1000);
          const staleness = box.trueBox() - checkpoint;
          const result = probeWindow(box, windowHour, box.trueBox() + 60, 10, 24);
          expect(box.errors()).toEqual([]);
          box.close();
          summary("DS3231 a day back, box asleep since before the window's end", name, result.worst, 0, `${result.opened} openings; checkpoint age ${Math.round(staleness)} s`);
          return { ...result, staleness };
        })();
        runs.set(name, started);
        return started;
      };

      it("an expired code never opens again after the DS3231 comes back a day behind (the box is not ready)", async () => {
        const { worst, opened } = await run();
        expect(opened).toBe(0);
        expect(worst).toBe(0);
      });
    });

    describe("a day forward at a power cut", () => {
      const runs = new Map<string, Promise<{ worst: number; opened: number }>>();
      const run = (): Promise<{ worst: number; opened: number }> => {
        const cached = runs.get(name);
        if (cached) return cached;
        const started = (async () => {
          const box = await ClockBox.start(build);
          const today = Math.floor(box.trueBox() / HOUR);
          box.advance(30 * 60 * 1000);
          jumpDs3231(box, DAY);
          box.sim.powerCycle(1000);
          // Tomorrow's 10:00-11:00 code, probed today from 09:45 every 10 minutes.
          const result = probeWindow(box, today + 25, today * HOUR + 45 * 60, 10, 12);
          // The owner notices and syncs the clock: back on true time.
          box.syncClock();
          expect(Math.abs(box.clock().time - box.trueBox())).toBeLessThanOrEqual(1);
          expect(box.enter(box.deliveryCode(today + 25, 1, 1))).toBe("refused");
          const now = Math.floor(box.trueBox() / HOUR);
          expect(box.enter(box.deliveryCode(now, 1))).toBe("opened");
          expect(box.errors()).toEqual([]);
          box.close();
          summary("DS3231 a day forward", name, result.worst, 0, `${result.opened} openings; nothing in the docs bounds this`);
          return result;
        })();
        runs.set(name, started);
        return started;
      };

      it("the box trusts the DS3231: tomorrow's code opens a day early; the owner's CLOCK SET puts it right", async () => {
        const { worst, opened } = await run();
        expect(opened).toBeGreaterThan(0);
        expect(worst).toBeGreaterThan(DAY - 2 * HOUR);
        expect(worst).toBeLessThanOrEqual(DAY);
      });

      // Remains: a DS3231 that jumps forward is believed; the design's limit (docs/codes.md, "Time").
      knownBug("KNOWN GAP (issue 6 asks for it; docs/codes.md states the limit): a code not yet valid does not open early after the DS3231 jumps a day forward", async () => {
        const { worst } = await run();
        expect(worst).toBe(0);
      });
    });
  });
}
