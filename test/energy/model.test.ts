import { describe, expect, it } from "vitest";
import { emptyTally, type EnergyTally } from "../../sim/energy/meter.ts";
import { batteryLife, chargeOf, DAY_MS, masToMah } from "../../sim/energy/model.ts";
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
  sources: {},
};
const PARTS: Peripherals = { supplyVolts: 3.3, ds3231Ma: 0.1, ledMa: 5, buzzerMa: 20, coilMa: 1000, externalPullUpOhms: 3300, sources: {} };
const BATTERY: Battery = { label: "test", cells: 4, capacityMah: 1000, source: "" };

function tally(fields: Partial<EnergyTally>): EnergyTally {
  return { ...emptyTally(), ...fields };
}

describe("energy model", () => {
  it("charges sleep, DS3231 and regulator for a powered idle stretch", () => {
    const b = chargeOf(tally({ windowMs: 10_000, poweredMs: 10_000, asleepMs: 10_000 }), 0, PROFILE, PARTS);
    expect(b.asleep).toBeCloseTo(1, 9); // 10 s x 0.1 mA
    expect(b.ds3231).toBeCloseTo(1, 9);
    expect(b.quiescent).toBeCloseTo(0.1, 9);
    expect(b.total).toBeCloseTo(2.1, 9);
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

  it("converts mAs to mAh", () => {
    expect(masToMah(7200)).toBe(2);
  });
});
