import { describe, expect, it } from "vitest";
import { Lock, type LockEvents } from "../../firmware/core/lock.ts";
import { MAX_COIL_MS } from "../../firmware/core/settings.ts";
import { FakeBoard } from "../fakes/fake-board.ts";

function setup(pulseMs = 1500, lidOpenAtBoot = false): { fake: FakeBoard; lock: Lock; events: string[] } {
  const fake = new FakeBoard();
  fake.lidOpen = lidOpenAtBoot;
  const board = fake.board();
  const events: string[] = [];
  const log: LockEvents = {
    unlocked: (reason, ms) => events.push(`unlocked ${reason} ${ms}`),
    notOpened: () => events.push("not-opened"),
    lidOpened: (a) => events.push(`opened ${a ? "authorised" : "forced"}`),
    lidClosed: (a) => events.push(`closed ${a ? "authorised" : "forced"}`),
    lidLeftOpen: () => events.push("left-open"),
  };
  const lock = new Lock(board.coil, board.lid, board.timers, { unlockPulseMs: () => pulseMs, relockIfNotOpenedMs: () => 20000, lidOpenAlarmMs: () => 300000 }, log);
  board.lid.onChange((open) => lock.lidChanged(open));
  return { fake, lock, events };
}

describe("lock and lid", () => {
  it("an unlock pulses the coil once for the set time", () => {
    const { fake, lock } = setup(1500);
    expect(lock.unlock("delivery")).toBe(true);
    expect(fake.coilPulses).toEqual([{ at: 0, ms: 1500 }]);
    expect(lock.state()).toBe("unlocked");
  });

  it("the coil pulse never exceeds MAX_COIL_MS, whatever the setting", () => {
    const { fake, lock } = setup(60_000);
    lock.unlock("owner");
    expect(fake.longestPulse()).toBe(MAX_COIL_MS);
  });

  it("a second unlock while waiting for the lid does not pulse again", () => {
    const { fake, lock } = setup();
    lock.unlock("delivery");
    fake.timers.advance(1000);
    lock.unlock("delivery");
    expect(fake.coilPulses).toHaveLength(1);
  });

  it("relocks when the lid is not opened in time", () => {
    const { fake, lock, events } = setup();
    lock.unlock("delivery");
    fake.timers.advance(20_000);
    expect(lock.state()).toBe("locked");
    expect(events).toContain("not-opened");
  });

  it("opening after an unlock is authorised and closing locks", () => {
    const { fake, lock, events } = setup();
    lock.unlock("delivery");
    fake.timers.advance(500);
    fake.setLid(true);
    expect(lock.state()).toBe("open");
    fake.setLid(false);
    expect(lock.state()).toBe("locked");
    expect(events).toEqual(["unlocked delivery 1500", "opened authorised", "closed authorised"]);
  });

  it("opening the lid releases the coil at once", () => {
    const { fake, lock } = setup();
    lock.unlock("delivery");
    const before = fake.coilReleases;
    fake.setLid(true);
    expect(fake.coilReleases).toBe(before + 1);
  });

  it("a lid opened while locked is forced", () => {
    const { fake, lock, events } = setup();
    fake.setLid(true);
    expect(lock.state()).toBe("forced");
    expect(events).toEqual(["opened forced"]);
  });

  it("a lid left open raises the alarm after the set time", () => {
    const { fake, lock, events } = setup();
    lock.unlock("delivery");
    fake.setLid(true);
    fake.timers.advance(299_999);
    expect(events).not.toContain("left-open");
    fake.timers.advance(1);
    expect(events).toContain("left-open");
  });

  it("closing the lid before the alarm time raises nothing", () => {
    const { fake, lock, events } = setup();
    lock.unlock("delivery");
    fake.setLid(true);
    fake.setLid(false);
    fake.timers.advance(1_000_000);
    expect(events).not.toContain("left-open");
    expect(fake.timers.pending()).toBe(0);
  });

  it("no unlock while the lid is open", () => {
    const { fake, lock } = setup();
    fake.setLid(true);
    expect(lock.unlock("owner")).toBe(false);
    expect(fake.coilPulses).toHaveLength(0);
  });

  it("a box that powers up with the lid open counts it as forced", () => {
    const { lock } = setup(1500, true);
    expect(lock.state()).toBe("forced");
  });

  it("leaves no timer running once locked again (idle means asleep)", () => {
    const { fake, lock } = setup();
    lock.unlock("delivery");
    fake.timers.advance(20_000);
    expect(fake.timers.pending()).toBe(0);
  });
});
