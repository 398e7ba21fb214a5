import { describe, expect, it } from "vitest";
import { emptyTally, type EnergyTally } from "../../sim/energy/meter.ts";
import { batteryLife, chargeOf, dailyCharge, DAY_MS, daysOn, masToMah } from "../../sim/energy/model.ts";
import type { Battery, Peripherals, PowerProfile } from "../../sim/energy/profiles.ts";

/** Round numbers, so every expected charge below can be worked out by hand. */
const PROFILE: PowerProfile = {
  name: "test",
  label: "test",
  firmwareSleeps: true,
  sleepMa: 0.1,
  idleMa: 10,
  activeMa: 30,
  cpuMsPerCallback: 2,
  cpuMsPerHmac: 10,
  pullUpOhms: 33_000,
  boardQuiescentMa: 0.01,
  dividerOhms: 6_000_000,
  sources: {},
};
/** packVolts 0: no divider current, except in the test that sets it. */
const PARTS: Peripherals = { supplyVolts: 3.3, packVolts: 0, ds3231Ma: 0.1, ledMa: 5, buzzerMa: 20, coilMa: 1000, externalPullUpOhms: 3300, lidPullUpOhms: 330_000, sources: {} };
const BATTERY: Battery = { label: "test", cells: 4, capacityMah: 1000, source: "" };

function tally(fields: Partial<EnergyTally>): EnergyTally {
  return { ...emptyTally(), ...fields };
}

