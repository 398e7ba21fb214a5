/**
 * `make sim WEB=1` as a person runs it: the command prints the page's address, the page answers
 * there, and Ctrl-C stops it cleanly, its USB link gone.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = join(ROOT, "node_modules/.bin/tsx");
const folder = mkdtempSync(join(tmpdir(), "pbweb-main-test-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("sim/web/main.ts", () => {
  it("prints the page's URL and USB port, serves the state there, and stops on SIGINT with exit 0", async () => {
    const link = join(folder, "usb");
    const child = spawn(TSX, ["sim/web/main.ts", "--port", "0", "--link", link, "--runtime", "nodemcu"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const found = /is at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
        if (found && out.includes("Ctrl-C")) resolve(found);
      });
      child.once("exit", (code) => reject(new Error(`exited ${code} before serving: ${out}${err}`)));
    });
    expect(out).toContain("NodeMCU (Lua in fengari)");
    expect(out).toMatch(new RegExp(`Its USB port: ${link} -> /dev/pts/\\d+`));
    expect(existsSync(link)).toBe(true);
    const state = (await (await fetch(`${url}state`)).json()) as { build: string; usbLink: string };
    expect(state.build).toBe("NodeMCU (Lua in fengari)");
    expect(state.usbLink).toBe(link);

    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(existsSync(link)).toBe(false);
  });

  it("refuses a bad option with exit 2 and the usage", async () => {
    const child = spawn(TSX, ["sim/web/main.ts", "--runtime", "arduino"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(err).toContain("--runtime takes espruino or nodemcu, not arduino");
  });
});
