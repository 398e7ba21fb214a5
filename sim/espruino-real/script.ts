/**
 * Runs a short script in the real interpreter as `espruino-xxx script.js` does (read into RAM
 * whole, run, then the main loop until quit()), in a fresh directory so Storage starts empty, and
 * returns what it printed after the banner. For facts about the interpreter (tests comparing it
 * with the node:vm shim), not for the firmware: that boots from Storage (./boot.ts).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Printed before the script's own output, so the banner can be cut off. */
const START = "<<script>>";

export interface ScriptRun {
  /** Everything the script printed (console output after START). */
  output: string;
  /** The process's exit status (1 after a failed assertion on espruino-debug). */
  status: number | null;
}

export function runEspruinoScript(binary: string, code: string, timeoutMs = 30_000): ScriptRun {
  const dir = mkdtempSync(join(tmpdir(), "parcelbox-script-"));
  try {
    const file = join(dir, "script.js");
    writeFileSync(file, `print(${JSON.stringify(START)});\n${code}\nquit();\n`, "latin1");
    const run = spawnSync(binary, [file], { cwd: dir, encoding: "latin1", timeout: timeoutMs, stdio: ["ignore", "pipe", "pipe"] });
    const out = run.stdout ?? "";
    const at = out.indexOf(START);
    return { output: at < 0 ? out : out.slice(at + START.length).replace(/^\r?\n/, ""), status: run.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
