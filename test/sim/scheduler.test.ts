import { describe, expect, it } from "vitest";
import { Scheduler } from "../../sim/state/scheduler.ts";

const DAY_MS = 86_400_000;

describe("scheduler", () => {
  it("runs due callbacks in order of due time", () => {
    const s = new Scheduler();
    const ran: string[] = [];
    s.after(30, () => ran.push("c"));
    s.after(10, () => ran.push("a"));
    s.after(20, () => ran.push("b"));
    s.advance(100);
    expect(ran).toEqual(["a", "b", "c"]);
  });

  it("runs callbacks due at the same millisecond in the order they were scheduled", () => {
    const s = new Scheduler();
    const ran: number[] = [];
    for (let i = 0; i < 5; i++) s.after(10, () => ran.push(i));
    s.advance(10);
    expect(ran).toEqual([0, 1, 2, 3, 4]);
  });

  it("runs a callback at its due time, not at the end of the advance", () => {
    const s = new Scheduler();
    let seenAt = -1;
    s.after(250, () => (seenAt = s.nowMs));
    s.advance(1000);
    expect(seenAt).toBe(250);
    expect(s.nowMs).toBe(1000);
  });

  it("does not run a callback that is not yet due", () => {
    const s = new Scheduler();
    let ran = false;
    s.after(1001, () => (ran = true));
    s.advance(1000);
    expect(ran).toBe(false);
  });

  it("jumps days ahead running only the callbacks that fall due", () => {
    const s = new Scheduler();
    let runs = 0;
    const daily = (): void => {
      runs++;
      s.after(DAY_MS, daily);
    };
    s.after(DAY_MS, daily);
    s.advance(30 * DAY_MS);
    expect(runs).toBe(30);
    expect(s.nowMs).toBe(30 * DAY_MS);
  });

  it("drops a cancelled callback", () => {
    const s = new Scheduler();
    let ran = false;
    const id = s.after(10, () => (ran = true));
    expect(s.cancel(id)).toBe(true);
    s.advance(20);
    expect(ran).toBe(false);
  });

  it("drops every callback of one owner and keeps the others", () => {
    const s = new Scheduler();
    const ran: string[] = [];
    s.after(10, () => ran.push("runtime"), "boot-1");
    s.after(10, () => ran.push("world"));
    s.cancelOwner("boot-1");
    s.advance(20);
    expect(ran).toEqual(["world"]);
  });

  it("refuses to run backwards", () => {
    expect(() => new Scheduler().advance(-1)).toThrow(/backwards/);
  });

  it("stops a callback that reschedules itself with no delay", () => {
    const s = new Scheduler();
    s.maxTasksPerMs = 1000;
    const again = (): void => {
      s.after(0, again);
    };
    s.after(0, again);
    expect(() => s.advance(1)).toThrow(/reschedules itself/);
  });
});
