/**
 * The box's Storage files live in the real interpreter's Storage; each write and erase is first
 * carried out on the board's flash (sim/state/flash.ts) with the node:vm runtime's Storage rules
 * (sim/espruino/storage.ts), so the board's flash mirrors Espruino's, a scenario's injected power
 * cut strikes at the same operation on both runtimes, and any answer that differs from Espruino's
 * shows the shim wrong. This turns the mirror's outcome into the bridge's instruction
 * (device/bridge.js, Storage.write/erase):
 * - "1" / "0": the shim's result, which Espruino's must equal;
 * - "T<message>": the shim throws; Espruino should too;
 * - "X" / "E" / "K<n>": the power went during the operation: nothing happens, only the old file is
 *   erased (a rewrite cut between marking the old file deleted and making the new one), or the
 *   first n bytes are written. The bridge then does that much, reports, and is killed.
 */
import type { espruinoStorage } from "../espruino/storage.ts";
import { PowerCut, type NorFlash } from "../state/flash.ts";

export interface FlashAnswer {
  instruction: string;
  /** Whether the power went during the operation. */
  cut: boolean;
}

/** `payload`: "E" name (erase), or "W" name "," offset "," size "," data (write). */
export function mirrorFlashOperation(storage: ReturnType<typeof espruinoStorage>, flash: NorFlash, payload: string): FlashAnswer {
  const erase = payload[0] === "E";
  try {
    if (erase) {
      storage.erase(payload.slice(1));
      return { instruction: "1", cut: false };
    }
    const [name, at, size] = payload.slice(1).split(",", 3);
    const data = payload.slice(1 + name.length + at.length + size.length + 3);
    const ok = storage.write(name, data, Number(at), size === "" ? undefined : Number(size));
    return { instruction: ok ? "1" : "0", cut: false };
  } catch (error) {
    if (!(error instanceof PowerCut)) return { instruction: `T${String(error)}`, cut: false };
    const cut = flash.lastCut;
    if (erase || !cut || cut.operation === "remove") return { instruction: "X", cut: true };
    if (cut.operation === "create") return { instruction: "E", cut: true };
    return { instruction: `K${cut.keptBytes}`, cut: true };
  }
}
