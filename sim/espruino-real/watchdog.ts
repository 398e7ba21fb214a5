/**
 * A guard for the synchronous pipes to the real interpreter: while the host waits for an answer,
 * its thread is blocked, so a firmware stuck in a loop (or an interpreter that stopped talking)
 * would hang the test run for ever. A worker thread watches each waiting process and kills it
 * when its deadline passes; the host's read then ends, and the link reports the timeout.
 */
import { Worker } from "node:worker_threads";

const SLOTS = 64;
/** Per slot: pid, deadline (ms after `base`; 0 none), fired flag. */
const FIELDS = 3;

const WORKER = `
const { workerData } = require("node:worker_threads");
const a = new Int32Array(workerData.buffer);
setInterval(() => {
  const now = Date.now() - workerData.base;
  for (let i = 0; i < a.length; i += ${FIELDS}) {
    const pid = Atomics.load(a, i), deadline = Atomics.load(a, i + 1);
    if (pid > 0 && deadline > 0 && now > deadline) {
      Atomics.store(a, i + 2, 1);
      Atomics.store(a, i + 1, 0);
      try { process.kill(pid, "SIGKILL"); } catch {}
    }
  }
}, 100);
`;

let shared: { slots: Int32Array; base: number; used: boolean[] } | undefined;

function watchdog(): { slots: Int32Array; base: number; used: boolean[] } {
  if (shared) return shared;
  const buffer = new SharedArrayBuffer(SLOTS * FIELDS * 4);
  const base = Date.now();
  const worker = new Worker(WORKER, { eval: true, workerData: { buffer, base } });
  worker.unref();
  shared = { slots: new Int32Array(buffer), base, used: new Array<boolean>(SLOTS).fill(false) };
  return shared;
}

/** One process's place in the watchdog. */
export class Deadline {
  private readonly slot: number;

  constructor(pid: number) {
    const w = watchdog();
    const free = w.used.indexOf(false);
    if (free < 0) throw new Error(`more than ${SLOTS} real interpreters at once`);
    w.used[free] = true;
    this.slot = free * FIELDS;
    Atomics.store(w.slots, this.slot, pid);
    Atomics.store(w.slots, this.slot + 1, 0);
    Atomics.store(w.slots, this.slot + 2, 0);
  }

  /** The process is killed unless `disarm` comes within `ms`. */
  arm(ms: number): void {
    const w = watchdog();
    Atomics.store(w.slots, this.slot + 1, Math.max(1, Date.now() - w.base + ms));
  }

  disarm(): void {
    Atomics.store(watchdog().slots, this.slot + 1, 0);
  }

  /** Whether the watchdog killed the process. */
  get fired(): boolean {
    return Atomics.load(watchdog().slots, this.slot + 2) === 1;
  }

  release(): void {
    const w = watchdog();
    Atomics.store(w.slots, this.slot, 0);
    Atomics.store(w.slots, this.slot + 1, 0);
    w.used[this.slot / FIELDS] = false;
  }
}
