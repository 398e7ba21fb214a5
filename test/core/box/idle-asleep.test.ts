import { describe, expect, it } from "vitest";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./rig.ts";

const DAY_MS = 24 * HOUR * 1000;
const WRONG = "12345678";

/** After the box's last timer of the moment has run: only the daily housekeeping wake is left. */
function expectAsleep(rig: BoxRig): void {
  const delays = rig.fake.timers.pendingDelays();
  expect(delays).toHaveLength(1);
  expect(delays[0]).toBeGreaterThan(DAY_MS - 5 * 60_000);
  expect(delays[0]).toBeLessThanOrEqual(DAY_MS);
  const led = rig.fake.led[rig.fake.led.length - 1];
  const buzzer = rig.fake.buzzer[rig.fake.buzzer.length - 1];
  expect(led?.colour ?? "off").toBe("off");
  expect(buzzer?.on ?? false).toBe(false);
}

describe("idle means asleep", () => {
  it("a freshly provisioned box keeps only the daily housekeeping timer", () => {
    const rig = BoxRig.provisioned();
    rig.wait(5000);
    expectAsleep(rig);
  });

  it("after a delivery and its signals end, only the daily housekeeping timer is pending", () => {
    const rig = BoxRig.provisioned();
    rig.enter(codeFor(delivery(MORNING / HOUR - 9, 24, 0)));
    rig.deliver();
    expect(rig.fake.timers.pending()).toBeGreaterThan(1); // the signal and the delivery output
    rig.wait(10_000);
    expectAsleep(rig);
  });

  it("after wrong codes and a lock-out, nothing keeps the box awake", () => {
    const rig = BoxRig.provisioned();
    for (let i = 0; i < 4; i++) rig.enter(WRONG);
    rig.wait(5000);
    expectAsleep(rig);
  });

  it("a half-typed code is forgotten and the box sleeps", () => {
    const rig = BoxRig.provisioned();
    rig.fake.type("1234");
    rig.wait(16_000);
    expectAsleep(rig);
  });

  it("an accepted code whose lid is never opened relocks and the box sleeps", () => {
    const rig = BoxRig.provisioned();
    rig.enter(codeFor(delivery(MORNING / HOUR - 9, 24, 0)));
    rig.wait(25_000);
    expectAsleep(rig);
  });

  it("the housekeeping wake checkpoints the clock and sets itself again", () => {
    const rig = BoxRig.provisioned();
    const before = rig.box.memory.clockCheckpoint();
    rig.wait(DAY_MS);
    expect(rig.box.memory.clockCheckpoint()).toBeGreaterThan(before);
    expectAsleep(rig);
  });
});
