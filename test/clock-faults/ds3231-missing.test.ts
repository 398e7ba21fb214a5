/**
 * A missing DS3231, never fitted or pulled off the bus, on both built files. README ("Keep the
 * clock right"): a box without the DS3231 forgets the time when it loses power and then refuses
 * codes (amber light) until the owner syncs it; docs/codes.md ("Time"): every code is refused,
 * owner codes included, and the box says so; docs/protocol.md: CLOCK GET and STATUS report
 * `set` and `backup`.
 */
import { describe, expect, it } from "vitest";
import { DS3231_ADDRESS } from "../../sim/state/ds3231.ts";
import { BUILDS, ClockBox, HOUR, secondsOutside } from "./clock-box.ts";
import { summary } from "./summary.ts";

for (const { name, build } of BUILDS) {
  describe(`missing DS3231 [${name}]`, () => {
    for (const how of ["never fitted", "pulled off the bus"] as const) {
      it(`${how}: after a power cut the box is not ready, says so over USB and at the keypad, charges no guess, and works again once the owner syncs the clock`, async () => {
        const box = await ClockBox.start(build, { ds3231: how === "pulled off the bus" });
        if (how === "pulled off the bus") box.sim.board.i2c.detach(DS3231_ADDRESS);
        box.advance(20 * 60 * 1000);
        box.sim.powerCycle(5000);
        expect(box.clock()).toMatchObject({ set: false, backup: false, time: -1 });
        expect(box.status()).toMatchObject({ set: "0", backup: "0" });
        const hour = Math.floor(box.trueBox() / HOUR);
        expect(box.enter(box.deliveryCode(hour, 1))).toBe("not-ready");
        expect(box.enter(box.ownerCode(box.phoneStep()))).toBe("not-ready");
        box.advance(3 * HOUR * 1000);
        expect(box.enter(box.deliveryCode(hour + 3, 1))).toBe("not-ready");
        expect(box.status()).toMatchObject({ wrong: "0", lockout: "0" });
        box.syncClock();
        expect(box.clock()).toMatchObject({ set: true, backup: false });
        const at = box.trueBox();
        const now = Math.floor(at / HOUR);
        expect(box.enter(box.deliveryCode(now, 1))).toBe("opened");
        const worst = secondsOutside(at, now * HOUR, (now + 1) * HOUR);
        summary(`DS3231 ${how}`, name, worst, 0, "not ready until synced; no code accepted meanwhile");
        expect(worst).toBe(0);
        expect(box.errors()).toEqual([]);
        box.close();
      });
    }

    it("never fitted: while powered the box keeps its time (backup=0 reported) and takes codes", async () => {
      const box = await ClockBox.start(build, { ds3231: false });
      box.advance(2 * HOUR * 1000);
      const clock = box.clock();
      expect(clock).toMatchObject({ set: true, backup: false });
      expect(Math.abs(clock.time - box.trueBox())).toBeLessThanOrEqual(1);
      const hour = Math.floor(box.trueBox() / HOUR);
      expect(box.enter(box.deliveryCode(hour, 1))).toBe("opened");
      box.close();
    });

    it("pulled off the bus while powered: nothing changes until the next power-up (the chip is read only then)", async () => {
      const box = await ClockBox.start(build);
      box.sim.board.i2c.detach(DS3231_ADDRESS);
      box.advance(HOUR * 1000);
      expect(box.clock()).toMatchObject({ set: true, backup: true });
      const hour = Math.floor(box.trueBox() / HOUR);
      expect(box.enter(box.deliveryCode(hour, 1))).toBe("opened");
      box.close();
    });

    it("pulled off the bus while powered: the owner's CLOCK SET keeps the time but answers that the DS3231 did not take it", async () => {
      const box = await ClockBox.start(build);
      box.sim.board.i2c.detach(DS3231_ADDRESS);
      const to = Math.floor(box.trueBox()) - 3600;
      const answer = box.usb(`CLOCK SET time=${to}`);
      expect(answer).toMatch(/ ERR E_STATE rtc/);
      // Later wakes do not read the (absent) chip back over the owner's time.
      box.advance(60_000);
      expect(Math.abs(box.clock().time - (to + 60))).toBeLessThanOrEqual(1);
      box.close();
    });

    it("refitted: the next power-up reads the chip again and the box is ready with the right time", async () => {
      const box = await ClockBox.start(build);
      const chip = box.sim.board.ds3231;
      if (!chip) throw new Error("no DS3231");
      box.sim.board.i2c.detach(DS3231_ADDRESS);
      box.sim.powerCycle(1000);
      expect(box.clock().set).toBe(false);
      box.sim.board.i2c.attach(DS3231_ADDRESS, chip);
      box.sim.powerCycle(1000);
      const clock = box.clock();
      expect(clock).toMatchObject({ set: true, backup: true });
      expect(Math.abs(clock.time - box.trueBox())).toBeLessThanOrEqual(1);
      box.close();
    });
  });
}