describe("energy model", () => {
  it("charges sleep, DS3231 and regulator for a powered idle stretch", () => {
    const b = chargeOf(tally({ windowMs: 10_000, poweredMs: 10_000, asleepMs: 10_000, rtcPoweredMs: 10_000 }), 0, PROFILE, PARTS);
    expect(b.asleep).toBeCloseTo(1, 9); // 10 s x 0.1 mA
    expect(b.ds3231).toBeCloseTo(1, 9);
    expect(b.quiescent).toBeCloseTo(0.1, 9);
    expect(b.total).toBeCloseTo(2.1, 9);
  });

  it("charges the DS3231 only while its module has power, and the divider all the time", () => {
    const b = chargeOf(tally({ windowMs: 10_000, poweredMs: 5_000, asleepMs: 5_000, rtcPoweredMs: 100 }), 0, PROFILE, { ...PARTS, packVolts: 6 });
    expect(b.ds3231).toBeCloseTo(0.01, 9); // 0.1 s x 0.1 mA
    expect(b.divider).toBeCloseTo(0.01, 9); // 10 s x 6 V / 6 MOhm = 1 uA
  });

  it("charges the lid's own pull-up by its resistance", () => {
    const b = chargeOf(tally({ windowMs: 1000, weakPullUpLowMs: 1000 }), 0, PROFILE, PARTS);
    expect(b.pullUps).toBeCloseTo(0.01, 9); // 3.3 V / 330 kOhm = 10 uA for 1 s
  });

  it("charges a firmware that never sleeps its idle current while it could have slept", () => {
    const b = chargeOf(tally({ windowMs: 10_000, poweredMs: 10_000, asleepMs: 10_000 }), 0, { ...PROFILE, firmwareSleeps: false }, PARTS);
    expect(b.asleep).toBeCloseTo(100, 9); // 10 s x 10 mA
  });

  it("moves estimated CPU time out of the awake time and charges it at the active current", () => {
    // 100 callbacks x 2 ms + 10 HMACs x 10 ms = 300 ms busy out of 1000 ms awake.
    const b = chargeOf(tally({ windowMs: 1000, poweredMs: 1000, awakeMs: 1000, callbacks: 100 }), 10, PROFILE, PARTS);
    expect(b.cpuMs).toBe(300);
    expect(b.cpu).toBeCloseTo(9, 9); // 0.3 s x 30 mA
    expect(b.idle).toBeCloseTo(7, 9); // 0.7 s x 10 mA
  });

  it("charges CPU time beyond the awake time on top, never negative idle", () => {
    const b = chargeOf(tally({ windowMs: 1000, poweredMs: 1000, awakeMs: 100 }), 50, PROFILE, PARTS);
    expect(b.idle).toBe(0);
    expect(b.cpu).toBeCloseTo(15, 9); // 0.5 s x 30 mA
  });

  it("charges pull-ups by Ohm's law, LEDs per lit colour, buzzer and coil by on-time", () => {
    const b = chargeOf(
      tally({ windowMs: 1000, internalPullUpLowMs: 10_000, externalPullUpLowMs: 1000, greenMs: 1000, redMs: 1000, buzzerMs: 500, coilMs: 1500 }),
      0,
      PROFILE,
      PARTS,
    );
    expect(b.pullUps).toBeCloseTo(10 * 0.1 + 1 * 1, 9); // 3.3 V / 33 kOhm = 0.1 mA; / 3.3 kOhm = 1 mA
    expect(b.led).toBeCloseTo(10, 9);
    expect(b.buzzer).toBeCloseTo(10, 9);
    expect(b.coil).toBeCloseTo(1500, 9);
  });

  it("gives battery life from the daily charge, not counting delivery windows twice", () => {
    const idleDay = chargeOf(tally({ windowMs: DAY_MS, poweredMs: DAY_MS, asleepMs: DAY_MS }), 0, { ...PROFILE, sleepMa: 1, boardQuiescentMa: 0 }, { ...PARTS, ds3231Ma: 0 });
    expect(idleDay.total).toBeCloseTo(86_400, 6); // 1 mA for a day
    const delivery = { ...idleDay, windowMs: 60_000, total: 60 + 3600 }; // its own idle minute plus 1 mAh
    const life = batteryLife(idleDay, delivery, 5, BATTERY);
    expect(life.dailyMas).toBeCloseTo(86_400 + 5 * 3600, 6);
    expect(life.averageMa).toBeCloseTo((86_400 + 18_000) / 86_400, 9);
    expect(life.days).toBeCloseTo((1000 * 3600) / (86_400 + 18_000), 9);
  });

  it("refuses an idle measurement that covers no time", () => {
    const empty = chargeOf(tally({}), 0, PROFILE, PARTS);
    expect(() => batteryLife(empty, empty, 5, BATTERY)).toThrow(/no time/);
  });

  it("refuses more deliveries than a day can hold", () => {
    const idleDay = chargeOf(tally({ windowMs: DAY_MS, poweredMs: DAY_MS, asleepMs: DAY_MS }), 0, PROFILE, PARTS);
    const delivery = { ...idleDay, windowMs: 3_600_000 };
    expect(() => batteryLife(idleDay, delivery, 25, BATTERY)).toThrow(/more delivery time/);
  });

  it("adds a day's events to the idle baseline for the rest of the day, and gives the days a charge lasts", () => {
    const idleDay = chargeOf(tally({ windowMs: DAY_MS, poweredMs: DAY_MS, asleepMs: DAY_MS }), 0, { ...PROFILE, sleepMa: 1, boardQuiescentMa: 0 }, { ...PARTS, ds3231Ma: 0 });
    const minute = { ...idleDay, windowMs: 60_000, total: 60 + 3600 };
    const day = dailyCharge(idleDay, [
      { label: "delivery", perDay: 5, charge: minute },
      { label: "owner", perDay: 2, charge: { ...minute, total: 60 + 1800 } },
    ]);
    expect(day).toBeCloseTo(86_400 - 7 * 60 + 5 * 3660 + 2 * 1860, 6);
    expect(daysOn(100, day)).toBeCloseTo((100 * 3600) / day, 9);
    expect(() => dailyCharge(idleDay, [{ label: "x", perDay: 25, charge: { ...minute, windowMs: 3_600_000 } }])).toThrow(/more event time/);
  });

  it("converts mAs to mAh", () => {
    expect(masToMah(7200)).toBe(2);
  });
});
