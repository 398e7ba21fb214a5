/** What a person standing at the simulated box would notice: light, sound, the lock's coil. */
import type { VirtualBoard } from "../../sim/state/board.ts";

export interface Mark {
  led: number;
  buzzer: number;
  coil: number;
}

export function mark(board: VirtualBoard): Mark {
  return { led: board.led.history.length, buzzer: board.buzzer.history.length, coil: board.coil.pulses.length };
}

/** The light, sound and coil since `from`, in plain words. */
export function noticed(board: VirtualBoard, from: Mark): string[] {
  const lines: string[] = [];
  // Runs of the same light: "green x8" for one blink per key, then what the box decided.
  const runs: { colour: string; count: number }[] = [];
  for (const change of board.led.history.slice(from.led)) {
    if (change.value === "off") continue;
    const last = runs[runs.length - 1];
    if (last && last.colour === change.value) last.count++;
    else runs.push({ colour: change.value, count: 1 });
  }
  const shown = runs.map((r) => (r.count === 1 ? r.colour : `${r.colour} blink x${r.count}`));
  const now = board.led.colour === "off" ? "" : " (still lit)";
  lines.push(runs.length === 0 ? "LED: stays dark" : `LED: ${shown.join(", then ")}${now}`);
  const beeps = board.buzzer.history.slice(from.buzzer).filter((c) => c.value).length;
  lines.push(beeps === 0 ? "buzzer: silent" : `buzzer: ${beeps} beep${beeps === 1 ? "" : "s"}`);
  const pulses = board.coil.pulses.slice(from.coil);
  if (pulses.length === 0) lines.push("lock coil: not energised, the lid stays locked");
  for (const p of pulses) {
    const ms = p.endMs === undefined ? "still on" : `${p.endMs - p.startMs} ms`;
    lines.push(`lock coil: energised for ${ms}, the latch releases`);
  }
  return lines;
}
