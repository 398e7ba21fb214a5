/**
 * An in-memory Flash (firmware/core/board.ts) that behaves like NOR flash, with power cuts.
 *
 * - `create` makes an erased file (every byte 0xff); creating a name that exists is refused.
 * - `write` only writes into erased bytes: writing a byte other than 0xff over a byte that is not
 *   0xff is refused (returns false, writes nothing) and counted in `counts.refusedWrites`, so a
 *   test can assert the code under test never tries.
 * - Power cuts: `cutAfterBytes(n)` lets exactly `n` more bytes reach the flash; the write that
 *   reaches the limit stops there (a prefix of its data is written) and throws PowerCut. With the
 *   limit reached at the end of a write, the next create, write or remove throws before doing
 *   anything. `cutAfterOperations(n)` does the same counting create/write/remove calls. After a
 *   cut every call throws PowerCut until `restart()`, as code on a board stops when power goes.
 * - `counts` tallies write calls, bytes written, creates (erase cycles) per file name and removes.
 *
 * The simulator's flash is meant to reuse this class (or its rules), so it depends on nothing
 * but Node's Buffer for latin1 byte strings.
 */
import type { Flash } from "../../firmware/core/board.ts";

export class PowerCut extends Error {
  constructor() {
    super("power cut");
    this.name = "PowerCut";
  }
}

export interface NorFlashCounts {
  /** create, write and remove calls, refused ones included (what cutAfterOperations counts). */
  operations: number;
  writes: number;
  bytesWritten: number;
  creates: number;
  removes: number;
  refusedWrites: number;
  createsByFile: Record<string, number>;
}

export class NorFlash implements Flash {
  private readonly files = new Map<string, Buffer>();
  private readonly capacity: number;
  private bytesLeft = Infinity;
  private operationsLeft = Infinity;
  private dead = false;
  counts: NorFlashCounts = NorFlash.zeroCounts();

  /** `capacity`: total bytes of all files (Espruino Pico: 3 x 16 KB, less the firmware). */
  constructor(capacity = 64 * 1024) {
    this.capacity = capacity;
  }

  private static zeroCounts(): NorFlashCounts {
    return { operations: 0, writes: 0, bytesWritten: 0, creates: 0, removes: 0, refusedWrites: 0, createsByFile: {} };
  }

  /** Power fails once `bytes` more bytes have been written. */
  cutAfterBytes(bytes: number): void {
    this.bytesLeft = bytes;
  }

  /** Power fails before the create/write/remove call after the next `operations` ones. */
  cutAfterOperations(operations: number): void {
    this.operationsLeft = operations;
  }

  /** Power is back: operations work again; no cut is armed. The files are as the cut left them. */
  restart(): void {
    this.dead = false;
    this.bytesLeft = Infinity;
    this.operationsLeft = Infinity;
  }

  /** Whether a cut has happened and restart() has not been called. */
  isDown(): boolean {
    return this.dead;
  }

  resetCounts(): void {
    this.counts = NorFlash.zeroCounts();
  }

  /** The names of the files, sorted. */
  names(): string[] {
    return [...this.files.keys()].sort();
  }

  /** A copy of every file, to restore() later (a known flash image for many tests). */
  image(): Map<string, Buffer> {
    return new Map([...this.files].map(([name, data]) => [name, Buffer.from(data)]));
  }

  restore(image: Map<string, Buffer>): void {
    this.files.clear();
    for (const [name, data] of image) this.files.set(name, Buffer.from(data));
  }

  private alive(): void {
    if (this.dead) throw new PowerCut();
  }

  private mutating(): void {
    this.alive();
    if (this.operationsLeft <= 0 || this.bytesLeft <= 0) {
      this.dead = true;
      throw new PowerCut();
    }
    this.operationsLeft--;
    this.counts.operations++;
  }

  read(name: string, offset = 0, length?: number): string | undefined {
    this.alive();
    const data = this.files.get(name);
    return data === undefined ? undefined : data.subarray(offset, length === undefined ? undefined : offset + length).toString("latin1");
  }

  create(name: string, size: number): boolean {
    this.mutating();
    if (this.files.has(name) || size <= 0 || size > this.free()) return false;
    this.counts.creates++;
    this.counts.createsByFile[name] = (this.counts.createsByFile[name] ?? 0) + 1;
    this.files.set(name, Buffer.alloc(size, 0xff));
    return true;
  }

  write(name: string, offset: number, data: string): boolean {
    this.mutating();
    const file = this.files.get(name);
    const bytes = Buffer.from(data, "latin1");
    if (file === undefined || offset < 0 || offset + bytes.length > file.length) return false;
    for (let i = 0; i < bytes.length; i++) {
      if (file[offset + i] !== 0xff && bytes[i] !== 0xff) {
        this.counts.refusedWrites++;
        return false;
      }
    }
    this.counts.writes++;
    for (let i = 0; i < bytes.length; i++) {
      if (this.bytesLeft <= 0) {
        this.dead = true;
        throw new PowerCut();
      }
      file[offset + i] = bytes[i];
      this.bytesLeft--;
      this.counts.bytesWritten++;
    }
    return true;
  }

  remove(name: string): void {
    this.mutating();
    if (this.files.delete(name)) this.counts.removes++;
  }

  free(): number {
    this.alive();
    let used = 0;
    for (const data of this.files.values()) used += data.length;
    return this.capacity - used;
  }
}
