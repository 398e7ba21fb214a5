/**
 * Counts what the store asks of the flash, for the wear figures in docs/storage.md and for the
 * box's status: write calls, bytes written, and files created per name (each creation of a file
 * is one erase cycle of the flash under it).
 */
import type { Flash } from "../board";
import type { ByteString } from "../bytes";

export interface WearCounts {
  writes: number;
  bytesWritten: number;
  /** Files created (erase cycles), all names together. */
  creates: number;
  /** Files created per file name, in order of first creation. */
  createsByFile: { name: string; creates: number }[];
}

/** The store's only way to the flash: the board's Flash, counted. */
export class CountedFlash {
  readonly flash: Flash;
  readonly counts: WearCounts;

  constructor(flash: Flash) {
    this.flash = flash;
    this.counts = { writes: 0, bytesWritten: 0, creates: 0, createsByFile: [] };
  }

  read(name: string): ByteString | undefined {
    return this.flash.read(name);
  }

  create(name: string, size: number): boolean {
    this.counts.creates++;
    const entry = this.counts.createsByFile.find((e) => e.name === name);
    if (entry) entry.creates++;
    else this.counts.createsByFile.push({ name: name, creates: 1 });
    return this.flash.create(name, size);
  }

  write(name: string, offset: number, data: ByteString): boolean {
    this.counts.writes++;
    this.counts.bytesWritten += data.length;
    return this.flash.write(name, offset, data);
  }

  remove(name: string): void {
    this.flash.remove(name);
  }
}
