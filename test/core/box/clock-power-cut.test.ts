import { describe, expect, it } from "vitest";
import { CHECKPOINT_SLACK_SECONDS } from "../../../firmware/core/clock.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING, ownerTotp } from "./rig.ts";

const DAY = MORNING / HOUR - 9;

describe("the clock across power cuts", () => {
  it("a DS3231 that comes back behind the checkpoint is not believed: the clock is unknown, and that is logged", () => {
    let rig = BoxRig.provisioned();
    rig.wait(2 * HOUR * 1000);
    rig.enter("1234"); // any key wakes the box, which checkpoints the clock
    const checkpoint = rig.box.memory.clockCheckpoint();
    expect(checkpoint).toBeGreaterThanOrEqual(MORNING + 600 + 2 * HOUR);
    const past = MORNING - 30 * 24 * HOUR;
    rig = rig.powerCycle({ ds3231Seconds: past });
    expect(rig.now()).toBe(-1);
    expect(rig.log()).toContain(`clock-backup-behind found=${past} checkpoint=${checkpoint}`);
    expect(rig.log().pop()).toBe("power-up clock=unknown");
    rig.enter(codeFor(delivery(DAY, 24, 0)));
    expect(rig.patterns.pop()).toBe("not-ready");
  });

  it("a DS3231 within the slack behind the checkpoint is believed", () => {
    let rig = BoxRig.provisioned();
    const checkpoint = rig.box.memory.clockCheckpoint();
    rig = rig.powerCycle({ ds3231Seconds: checkpoint - CHECKPOINT_SLACK_SECONDS });
    expect(rig.now()).toBe(checkpoint - CHECKPOINT_SLACK_SECONDS);
  });

  it("a DS3231 that kept time is taken and nothing is logged", () => {
    let rig = BoxRig.provisioned();
    const before = rig.now();
    rig = rig.powerCycle({ offMs: 10_000 });
    expect(rig.now()).toBe(before + 10);
    expect(rig.log().some((e) => e.startsWith("clock-moved-up") || e.startsWith("clock-backup-behind"))).toBe(false);
  });

  it("a code that expired before the power cut stays expired when the DS3231 comes back in its window", () => {
    const hourCode = delivery(MORNING / HOUR + 1, 1, 0); // 10:00-11:00
    const end = (hourCode.start + 1) * HOUR;
    let rig = BoxRig.provisioned();
    rig.waitUntil(end - 50 * 60);
    rig.enter("1234"); // a wake at 10:10 checkpoints the clock
    rig.enterAt(codeFor(hourCode), end + 5 * 60); // 11:05: expired, refused
    expect(rig.pulses()).toBe(0);
    rig = rig.powerCycle({ ds3231Seconds: end - 2 * HOUR });
    rig.enter(codeFor(hourCode));
    expect(rig.pulses()).toBe(0);
    expect(rig.now()).toBe(-1);
  });
});

describe("the clock while powered: the DS3231 is the time", () => {
  it("a code is checked on the DS3231's time, not on a microcontroller clock that ran fast", () => {
    const rig = BoxRig.provisioned();
    const elevenCode = delivery(MORNING / HOUR + 2, 1, 0); // 11:00-12:00
    const tenCode = delivery(MORNING / HOUR + 1, 1, 0); // 10:00-11:00
    rig.waitUntil((MORNING / HOUR + 1) * HOUR + 55 * 60); // 10:55 on both clocks
    rig.fake.ds3231Seconds = rig.fake.clockSeconds;
    rig.fake.clockSeconds = rig.fake.ds3231Seconds + 6 * 60; // the microcontroller says 11:01
    rig.enter(codeFor(elevenCode));
    expect(rig.pulses()).toBe(0);
    expect(rig.now()).toBe(rig.fake.ds3231Seconds);
    rig.enter(codeFor(tenCode));
    expect(rig.pulses()).toBe(1);
  });

  it("a DS3231 that jumps behind the checkpoint while powered is not followed, and that is logged once", () => {
    const rig = BoxRig.provisioned();
    const now = rig.now();
    rig.fake.ds3231Seconds = now - 24 * HOUR;
    rig.enter("1");
    rig.enter("2");
    expect(rig.now() - now).toBeLessThan(10);
    expect(rig.now() - now).toBeGreaterThanOrEqual(0);
    expect(rig.log().filter((e) => e.startsWith("clock-backup-behind")).length).toBe(1);
  });
});

describe("a box without a backup clock", () => {
  function cutWithoutDs3231(): BoxRig {
    const rig = BoxRig.provisioned({ ds3231: false });
    return rig.powerCycle();
  }

  it("comes back with its clock unknown, logs it and says so over USB", () => {
    const rig = cutWithoutDs3231();
    expect(rig.now()).toBe(-1);
    expect(rig.log().pop()).toBe("power-up clock=unknown");
    const clock = rig.request("CLOCK GET");
    expect(BoxRig.field(clock, "set")).toBe("0");
    expect(BoxRig.field(clock, "backup")).toBe("0");
  });

  it("refuses a delivery code with the not-ready signal, without charging a guess", () => {
    const rig = cutWithoutDs3231();
    const limiter = rig.box.memory.limiterAt(rig.now());
    rig.enter(codeFor(delivery(DAY, 24, 0)));
    expect(rig.pulses()).toBe(0);
    expect(rig.patterns.pop()).toBe("not-ready");
    expect(rig.fake.led.some((l) => l.colour === "amber")).toBe(true);
    expect(rig.box.memory.limiterAt(rig.now())).toEqual(limiter);
  });

  it("refuses the owner's code with the not-ready signal", () => {
    const rig = cutWithoutDs3231();
    rig.enter(ownerTotp(MORNING + 700));
    expect(rig.pulses()).toBe(0);
    expect(rig.patterns.pop()).toBe("not-ready");
  });

  it("takes codes again once the owner sets the clock over USB", () => {
    const rig = cutWithoutDs3231();
    expect(rig.authenticated(`CLOCK SET time=${MORNING + 900}`).pop()).toMatch(/ OK/);
    rig.enter(codeFor(delivery(DAY, 24, 0)));
    expect(rig.pulses()).toBe(1);
  });
});
