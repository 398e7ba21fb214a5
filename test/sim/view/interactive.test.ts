/**
 * The interactive simulator end to end, as a person runs it: in a real pseudo-terminal of a real
 * size (test/sim/view/pty_run.py, python3's standard library), keys typed, the screen read, q
 * pressed. The terminal must come back exactly as it was, and the USB port, its symlink and the
 * demo profile must be gone.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const RUNNER = join(ROOT, "test/sim/view/pty_run.py");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const MAIN = join(ROOT, "sim/view/main.ts");
const folder = mkdtempSync(join(tmpdir(), "pbsim-view-test-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Step = { wait_for: string; timeout?: number } | { send: string } | { resize: [number, number] } | { note_modes: true };

interface Run {
  exit_code: number;
  timed_out: boolean;
  waits: { wait_for: string; met: boolean }[];
  output: string;
  terminal_restored: boolean;
  modes_changed_while_running: boolean | null;
}

function runInPty(size: [number, number], steps: Step[], args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const argv = [RUNNER, "--cols", String(size[0]), "--rows", String(size[1]), "--steps", JSON.stringify(steps), "--", TSX, MAIN, ...args];
  return new Promise((resolve, reject) => {
    execFile("python3", argv, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout) as Run);
    });
  });
}

const SGR = /\x1b\[[0-9;]*m/;
const READY = { wait_for: "q quit", timeout: 60 };

describe.concurrent("make sim in a real terminal", () => {
  it("draws the box at 80x24, takes keys, and q quits cleanly, restoring the terminal", async () => {
    const link = join(folder, "usb-a");
    const run = await runInPty([80, 24], [READY, { note_modes: true }, { send: "o" }, { wait_for: "You opened the lid." }, { send: "5" }, { wait_for: "[5]" }, { send: "q" }], ["--link", link]);
    expect(run.waits.every((w) => w.met), JSON.stringify(run.waits)).toBe(true);
    expect(run.timed_out).toBe(false);
    expect(run.exit_code).toBe(0);
    // Raw mode while it runs, and the very same modes as before once it has gone.
    expect(run.modes_changed_while_running).toBe(true);
    expect(run.terminal_restored).toBe(true);
    expect(run.output).toContain("\x1b[?1049h");
    expect(run.output).toMatch(/\x1b\[\?25h\x1b\[\?1049l[^\x1b]*$/);
    const plain = run.output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
    expect(plain).toMatch(new RegExp(`-- USB port ${link} -> /dev/pts/\\d+`));
    expect(plain).toMatch(/Delivery code \d{8} then #/);
    expect(plain).toMatch(/Lid\s+OPEN/);
    const home = /export XDG_CONFIG_HOME=(\S+)/.exec(plain)?.[1];
    expect(home).toBeDefined();
    expect(existsSync(home!)).toBe(false);
    expect(existsSync(link)).toBe(false);
  });

  it("says the terminal is too small, then draws the box once it is made larger", async () => {
    const run = await runInPty([60, 20], [{ wait_for: "needs 80x24", timeout: 60 }, { resize: [80, 24] }, { wait_for: "q quit" }, { send: "q" }], ["--link", join(folder, "usb-b")]);
    expect(run.waits.every((w) => w.met), JSON.stringify(run.waits)).toBe(true);
    expect(run.exit_code).toBe(0);
    expect(run.terminal_restored).toBe(true);
  });

  it("writes no colour with NO_COLOR set, and Ctrl-C quits as cleanly as q", async () => {
    const run = await runInPty([80, 24], [READY, { send: "\x03" }], ["--link", join(folder, "usb-c")], { NO_COLOR: "1" });
    expect(run.waits[0].met).toBe(true);
    expect(run.exit_code).toBe(0);
    expect(run.terminal_restored).toBe(true);
    expect(run.output).not.toMatch(SGR);
  });

  it("refuses an unknown runtime with exit code 2 and a message", async () => {
    const run = await runInPty([80, 24], [], ["--runtime", "micropython"]);
    expect(run.exit_code).toBe(2);
    expect(run.output).toContain("--runtime takes espruino or nodemcu");
    expect(run.terminal_restored).toBe(true);
  });
});
