/**
 * Espruino's `require("Storage")` over the virtual board's NOR flash, with Espruino's rules:
 * - write(name, data) replaces the file: the old one is marked deleted first, then the new one is
 *   written, so a power cut in between loses both;
 * - write(name, data, 0, size) creates a file of `size` bytes (erased beyond `data`);
 * - write(name, data, offset) with offset > 0 programs bytes into an existing file; it works only
 *   into erased space (over written bytes the flash ends up with the AND of both, which the sim
 *   records as a violation);
 * - names are at most 28 characters; deleted files are trash until compaction, which runs by
 *   itself when space runs out.
 */
import { FILE_HEADER_BYTES, MAX_NAME_LENGTH } from "../state/flash.ts";
import type { EspruinoRuntime } from "./runtime.ts";

type Data = string | ArrayLike<number> | ArrayBuffer;

function bytesOf(data: Data): Uint8Array {
  if (typeof data === "string") return Uint8Array.from(Buffer.from(data, "latin1"));
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return Uint8Array.from(Array.prototype.slice.call(data) as number[], (b) => b & 0xff);
}

export interface StorageStats {
  totalBytes: number;
  freeBytes: number;
  fileBytes: number;
  fileCount: number;
  trashBytes: number;
  trashCount: number;
}

export function espruinoStorage(rt: EspruinoRuntime) {
  const flash = rt.board.flash;
  const checkName = (name: unknown): string => {
    if (typeof name !== "string" || name.length === 0 || name.length > MAX_NAME_LENGTH) {
      throw new Error(`Storage: name must be 1-${MAX_NAME_LENGTH} characters: ${String(name)}`);
    }
    return name;
  };
  return {
    read(name: string, offset?: number, length?: number): string | undefined {
      rt.check();
      const bytes = flash.read(checkName(name));
      if (!bytes) return undefined;
      const from = offset ?? 0;
      const to = length === undefined ? bytes.length : Math.min(bytes.length, from + length);
      return Buffer.from(bytes.subarray(from, to)).toString("latin1");
    },
    write(name: string, data: Data, offset?: number, size?: number): boolean {
      rt.check();
      checkName(name);
      const bytes = bytesOf(data);
      const at = offset ?? 0;
      if (at === 0) {
        const fileSize = size ?? bytes.length;
        if (bytes.length > fileSize) throw new Error("Storage: data is bigger than the file");
        // Espruino marks the old file deleted before it writes the new one.
        flash.remove(name);
        if (!flash.create(name, fileSize)) return false;
        if (bytes.length > 0) flash.write(name, 0, bytes);
        return true;
      }
      const existing = flash.size(name);
      if (existing === undefined) throw new Error(`Storage: can't write at offset ${at}: no file ${name}`);
      if (at < 0 || at + bytes.length > existing) throw new Error(`Storage: write past the end of ${name}`);
      flash.write(name, at, bytes);
      return true;
    },
    erase(name: string): void {
      rt.check();
      flash.remove(checkName(name));
    },
    eraseAll(): void {
      rt.check();
      for (const name of flash.list()) flash.remove(name);
      flash.compact();
    },
    list(pattern?: RegExp | string): string[] {
      rt.check();
      const names = flash.list();
      if (pattern === undefined) return names;
      return names.filter((n) => (typeof pattern === "string" ? n.includes(pattern) : pattern.test(n)));
    },
    getFree(): number {
      rt.check();
      return Math.max(0, flash.freeBytes() - FILE_HEADER_BYTES);
    },
    getStats(): StorageStats {
      rt.check();
      const names = flash.list();
      return {
        totalBytes: flash.capacityBytes,
        freeBytes: flash.freeBytes(),
        fileBytes: flash.usedBytes(),
        fileCount: names.length,
        trashBytes: flash.trashBytes(),
        trashCount: 0,
      };
    },
    compact(): void {
      rt.check();
      flash.compact();
    },
  };
}
