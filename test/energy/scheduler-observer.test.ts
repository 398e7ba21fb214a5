import { describe, expect, it } from "vitest";
import { Scheduler, type TaskRun } from "../../sim/state/scheduler.ts";

describe("scheduler run observer (the power meter's hook)", () => {
  it("sees each task start and end, with its owner and time", () => {
    const scheduler = new Scheduler();
    const seen: TaskRun[] = [];
    scheduler.observeRuns((run) => seen.push(run));
    scheduler.after(10, () => undefined, "boot-1");
    scheduler.advance(20);
    expect(seen).toEqual([
      { owner: "boot-1", atMs: 10, phase: "start" },
      { owner: "boot-1", atMs: 10, phase: "end" },
    ]);
  });

  it("reports the end of a task that throws, and the error still reaches the caller", () => {
    const scheduler = new Scheduler();
    const phases: string[] = [];
    scheduler.observeRuns((run) => phases.push(run.phase));
    scheduler.after(1, () => {
      throw new Error("boom");
    });
    expect(() => scheduler.advance(5)).toThrow("boom");
    expect(phases).toEqual(["start", "end"]);
  });

  it("stops reporting once unsubscribed", () => {
    const scheduler = new Scheduler();
    let count = 0;
    const stop = scheduler.observeRuns(() => count++);
    stop();
    stop();
    scheduler.after(1, () => undefined);
    scheduler.advance(5);
    expect(count).toBe(0);
  });
});
