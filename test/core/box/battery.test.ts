/**
 * The battery (docs/energy.md, "Low and critical battery"): read at the wakes the box has anyway,
 * low after each entry's answer, critical on every key, each logged and announced once a day, no
 * code refused for it; the owner's calibration and a supply that never warns.
 */
import { describe, expect, it } from "vitest";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./rig.ts";

const CODE = codeFor(delivery(MORNING / HOUR - 9, 48, 0));
const LOW = 5200;
const CRITICAL = 4900;

function rigAt(mv: number, settings: Record<string, number> = {}): BoxRig {
  const rig = BoxRig.provisioned({ settings });
  rig.fake.batteryLevels = [LOW, CRITICAL];
  rig.fake.batteryMv = mv;
  rig.patterns.length = 0;
  return rig;
}

function usbEvents(rig: BoxRig): string[] {
  return rig.fake.usbOut.join("").split("\r\n").filter((l) => l.startsWith("* EVENT battery"));
}

function status(rig: BoxRig): [string | undefined, string | undefined] {
  const answer = rig.authenticated("STATUS");
  return [BoxRig.field(answer, "battery"), BoxRig.field(answer, "batterymv")];
}

describe("the battery", () => {
  it("reads ok above the low level, and says so in STATUS with its last reading", () => {
    const rig = rigAt(6000);
    expect(status(rig)).toEqual(["ok", "6000"]);
    rig.enter(CODE);
    expect(rig.patterns).not.toContain("battery-low");
    expect(rig.log().filter((e) => e.startsWith("battery"))).toEqual([]);
  });

  it("below the low level plays battery-low after the entry's own answer, logs and announces it once a day", () => {
    const rig = rigAt(5100);
    rig.enter("11111111");
    rig.wait(5000);
    const wrong = rig.patterns.indexOf("wrong");
    expect(wrong).toBeGreaterThanOrEqual(0);
    expect(rig.patterns[wrong + 1]).toBe("battery-low");
    expect(rig.log().filter((e) => e.startsWith("battery"))).toEqual(["battery level=low mv=5100"]);
    expect(usbEvents(rig)).toEqual(["* EVENT battery level=low mv=5100"]);
    expect(status(rig)).toEqual(["low", "5100"]);
    rig.enter("22222222");
    rig.wait(HOUR * 1000);
    rig.enter("33333333");
    expect(rig.log().filter((e) => e.startsWith("battery")).length).toBe(1);
    rig.wait(24 * HOUR * 1000);
    expect(rig.log().filter((e) => e.startsWith("battery")).length).toBe(2);
    expect(usbEvents(rig).length).toBe(2);
  });

  it("a key click does not carry the low signal: only an entry's answer and a closed lid do", () => {
    const rig = rigAt(5100);
    rig.fake.type("12");
    rig.wait(3000);
    expect(rig.patterns).toEqual(["key", "key"]);
    rig.enter("345678");
    rig.wait(3000);
    rig.patterns.length = 0;
    rig.enter(CODE);
    rig.wait(3500);
    expect(rig.patterns.slice(-2)).toEqual(["accepted", "battery-low"]);
    rig.lid(true);
    rig.lid(false);
    rig.wait(3000);
    expect(rig.patterns.slice(-2)).toEqual(["delivered", "battery-low"]);
  });

  it("below critical every key warns, it is logged, and a valid code still opens", () => {
    const rig = rigAt(4800);
    rig.fake.type("1");
    expect(rig.patterns).toEqual(["battery-critical"]);
    expect(rig.log().filter((e) => e.startsWith("battery"))).toEqual(["battery level=critical mv=4800"]);
    rig.fake.type("*");
    rig.patterns.length = 0;
    rig.enter(CODE);
    expect(rig.patterns.filter((p) => p === "battery-critical").length).toBe(8);
    expect(rig.pulses()).toBe(1);
    expect(status(rig)[0]).toBe("critical");
  });

  it("a warning stays until the pack reads well above the low level (new cells), not on a recovery of a few mV", () => {
    const rig = rigAt(5150);
    rig.enter("11111111");
    expect(status(rig)[0]).toBe("low");
    rig.fake.batteryMv = 5250;
    rig.enter("22222222");
    expect(status(rig)[0]).toBe("low");
    rig.fake.batteryMv = 5500;
    rig.enter("33333333");
    expect(status(rig)[0]).toBe("ok");
  });

  it("low then critical on the same day logs both", () => {
    const rig = rigAt(5100);
    rig.enter("11111111");
    rig.fake.batteryMv = 4800;
    rig.enter("22222222");
    expect(rig.log().filter((e) => e.startsWith("battery"))).toEqual(["battery level=low mv=5100", "battery level=critical mv=4800"]);
  });

  it("applies the owner's calibration (batteryTrim, per mille) before comparing", () => {
    const rig = rigAt(5100, { batteryTrim: 1050 });
    expect(status(rig)).toEqual(["ok", "5355"]);
  });

  it("never warns on a supply (levels 0) or when the board cannot read its pack", () => {
    const rig = rigAt(3000);
    rig.fake.batteryLevels = [0, 0];
    rig.enter("11111111");
    expect(status(rig)[0]).toBe("ok");
    rig.fake.batteryMv = -1;
    expect(status(rig)).toEqual(["unknown", "-1"]);
    expect(rig.patterns).not.toContain("battery-low");
  });
});
