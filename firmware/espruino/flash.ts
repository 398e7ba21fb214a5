/**
 * The Flash port over require("Storage"). Storage.write at offset 0 always creates a new file, so
 * a file's first byte could never be written after creation; each port file therefore starts with
 * a one-byte tag written at creation, and the port's byte k is Storage's byte k + 1 (every
 * later write has a non-zero offset, which Storage writes in place). Storage writes over bytes
 * already written would corrupt them (NOR flash ANDs them), so the port checks they are erased.
 *
 * Storage.read returns a string that points into flash, and so does every slice of it: when the
 * file is erased, Espruino makes each of them null (checked on the real interpreter,
 * test/sim/espruino-real-facts.test.ts). The store keeps what it decoded (the secret, code ids)
 * long after the journal file it came from is compacted away, so `read` hands out a copy in RAM
 * of the part asked for; concatenation copies, slice does not.
 */
import type { ByteString } from "../core/bytes";
import type { Flash } from "../core/board";

const TAG = "P";

export function espruinoFlash(): Flash {
  const storage = global.require("Storage");
  // A slice of the file as Storage hands it out still points into flash: only the part asked for
  // is copied into RAM. slice(0, undefined) is to the end, on the real interpreter too.
  const read = (name: string, offset?: number, length?: number): ByteString | undefined => {
    const file = storage.read(name);
    return file === undefined || file.charAt(0) !== TAG ? undefined : file.slice(1 + (offset || 0)).slice(0, length) + "";
  };
  return {
    read: read,
    create: (name, size) => {
      // As the core's other flashes do: an existing name is refused, not replaced.
      if (size <= 0 || storage.read(name) !== undefined) return false;
      try {
        return storage.write(name, TAG, 0, size + 1) !== false;
      } catch (e) {
        return false;
      }
    },
    write: (name, offset, data) => {
      // The file as Storage hands it out, in flash: read() would copy the whole file (a 2 KB
      // journal) into RAM at every record, and only `data`'s bytes and the length are looked at.
      const file = storage.read(name);
      if (file === undefined || file.charAt(0) !== TAG || offset < 0 || offset + data.length >= file.length) return false;
      for (let i = 1; i <= data.length; i++) if (file.charCodeAt(offset + i) !== 255) return false;
      if (data.length === 0) return true;
      try {
        return storage.write(name, data, offset + 1) !== false;
      } catch (e) {
        return false;
      }
    },
    remove: (name) => {
      storage.erase(name);
    },
    free: () => Math.max(0, storage.getFree() - 1),
  };
}
