import { describe, expect, it } from "vitest";
import { BoxRig, codeFor, delivery, HOUR, MORNING, ownerTotp } from "./rig.ts";

const DAY = MORNING / HOUR - 9;

describe("the clock across power cuts", () => {
  it("a DS3231 that comes back at a past time is moved up to the checkpoint, and that is logged", () => {
    let rig = BoxRig.provisioned();
    rig.wait(2 * HOUR * 1000);
    rig.enter("1234"); // any key wakes the box, which checkpoints the clock
    const checkpoint = rig.box.memory.clockCheckpoint();
    expect(checkpoint).toBeGreaterThanOrEqual(MORNING + 600 + 2 * HOUR);
    const past = MORNING - 30 * 24 * HOUR;
    rig = rig.powerCycle({ ds3231Seconds: past });
    expect(rig.now()).toBe(checkpoint);
    expect(rig.log()).toContain(`clock-moved-up found=${past} checkpoint=${checkpoint}`);
  });

  it("a DS3231 that kept time is left alone and nothing is logged", () => {
    let rig = BoxRig.provisioned();
    const before = rig.now();
    rig = rig.powerCycle({ offMs: 10_000 });
    expect(rig.now()).toBe(before + 10);
    expect(rig.log().some((e) => e.startsWith("clock-moved-up"))).toBe(false);
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
    expect(rig.now()).toBeGreaterThanOrEqual(end);
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
    const limiter = rig.box.memory.limiter();
    rig.enter(codeFor(delivery(DAY, 24, 0)));
    expect(rig.pulses()).toBe(0);
    expect(rig.patterns.pop()).toBe("not-ready");
    expect(rig.fake.led.some((l) => l.colour === "amber")).toBe(true);
    expect(rig.box.memory.limiter()).toEqual(limiter);
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
