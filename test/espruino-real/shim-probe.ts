/**
 * Runs one probe script in the real Espruino interpreter and in the node:vm shim (sim/espruino)
 * on a fresh virtual board, and returns what each printed, line by line, so a test can demand
 * they agree. Probe scripts print with `print`; `show(value)` in them writes a value the same
 * way on both (strings as hex, since the two JSON.stringify escape bytes differently).
 */
import { EspruinoBoot } from "../../sim/espruino/boot.ts";
import { findEspruino, tierBinary } from "../../sim/espruino-real/interpreter.ts";
import { runEspruinoScript } from "../../sim/espruino-real/script.ts";
import { VirtualBoard } from "../../sim/state/board.ts";

const PRELUDE = `
function show(v) {
  if (typeof v === "string") { var h = ""; for (var i = 0; i < v.length; i++) h += (256 + v.charCodeAt(i)).toString(16).substr(1); return "string " + h; }
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  return typeof v + " " + JSON.stringify(v);
}
function probe(label, f) { var r; try { r = show(f()); } catch (e) { r = "throws " + e.message; } print(label + " => " + r); }
`;

const lines = (text: string): string[] => text.split(/\r?\n/).filter((l) => l.includes(" => "));

export function onRealInterpreter(code: string): string[] {
  const binary = findEspruino(tierBinary());
  if (!binary) throw new Error("the real interpreter is not installed");
  return lines(runEspruinoScript(binary, PRELUDE + code).output);
}

export function onShim(code: string): string[] {
  const board = new VirtualBoard({ flashBytes: 64 * 1024 });
  new EspruinoBoot(board, PRELUDE + code, "probe.js");
  return lines(board.usb.takeOutput());
}
