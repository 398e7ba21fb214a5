/**
 * Espruino's `require("Storage")` over the virtual board's NOR flash, with Espruino 2v29's rules
 * (each checked on the real interpreter by test/sim/espruino-real-storage.test.ts, which runs the
 * same script on both):
 * - write(name, data) replaces the file: the old one is marked deleted first, then the new one is
 *   written, so a power cut in between loses both; a file of zero length cannot be made ("Can't
 *   create zero length file", and the old file stays);
 * - write(name, data, 0, size) creates a file of `size` bytes (erased beyond `data`); data longer
 *   than `size` leaves the new file erased and throws "Too much data for file size";
 * - write(name, data, offset) with offset > 0 programs bytes into an existing file ("Unable to find
 *   or create file" when there is none, "Too much data for file size" past its end, false for a
 *   negative offset); the bytes must all be erased (even rewriting the same data is refused), else
 *   it throws "File already written with different data" and writes nothing;
 * - data is a string, an array or typed array of bytes, an ArrayBuffer, or one number (a byte);
 * - names longer than 28 characters are cut to 28; list() gives files in the order they were
 *   made (a rewritten file moves to the end); deleted files are trash until compaction, which
 *   runs by itself when space runs out.
 * One thing the shim cannot copy: Espruino's read() returns a string that points into flash, and
 * so does every slice of it, all of which turn null when the file is erased (firmware/espruino
 * copies what it reads for that reason).
 */
import { FILE_HEADER_BYTES, MAX_NAME_LENGTH } from "../state/flash.ts";
import type { EspruinoRuntime } from "./runtime.ts";

type Data = string | number | ArrayLike<number> | ArrayBuffer;

function bytesOf(data: Data): Uint8Array {
  if (typeof data === "string") return Uint8Array.from(Buffer.from(data, "latin1"));
  if (typeof data === "number") return Uint8Array.of(data & 0xff);
  // By tag, not instanceof: the firmware's buffers come from its own vm context.
  if (Object.prototype.toString.call(data) === "[object ArrayBuffer]") return Uint8Array.from(new Uint8Array(data as ArrayBuffer));
  return Uint8Array.from(Array.prototype.slice.call(data) as number[], (b) => b & 0xff);
}

/** Whether `length` bytes at `at` may be programmed: Espruino wants them all erased. */
function programmable(file: Uint8Array, at: number, length: number): boolean {
  return file.subarray(at, at + length).every((b) => b === 0xff);
}

export interface StorageStats {
  totalBytes: number;
  freeBytes: number;
  fileBytes: number;
  fileCount: number;
  trashBytes: number;
  trashCount: number;
}

/** `uploaded`: files read where the flash has none of that name (api.ts, espruinoGlobals). */
export function espruinoStorage(rt: EspruinoRuntime, uploaded: (name: string) => string | undefined = () => undefined) {
  const flash = rt.board.flash;
  // Espruino keeps the first 28 characters of a longer name.
  const checkName = (name: unknown): string => {
    if (typeof name !== "string" || name.length === 0) throw new Error(`Storage: a file name is a non-empty string, not ${String(name)}`);
    return name.slice(0, MAX_NAME_LENGTH);
  };
  return {
    read(name: string, offset?: number, length?: number): string | undefined {
      rt.check();
      const file = checkName(name);
      const also = uploaded(file);
      const bytes = flash.read(file) ?? (also === undefined ? undefined : Buffer.from(also, "latin1"));
      if (!bytes) return undefined;
      const from = offset ?? 0;
      const to = length === undefined ? bytes.length : Math.min(bytes.length, from + length);
      return Buffer.from(bytes.subarray(from, to)).toString("latin1");
    },
    write(name: string, data: Data, offset?: number, size?: number): boolean {
      rt.check();
      name = checkName(name);
      const bytes = bytesOf(data);
      const at = offset ?? 0;
      if (at < 0) return false;
      if (at === 0) {
        const fileSize = size ?? bytes.length;
        if (fileSize === 0) throw new Error("Can't create zero length file");
        // Espruino marks the old file deleted before it writes the new one.
        flash.remove(name);
        if (!flash.create(name, fileSize)) return false;
        if (bytes.length > fileSize) throw new Error("Too much data for file size");
        if (bytes.length > 0) flash.write(name, 0, bytes);
        return true;
      }
      const file = flash.read(name);
      if (file === undefined) throw new Error("Unable to find or create file");
      if (at + bytes.length > file.length) throw new Error("Too much data for file size");
      if (!programmable(file, at, bytes.length)) throw new Error("File already written with different data");
      if (bytes.length > 0) flash.write(name, at, bytes);
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
      const names = flash.namesInOrder();
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
