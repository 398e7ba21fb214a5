import { describe, expect, it } from "vitest";
import { Limiter } from "../../../firmware/core/codes/limiter.ts";
import { eventName } from "../../../firmware/core/host/log.ts";
import { PowerCut } from "../../fakes/nor-flash.ts";
import { auditEvents } from "../store/view.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./rig.ts";

const GOOD = codeFor(delivery(MORNING / HOUR - 9, 24, 5)); // three uses: it can open more than once
const WRONG = GOOD === "12345678" ? "87654321" : "12345678";

function status(rig: BoxRig, key: string): number {
  return Number(BoxRig.field(rig.authenticated("STATUS"), key));
}

function lastPattern(rig: BoxRig): string {
  return rig.patterns[rig.patterns.length - 1];
}

describe("the keypad lock-out", () => {
  it("two wrong codes are only wrong; the third locks the keypad out for 30 s", () => {
    const rig = BoxRig.provisioned();
    rig.enter(WRONG);
    rig.enter(WRONG);
    expect(lastPattern(rig)).toBe("wrong");
    expect(status(rig, "lockout")).toBe(0);
    rig.enter(WRONG);
    expect(lastPattern(rig)).toBe("locked-out-short");
    const lockout = status(rig, "lockout");
    expect(lockout).toBeGreaterThan(25);
    expect(lockout).toBeLessThanOrEqual(30);
    expect(rig.log().filter((e) => e.startsWith("lockout ")).pop()).toMatch(/ streak=3$/);
  });

  it("grows with each further consecutive wrong code: 30, 60, 120, 240 s", () => {
    const rig = BoxRig.provisioned();
    rig.enter(WRONG);
    rig.enter(WRONG);
    const lockouts: number[] = [];
    for (let i = 0; i < 4; i++) {
      rig.enter(WRONG);
      const memory = rig.box.memory;
      const event = auditEvents(memory.readEvents(memory.eventCount() - 1, 1))[0];
      expect(eventName(event.type)).toBe("lockout");
      lockouts.push(event.a - event.at); // locked out until, minus when
      rig.wait(lockouts[i] * 1000);
    }
    expect(lockouts).toEqual([30, 60, 120, 240]);
    expect(lastPattern(rig)).toBe("locked-out-minutes");
  });

  it("while locked out a right code does not open, and is not counted", () => {
    const rig = BoxRig.provisioned();
    for (let i = 0; i < 3; i++) rig.enter(WRONG);
    rig.enter(GOOD);
    expect(rig.pulses()).toBe(0);
    expect(lastPattern(rig)).toBe("locked-out-short");
    expect(status(rig, "wrong")).toBe(3);
  });

  it("once the lock-out is over a right code opens and ends the streak", () => {
    const rig = BoxRig.provisioned();
    for (let i = 0; i < 3; i++) rig.enter(WRONG);
    rig.wait(30_000);
    rig.enter(GOOD);
    expect(rig.pulses()).toBe(1);
    expect(status(rig, "wrong")).toBe(0);
  });

  it("survives a power cut: the rebuilt box still refuses for the remaining time", () => {
    let rig = BoxRig.provisioned();
    for (let i = 0; i < 5; i++) {
      rig.enter(WRONG);
      rig.wait(status(rig, "lockout") * 1000);
    }
    rig.enter(WRONG); // the 6th: 240 s
    rig = rig.powerCycle({ offMs: 60_000 });
    rig.enter(GOOD);
    expect(rig.pulses()).toBe(0);
    expect(lastPattern(rig)).toBe("locked-out-minutes");
    const left = status(rig, "lockout");
    expect(left).toBeGreaterThan(170);
    expect(left).toBeLessThanOrEqual(180);
    rig.wait(left * 1000);
    rig.enter(GOOD);
    expect(rig.pulses()).toBe(1);
  });

  it("a power cut after wrong codes does not reset the streak", () => {
    let rig = BoxRig.provisioned();
    rig.enter(WRONG);
    rig.enter(WRONG);
    rig = rig.powerCycle();
    rig.enter(WRONG);
    expect(lastPattern(rig)).toBe("locked-out-short");
  });

  it("a power cut at any byte of a wrong entry never gives the guess back once the box answered", () => {
    const setup = BoxRig.provisioned();
    setup.enter(WRONG);
    setup.enter(WRONG);
    const before = setup.box.memory.limiterAt(setup.now());
    const image = setup.fake.flash.image();
    let answeredRuns = 0;
    for (let bytes = 0; ; bytes++) {
      setup.fake.flash.restore(image);
      let rig = setup.powerCycle();
      rig.fake.type(WRONG);
      rig.fake.flash.cutAfterBytes(bytes);
      let cut = false;
      try {
        rig.fake.type("#");
      } catch (e) {
        if (!(e instanceof PowerCut)) throw e;
        cut = true;
      }
      const answered = rig.patterns.length > 0 && lastPattern(rig) !== "key";
      rig = rig.powerCycle();
      const after = rig.box.memory.limiterAt(rig.now());
      // Never back: the streak and the bucket are as before the entry or charged for it.
      expect(after[Limiter.Streak] === before[Limiter.Streak] || after[Limiter.Streak] === before[Limiter.Streak] + 1).toBe(true);
      expect(after[Limiter.Tokens]).toBeLessThanOrEqual(before[Limiter.Tokens]);
      if (answered) {
        answeredRuns++;
        expect(after[Limiter.Streak]).toBe(before[Limiter.Streak] + 1);
        expect(after[Limiter.Tokens]).toBe(before[Limiter.Tokens] - 1);
        rig.enter(GOOD);
        expect(rig.pulses()).toBe(0);
      }
      if (!cut) break;
    }
    expect(answeredRuns).toBeGreaterThan(0);
  });
});
