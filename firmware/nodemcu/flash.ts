/**
 * The Flash port on NodeMCU's file module (SPIFFS/LittleFS). The file system does not enforce
 * NOR rules; the core's store never writes over written bytes anyway, so the port behaves the same.
 */
import type { Flash } from "../core/board";

const CHUNK = 256;

function erased(count: number): string {
  const parts: string[] = [];
  const byte = String.fromCharCode(255);
  for (let i = 0; i < count; i++) parts.push(byte);
  return parts.join("");
}

export function nodeMcuFlash(): Flash {
  return {
    read: (name: string): string | undefined => {
      if (!file.exists(name)) return undefined;
      const f = file.open(name, "r");
      if (f === undefined) return undefined;
      const parts: string[] = [];
      for (;;) {
        const chunk = f.read(1024);
        if (chunk === undefined || chunk.length === 0) break;
        parts.push(chunk);
      }
      f.close();
      return parts.join("");
    },
    create: (name: string, size: number): boolean => {
      const f = file.open(name, "w");
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
      const f = file.open(name, "r+");
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
