/**
 * Virtual time and a deterministic scheduler: the only clock the simulated world has.
 *
 * `nowMs` counts milliseconds since the simulation started and never stops, across power cuts
 * (the world goes on while the board is off). Callbacks run in order of due time, and in order of
 * scheduling among callbacks due at the same millisecond, so every run of a test is the same run.
 * `advance` jumps straight from one due callback to the next, so days of idle box cost
 * microseconds of wall time: an idle box schedules nothing, and nothing is stepped through.
 */

/** Who scheduled a callback: the world (tests, parts) or one boot of the board's runtime. */
export type Owner = string;

/** One task starting or ending, as seen by a run observer (the power model, sim/energy). */
export interface TaskRun {
  owner: Owner;
  atMs: number;
  phase: "start" | "end";
}

interface Task {
  id: number;
  atMs: number;
  seq: number;
  owner: Owner;
  run: () => void;
}

export class Scheduler {
  private time = 0;
  private seq = 0;
  private nextId = 1;
  private tasks: Task[] = [];
  private readonly runObservers: ((run: TaskRun) => void)[] = [];
  /** Guards against a callback that keeps scheduling itself at the same millisecond. */
  maxTasksPerMs = 100_000;

  get nowMs(): number {
    return this.time;
  }

  /** Runs `run` at `atMs` (or now, if that has passed); returns an id for `cancel`. */
  at(atMs: number, run: () => void, owner: Owner = "world"): number {
    const task: Task = { id: this.nextId++, atMs: Math.max(atMs, this.time), seq: this.seq++, owner, run };
    // Keep tasks sorted by (atMs, seq): insertion after the last task not later than this one.
    let i = this.tasks.length;
    while (i > 0 && this.tasks[i - 1].atMs > task.atMs) i--;
    this.tasks.splice(i, 0, task);
    return task.id;
  }

  after(ms: number, run: () => void, owner: Owner = "world"): number {
    return this.at(this.time + Math.max(0, ms), run, owner);
  }

  cancel(id: number): boolean {
    const i = this.tasks.findIndex((t) => t.id === id);
    if (i < 0) return false;
    this.tasks.splice(i, 1);
    return true;
  }

  /** Drops every task of one owner: what a power cut does to the runtime's timers. */
  cancelOwner(owner: Owner): void {
    this.tasks = this.tasks.filter((t) => t.owner !== owner);
  }

  isPending(id: number): boolean {
    return this.tasks.some((t) => t.id === id);
  }

  /** When task `id` is due, or undefined when it is not pending. */
  dueMs(id: number): number | undefined {
    return this.tasks.find((t) => t.id === id)?.atMs;
  }

  /** Due time of the next task (of `owner`, if given), or undefined when none is pending. */
  nextDueMs(owner?: Owner): number | undefined {
    const task = owner === undefined ? this.tasks[0] : this.tasks.find((t) => t.owner === owner);
    return task?.atMs;
  }

  pendingCount(owner?: Owner): number {
    return owner === undefined ? this.tasks.length : this.tasks.filter((t) => t.owner === owner).length;
  }

  /** Tasks (of `owner`, if given) due before `atMs`: "is the box awake soon?" checks use this. */
  pendingBefore(atMs: number, owner?: Owner): number {
    return this.tasks.filter((t) => t.atMs < atMs && (owner === undefined || t.owner === owner)).length;
  }

  /** Runs every task due now (including ones those tasks schedule for now). */
  runDue(): number {
    let ran = 0;
    while (this.tasks.length > 0 && this.tasks[0].atMs <= this.time) {
      if (++ran > this.maxTasksPerMs) throw new Error(`more than ${this.maxTasksPerMs} tasks at ${this.time} ms: a callback reschedules itself with no delay`);
      const task = this.tasks.shift() as Task;
      if (this.runObservers.length === 0) {
        task.run();
        continue;
      }
      this.notify(task, "start");
      try {
        task.run();
      } finally {
        this.notify(task, "end");
      }
    }
    return ran;
  }

  /**
   * Tells `observer` about every task as it starts and ends, so the power model (sim/energy) can
   * see when the runtime wakes. Observers only watch: they must not schedule or cancel tasks.
   * Returns a function that stops the observing.
   */
  observeRuns(observer: (run: TaskRun) => void): () => void {
    this.runObservers.push(observer);
    return () => {
      const i = this.runObservers.indexOf(observer);
      if (i >= 0) this.runObservers.splice(i, 1);
    };
  }

  private notify(task: Task, phase: TaskRun["phase"]): void {
    for (const observer of [...this.runObservers]) observer({ owner: task.owner, atMs: this.time, phase });
  }

  /** Moves time forward by `ms`, running every task that falls due on the way, in order. */
  advance(ms: number): void {
    if (ms < 0) throw new Error("time does not run backwards");
    const target = this.time + ms;
    this.runDue();
    while (this.tasks.length > 0 && this.tasks[0].atMs <= target) {
      this.time = this.tasks[0].atMs;
      this.runDue();
    }
    this.time = target;
  }

  /** Advances to the next pending task and runs it (and all due with it); false when none. */
  step(): boolean {
    const next = this.tasks[0];
    if (!next) return false;
    this.advance(next.atMs - this.time);
    return true;
  }
}
