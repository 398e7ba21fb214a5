/**
 * Reads the clock checkpoint the box last stored, straight from its journal files in the
 * simulated flash (record format: docs/storage.md, "Records" and "Items"). The fuzz test needs
 * it to keep the box's own hourly checkpoint write out of the moment it compares the flash:
 * that write is housekeeping any USB byte may trigger, not a change made by the line.
 */
import type { NorFlash } from "../../sim/state/flash.ts";

/** "PBJ" and format version 2. */
const MAGIC = Buffer.from([0x50, 0x42, 0x4a, 0x02]);
const HEADER_BYTES = 12;
const CRC_BYTES = 4;
/** The checkpoint's key, "c" (Key.Checkpoint). */
const CHECKPOINT_KEY = 0x63;

/** The largest checkpoint (box seconds) in any journal file, or -1 when none is stored. */
export function latestCheckpoint(flash: NorFlash): number {
  let latest = -1;
  for (const name of flash.list()) {
    if (!name.startsWith("pb.j")) continue;
    const bytes = flash.read(name);
    if (!bytes) continue;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The header starts at its magic: byte 0 on NodeMCU, byte 1 on Espruino, whose files start
    // with a one-byte tag (docs/storage.md, firmware/espruino/flash.ts).
    const header = Buffer.from(bytes.subarray(0, 16)).indexOf(MAGIC);
    if (header < 0) continue;
    for (let at = header + HEADER_BYTES; at + 2 <= bytes.length; ) {
      const length = view.getUint16(at);
      if (length === 0xffff || at + 2 + length + CRC_BYTES > bytes.length) break;
      for (let item = at + 2; item + 1 < at + 2 + length; ) {
        const keyLength = bytes[item];
        const valueLength = bytes[item + 1 + keyLength];
        if (keyLength === 1 && bytes[item + 1] === CHECKPOINT_KEY && valueLength === 4) latest = Math.max(latest, view.getInt32(item + 3));
        item += 2 + keyLength + valueLength;
      }
      at += 2 + length + CRC_BYTES;
    }
  }
  return latest;
}
