/**
 * Clock reset to zero, on both built files. docs/codes.md ("Time"): while the box's clock is
 * unknown every code is refused, owner codes included, and the box says so. A DS3231 that lost
 * its coin cell reads 2000-01-01 (or garbage) and the microcontroller's clock restarts from 0 at
 * power-up, so the box must come up not ready. A DS3231 that reads a VALID but stale date (the
 * box epoch itself, 2020-01-01) is more than CHECKPOINT_SLACK_SECONDS behind the checkpoint: it
 * is not believed, and the box comes up not ready too (firmware/core/clock.ts) rather than
 * guessing the time from its checkpoint.
 */
import { describe, expect, it } from "vitest";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import { BUILDS, ClockBox, HOUR, secondsOutside } from "./clock-box.ts";
import { summary } from "./summary.ts";

/** The chip after its coin cell died: 2000-01-01 with the oscillator-stop flag up. */
function ds3231LosesTime(box: ClockBox): void {
  const chip = box.sim.board.ds3231;
  if (!chip) throw new Error("no DS3231 fitted");
  chip.setUnixSeconds(946684800);
  chip.write([0x0f, 0x80]);
}

/** All seven time registers zero: day 0 of month 0, not a date. */
function ds3231RegistersZero(box: ClockBox): void {
  box.sim.board.ds3231?.write([0, 0, 0, 0, 0, 0, 0, 0]);
}

for (const { name, build } of BUILDS) {
  describe(`clock reset to zero [${name}]`, () => {
    for (const [fault, apply] of [
      ["DS3231 lost its time (coin cell out)", ds3231LosesTime],
      ["DS3231 registers all zero", ds3231RegistersZero],
    ] as const) {
      it(`${fault} + MCU clock from 0 at power-up: not ready, every code refused with amber and no guess charged, until the owner sets the clock`, async () => {
        const box = await ClockBox.start(build);
        box.advance(30 * 60 * 1000);
        apply(box);
        box.sim.powerCycle(1000);
        expect(box.clock()).toMatchObject({ set: false, time: -1 });
        let worst = 0;
        // Probe for three hours of true time: the code of the true hour and the owner's code.
        for (let i = 0; i < 6; i++) {
          const hour = Math.floor(box.trueBox() / HOUR);
          expect(box.enter(box.deliveryCode(hour, 1))).toBe("not-ready");
          expect(box.enter(box.ownerCode(box.phoneStep()))).toBe("not-ready");
          box.advance(30 * 60 * 1000);
        }
        expect(box.status()).toMatchObject({ set: "0", wrong: "0", lockout: "0" });
        box.syncClock();
        const at = box.trueBox();
        const hour = Math.floor(at / HOUR);
        expect(box.enter(box.deliveryCode(hour, 1))).toBe("opened");
        worst = Math.max(worst, secondsOutside(at, hour * HOUR, (hour + 1) * HOUR));
        expect(box.enter(box.deliveryCode(hour - 1, 1, 1))).toBe("refused");
        summary(`reset to zero: ${fault}`, name, worst, 0, "no code accepted while unknown");
        expect(worst).toBe(0);
        expect(box.errors()).toEqual([]);
        box.close();
      });
    }

    it("a power cut with a good DS3231: the MCU clock restarts from 0 but the box reads the DS3231 and is within 1 s of true time", async () => {
      const box = await ClockBox.start(build);
      box.advance(5 * HOUR * 1000);
      box.sim.powerCycle(60_000);
      const clock = box.clock();
      expect(clock.set).toBe(true);
      expect(Math.abs(clock.time - box.trueBox())).toBeLessThanOrEqual(1);
      const hour = Math.floor(box.trueBox() / HOUR);
      expect(box.enter(box.deliveryCode(hour, 1))).toBe("opened");
      box.close();
    });

    it("DS3231 reads the box epoch (2020-01-01), behind the checkpoint: not ready, no code accepted, until the owner sets the clock", async () => {
      const box = await ClockBox.start(build);
      // Provisioning set the clock and stored the checkpoint at 09:00; the box then sleeps.
      const windowHour = Math.floor(box.trueBox() / HOUR);
      box.advance(50 * 60 * 1000);
      box.sim.board.ds3231?.setUnixSeconds(BOX_EPOCH_UNIX);
      box.sim.powerCycle(1000);
      expect(box.clock()).toMatchObject({ set: false, time: -1 });
      // The 09:00-10:00 code, probed every 10 minutes after its window with a fresh slot each time.
      let worst = 0;
      const slots = [0, 1, 2, 3, 4, 5];
      for (const slot of slots) {
        box.advanceToBox((windowHour + 1) * HOUR + 5 * 60 + slot * 10 * 60);
        const at = box.trueBox();
        const outcome = box.enter(box.deliveryCode(windowHour, 1, slot));
        expect(outcome).toBe("not-ready");
        if (outcome === "opened") worst = Math.max(worst, secondsOutside(at, windowHour * HOUR, (windowHour + 1) * HOUR));
      }
      summary("DS3231 reads 2020-01-01 (behind the checkpoint: not ready)", name, worst, 0, "no code accepted while unknown");
      expect(worst).toBe(0);
      box.syncClock();
      expect(box.enter(box.deliveryCode(Math.floor(box.trueBox() / HOUR), 1))).toBe("opened");
      expect(box.errors()).toEqual([]);
      box.close();
    });
  });
}
