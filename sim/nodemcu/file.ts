/**
 * Files on the board's NOR flash (sim/state/flash.ts), as NodeMCU's file module has them on ESP8266
 * (modules/file.lua: file.open and file objects) and as ESP32's firmware splits them: file.exists,
 * remove, list and fsinfo in the file module (modules/file-esp32.lua), the contents through Lua's
 * io library (modules/io.lua). Both Lua halves call the same host functions, registered here.
 *
 * SPIFFS and LittleFS let a file be rewritten anywhere; NOR flash does not. The box's Flash port
 * (firmware/core/board.ts) promises NOR semantics to the core on every runtime, so this module
 * keeps them, to make the Lua build exercise its store exactly as the Espruino build does:
 * - "w"/"w+" (and "a"/"a+") collect the file in the handle; it appears on flash at close or
 *   flush, as one create (erased) plus programming of its bytes that are not 0xff. So the
 *   adapter's Flash.create (open "w", write 0xff, close) is one create on flash.
 * - "r+" writes go straight to flash, inside the file only: writing over bytes already written
 *   is recorded by NorFlash as a violation (and ANDs the bits, as real NOR does), and an injected
 *   power cut keeps a prefix of the write. Writing past the end returns nil.
 * - file.fsinfo reports the flash's free, used and total bytes.
 * File names longer than NorFlash's 28 characters cannot be opened (open returns nil).
 */
import { FILE_HEADER_BYTES, MAX_NAME_LENGTH } from "../state/flash.ts";
import type { NodeMcuChip } from "../../firmware/boards/nodemcu-firmware.ts";
import { bytesOfHex, hexOfBytes, intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";

interface Handle {
  name: string;
  readable: boolean;
  writable: boolean;
  /** The whole file while it is being written in "w"/"a" mode (committed at close/flush). */
  pending: number[] | undefined;
  position: number;
}

/** The host functions both Lua halves call; then the chip's file module (and io on ESP32). */
export function installFile(boot: NodeMcuBoot, chip: NodeMcuChip, withIo: boolean): void {
  const flash = boot.board.flash;
  const handles = new Map<number, Handle>();
  let nextHandle = 1;

  const handle = (id: string): Handle => {
    const h = handles.get(Number(id));
    if (h === undefined) throw new Error("file: the file is closed");
    return h;
  };
  const content = (h: Handle): Uint8Array => (h.pending ? Uint8Array.from(h.pending) : (flash.read(h.name) ?? new Uint8Array(0)));
  const commit = (h: Handle): boolean => {
    if (h.pending === undefined) return true;
    const data = h.pending;
    if (!flash.create(h.name, data.length)) return false;
    // Program only the runs of written (non-0xff) bytes, as a NOR driver would.
    for (let at = 0; at < data.length; ) {
      if (data[at] === 0xff) {
        at++;
        continue;
      }
      let end = at;
      while (end < data.length && data[end] !== 0xff) end++;
      flash.write(h.name, at, Uint8Array.from(data.slice(at, end)));
      at = end;
    }
    return true;
  };
  /** Whether a pending file of `size` bytes would still fit on flash. */
  const fits = (h: Handle, size: number): boolean => FILE_HEADER_BYTES + size - (flash.has(h.name) ? FILE_HEADER_BYTES + (flash.size(h.name) ?? 0) : 0) <= flash.freeBytes() + flash.trashBytes();

  boot.register("__host_file_open", (name, mode) => {
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) return -1;
    const plus = mode.endsWith("+");
    const kind = mode.charAt(0);
    const exists = flash.has(name);
    let h: Handle;
    if (kind === "r") {
      if (!exists) return -1;
      h = { name, readable: true, writable: plus, pending: undefined, position: 0 };
    } else if (kind === "w") {
      h = { name, readable: plus, writable: true, pending: [], position: 0 };
    } else if (kind === "a") {
      const old = exists ? [...(flash.read(name) as Uint8Array)] : [];
      h = { name, readable: plus, writable: true, pending: old, position: old.length };
    } else {
      throw new Error(`file.open: bad mode ${mode}`);
    }
    const id = nextHandle++;
    handles.set(id, h);
    return id;
  });
  boot.register("__host_file_read", (id, count) => {
    const h = handle(id);
    if (!h.readable) return "nil";
    const data = content(h);
    if (h.position >= data.length) return "nil";
    const n = intArg(count, "file.read");
    let end: number;
    if (n < 0) {
      // Read up to and including a terminating byte, at most 1024 bytes (NodeMCU's line limit).
      end = Math.min(data.length, h.position + 1024);
      const stop = data.indexOf(-n, h.position);
      if (stop >= 0 && stop < end) end = stop + 1;
    } else {
      end = Math.min(data.length, h.position + n);
    }
    const out = data.slice(h.position, end);
    h.position = end;
    return hexOfBytes(out);
  });
  boot.register("__host_file_write", (id, hex) => {
    const h = handle(id);
    if (!h.writable) return false;
    const data = Buffer.from(bytesOfHex(hex), "latin1");
    if (h.pending !== undefined) {
      const end = h.position + data.length;
      if (end > h.pending.length && !fits(h, end)) return false;
      while (h.pending.length < h.position) h.pending.push(0xff);
      for (let i = 0; i < data.length; i++) h.pending[h.position + i] = data[i];
      h.position = end;
      return true;
    }
    const size = flash.size(h.name);
    if (size === undefined || h.position + data.length > size) return false;
    flash.write(h.name, h.position, Uint8Array.from(data));
    h.position += data.length;
    return true;
  });
  boot.register("__host_file_seek", (id, whence, offset) => {
    const h = handle(id);
    const size = content(h).length;
    const base = whence === "set" ? 0 : whence === "end" ? size : h.position;
    const at = base + intArg(offset, "file.seek");
    if (at < 0 || at > size) return -1;
    h.position = at;
    return at;
  });
  boot.register("__host_file_flush", (id) => {
    const h = handle(id);
    if (commit(h) && h.pending !== undefined) h.pending = undefined;
    return undefined;
  });
  boot.register("__host_file_close", (id) => {
    const h = handle(id);
    handles.delete(Number(id));
    commit(h);
    return undefined;
  });
  boot.register("__host_file_exists", (name) => flash.has(name));
  boot.register("__host_file_remove", (name) => {
    flash.remove(name);
    return undefined;
  });
  boot.register("__host_file_fsinfo", (which) => [flash.freeBytes(), flash.usedBytes(), flash.capacityBytes][intArg(which, "file.fsinfo")]);
  boot.register("__host_file_list", () => flash.list().join("/"));
  boot.register("__host_file_size", (name) => flash.size(name) ?? 0);
  if (chip === "esp8266") boot.vm.run(luaModuleSource("file"), "file.lua");
  else boot.vm.run(luaModuleSource("file-esp32"), "file-esp32.lua");
  if (withIo) boot.vm.run(luaModuleSource("io"), "io.lua");
}
