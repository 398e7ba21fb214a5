/**
 * NOR flash holding files, as Espruino's Storage and NodeMCU's file system sit on it: a new file
 * is erased (every byte 0xff); programming can only clear bits, so writing over bytes already
 * written gives the AND of old and new and is recorded as a violation; space of removed files is
 * trash until compaction. Power can be cut at any flash operation: a write then keeps only a
 * prefix of its bytes, and the board goes dark (the caller's code is unwound with PowerCut).
 */

export const MAX_NAME_LENGTH = 28;
/** Bytes each file costs besides its data (Espruino: name and size). */
export const FILE_HEADER_BYTES = 32;

/** Thrown into the firmware when the power goes: nothing after it runs. */
export class PowerCut extends Error {
  constructor() {
    super("power cut");
    this.name = "PowerCut";
  }
}

/** Where an injected power cut struck: the operation, its file, and the bytes of a write kept. */
export interface FlashCut {
  operation: "create" | "write" | "remove";
  name: string;
  keptBytes: number;
}

export interface FlashViolation {
  name: string;
  offset: number;
  was: number;
  wrote: number;
}

interface CutPlan {
  /** Counted down on each flash operation; the cut happens when it reaches 0. */
  operationsLeft: number;
  keepBytes: number;
}

export class NorFlash {
  private readonly files = new Map<string, Uint8Array>();
  private trash = 0;
  private cut: CutPlan | undefined;
  /** Create, write and remove operations so far: what `cutPowerAt` counts. */
  operations = 0;
  readonly violations: FlashViolation[] = [];
  /** Called when an injected cut fires, before PowerCut is thrown (the board powers off). */
  onPowerCut: () => void = () => undefined;
  /** The last injected cut that fired (the real-interpreter runtime replays it on its Storage). */
  lastCut: FlashCut | undefined;

  constructor(readonly capacityBytes: number) {}

  list(): string[] {
    return [...this.files.keys()].sort();
  }

  /** The files in the order they were made (a file made again goes last), as Espruino lists them. */
  namesInOrder(): string[] {
    return [...this.files.keys()];
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  size(name: string): number | undefined {
    return this.files.get(name)?.length;
  }

  /** A copy of the file's bytes, or undefined. */
  read(name: string): Uint8Array | undefined {
    const file = this.files.get(name);
    return file ? Uint8Array.from(file) : undefined;
  }

  usedBytes(): number {
    let used = 0;
    for (const file of this.files.values()) used += FILE_HEADER_BYTES + file.length;
    return used;
  }

  trashBytes(): number {
    return this.trash;
  }

  /** Bytes free for new files without compacting. */
  freeBytes(): number {
    return this.capacityBytes - this.usedBytes() - this.trash;
  }

  compact(): void {
    this.trash = 0;
  }

  /**
   * Cuts the power at the `n`th flash operation from now (1 = the next one). A write cut short
   * keeps `keepBytes` of its data (clamped to the data's length); create and remove do nothing.
   */
  cutPowerAt(n: number, keepBytes = 0): void {
    if (n < 1) throw new Error("operations are counted from 1");
    this.cut = { operationsLeft: n, keepBytes };
  }

  cancelCut(): void {
    this.cut = undefined;
  }

  /** Counts an operation; returns the bytes to keep if the power goes during it. */
  private operation(): number | undefined {
    this.operations++;
    if (!this.cut) return undefined;
    if (--this.cut.operationsLeft > 0) return undefined;
    const keep = this.cut.keepBytes;
    this.cut = undefined;
    return keep;
  }

  private powerCut(cut: FlashCut): never {
    this.lastCut = cut;
    this.onPowerCut();
    throw new PowerCut();
  }

  /** Creates an erased file, replacing one of the same name; false when there is no room. */
  create(name: string, size: number): boolean {
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) throw new Error(`file names are 1-${MAX_NAME_LENGTH} characters: ${JSON.stringify(name)}`);
    if (!Number.isInteger(size) || size < 0) throw new Error(`bad file size ${size}`);
    if (this.operation() !== undefined) this.powerCut({ operation: "create", name, keptBytes: 0 });
    const old = this.files.get(name);
    const needed = FILE_HEADER_BYTES + size - (old ? FILE_HEADER_BYTES + old.length : 0);
    if (needed > this.freeBytes()) this.compact();
    if (needed > this.freeBytes()) return false;
    if (old) {
      this.files.delete(name);
      this.trash += FILE_HEADER_BYTES + old.length;
    }
    this.files.set(name, new Uint8Array(size).fill(0xff));
    return true;
  }

  /** Programs bytes into an existing file. Throws when the file is missing or too short. */
  write(name: string, offset: number, data: Uint8Array): void {
    const file = this.files.get(name);
    if (!file) throw new Error(`no file ${name}`);
    if (offset < 0 || offset + data.length > file.length) throw new Error(`write of ${data.length} bytes at ${offset} is outside ${name} (${file.length} bytes)`);
    const keep = this.operation();
    const count = keep === undefined ? data.length : Math.min(keep, data.length);
    for (let i = 0; i < count; i++) {
      const was = file[offset + i];
      const wrote = data[i];
      if (was !== 0xff && was !== wrote) this.violations.push({ name, offset: offset + i, was, wrote });
      file[offset + i] = was & wrote;
    }
    if (keep !== undefined) this.powerCut({ operation: "write", name, keptBytes: count });
  }

  /** Whether `length` bytes at `offset` are all erased. */
  isErased(name: string, offset: number, length: number): boolean {
    const file = this.files.get(name);
    if (!file || offset < 0 || offset + length > file.length) return false;
    for (let i = offset; i < offset + length; i++) if (file[i] !== 0xff) return false;
    return true;
  }

  remove(name: string): void {
    const file = this.files.get(name);
    if (!file) return;
    if (this.operation() !== undefined) this.powerCut({ operation: "remove", name, keptBytes: 0 });
    this.files.delete(name);
    this.trash += FILE_HEADER_BYTES + file.length;
  }

  /** Every file's bytes, to restore a known state before each test (as the Bangle.js tests do). */
  snapshot(): Map<string, Uint8Array> {
    return new Map([...this.files].map(([name, bytes]) => [name, Uint8Array.from(bytes)]));
  }

  restore(snapshot: Map<string, Uint8Array>): void {
    this.files.clear();
    for (const [name, bytes] of snapshot) this.files.set(name, Uint8Array.from(bytes));
    this.trash = 0;
  }
}
