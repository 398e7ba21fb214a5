/**
 * The Flash port on NodeMCU's file system (SPIFFS/LittleFS). The file system does not enforce NOR
 * rules; the core's store never writes over written bytes anyway, so the port behaves the same.
 *
 * File contents go through file.open on ESP8266 and through Lua's io.open on ESP32, whose file
 * module has kept only exists, remove, list and fsinfo (dev-esp32 since 2021): each chip's entry
 * point hands in its own as `openFile`. The two kinds of file object share read, write, seek and
 * close. exists, remove and fsinfo are the file module's on both.
 */
import type { Flash } from "../core/board";

const CHUNK = 256;

function erased(count: number): string {
  const parts: string[] = [];
  const byte = String.fromCharCode(255);
  for (let i = 0; i < count; i++) parts.push(byte);
  return parts.join("");
}

export function nodeMcuFlash(openFile: (this: void, name: string, mode: string) => NodeMcuFile | undefined): Flash {
  return {
    read: (name: string, offset?: number, length?: number): string | undefined => {
      if (!file.exists(name)) return undefined;
      const f = openFile(name, "r");
      if (f === undefined) return undefined;
      const parts: string[] = [];
      // From `offset`, `length` bytes or (left below 0) to the end, in reads of at most 1 KB: a
      // part (the store's 12-byte header or 16-byte event) is one read, and only its bytes reach
      // the heap, not the whole file and a joined copy of it.
      let left = length === undefined ? -1 : length;
      if (offset !== undefined && f.seek("set", offset) === undefined) left = 0;
      while (left !== 0) {
        const chunk = f.read(left < 0 || left > 1024 ? 1024 : left);
        if (chunk === undefined || chunk.length === 0) break;
        parts.push(chunk);
        left -= chunk.length;
      }
      f.close();
      return parts.join("");
    },
    create: (name: string, size: number): boolean => {
      const f = openFile(name, "w");
      if (f === undefined) return false;
      const block = erased(CHUNK);
      let ok = true;
      for (let at = 0; at < size && ok; at += CHUNK) {
        ok = f.write(size - at >= CHUNK ? block : erased(size - at)) !== undefined;
      }
      f.close();
      // A file system that filled up keeps the part written: a short file must not be left.
      if (!ok) file.remove(name);
      return ok;
    },
    write: (name: string, offset: number, data: string): boolean => {
      const f = openFile(name, "r+");
      if (f === undefined) return false;
      const ok = f.seek("set", offset) !== undefined && f.write(data) !== undefined;
      f.close();
      return ok;
    },
    remove: (name: string): void => file.remove(name),
    free: (): number => {
      const info = file.fsinfo();
      return info[0];
    },
  };
}
