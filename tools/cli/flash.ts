/**
 * `parcelbox flash --runtime espruino|nodemcu [--port P]`: builds the firmware (`make build`) and
 * uploads it.
 *
 * - Espruino: through EspruinoTools, the npm package `espruino` (0.1.67), loaded as a library
 *   with the code saved to `.bootcde` ("save on send"), so it runs at every power-up. The package
 *   is not a dependency of this project because its optional dependencies (Bluetooth, WebRTC)
 *   run native builds and one downloads a prebuilt binary at install time; it works without
 *   them, on the `serialport` this project already has. Installed without them by:
 *     npm install --no-save --omit=optional --ignore-scripts espruino@0.1.67
 * - NodeMCU: `nodemcu-tool` pins serialport 8, whose install script downloads a prebuilt binary,
 *   so it is not installed here; the tool prints the manual steps instead.
 *
 * When no upload tool is at hand the command prints exact manual steps and exits with
 * EXIT_NO_UPLOADER (7).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Options } from "./commands.ts";
import { choosePort } from "./connect.ts";
import type { CliContext } from "./context.ts";
import { CliError, EXIT_FAILED, EXIT_NO_UPLOADER, EXIT_PORT, EXIT_USAGE } from "./exit-codes.ts";
import { printJson, println } from "./output.ts";
import { BAUD_RATE } from "./transport.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const FILES = { espruino: "build/espruino/parcelbox.js", nodemcu: "build/nodemcu/parcelbox.lua" };
export const ESPRUINO_TOOLS = "espruino@0.1.67";
const UPLOAD_TIMEOUT_MS = 120_000;

function runtimeOf(text: string | undefined): "espruino" | "nodemcu" {
  if (text === "espruino" || text === "nodemcu") return text;
  throw new CliError(EXIT_USAGE, "flash needs --runtime espruino or --runtime nodemcu");
}

/** Runs `make build`, its output to stderr so stdout stays for --json. */
function build(ctx: CliContext): void {
  ctx.output.err.write("building the firmware (make build)...\n");
  const result = spawnSync("make", ["build"], { cwd: ROOT, encoding: "utf8" });
  ctx.output.err.write(result.stdout ?? "");
  if (result.error || result.status !== 0) {
    ctx.output.err.write(result.stderr ?? "");
    throw new CliError(EXIT_FAILED, `the build failed${result.error ? ` (${result.error.message})` : ""}: fix it, or run \`make build\` to see why`);
  }
}

/** The `espruino` package's entry, or undefined when it is not installed. */
function espruinoTools(): string | undefined {
  try {
    return createRequire(join(ROOT, "package.json")).resolve("espruino");
  } catch {
    return undefined;
  }
}

function espruinoManual(port: string): string {
  return [
    "The Espruino tools (npm package espruino) are not installed here. Either install them and run flash again:",
    `  npm install --no-save --omit=optional --ignore-scripts ${ESPRUINO_TOOLS}`,
    `  npx parcelbox flash --runtime espruino --port ${port}`,
    "or upload by hand with the Espruino Web IDE (https://www.espruino.com/ide): connect, open",
    `  ${FILES.espruino}, set "Save on send" to "Direct to flash (execute code at boot)", and press Send.`,
    "A box already running parcelbox keeps the USB port for itself: hold the board's button while plugging it in",
    "(Espruino then skips the saved code) so the upload reaches the interpreter.",
  ].join("\n");
}

function nodemcuManual(port: string): string {
  return [
    "No NodeMCU upload tool is installed here (nodemcu-tool's serialport 8 downloads a binary at install time).",
    "Upload by hand, from a machine where nodemcu-tool installs:",
    `  npx nodemcu-tool upload --port ${port} --baud ${BAUD_RATE} ${FILES.nodemcu} --remotename init.lua`,
    `  npx nodemcu-tool reset --port ${port}`,
    "or with ESPlorer: open the port, \"Save to ESP\" the file as init.lua, then reset the board.",
    "The firmware needs NodeMCU built with the crypto, file, gpio, rtctime, tmr and uart modules.",
  ].join("\n");
}

interface SerialDevice {
  name: string;
  getPorts: (done: (ports: { path: string }[], instant: boolean) => void) => void;
}

interface EspruinoGlobal {
  Config: Record<string, unknown>;
  Core: { Serial: { devices: SerialDevice[] }; Status: { setStatus: (text: string, length?: number) => void; hasProgress: () => boolean; incrementProgress: (amount: number) => void } };
}

/** Uploads through EspruinoTools as a library: code written to .bootcde, then run. */
async function uploadEspruino(ctx: CliContext, entry: string, port: string, code: string): Promise<void> {
  // EspruinoTools is plain CommonJS without types; it hangs its state on global.Espruino.
  const tools = createRequire(import.meta.url)(entry) as {
    init: (done: () => void) => void;
    sendCode: (port: string, code: string, done: () => void) => void;
  };
  const log = console.log;
  // EspruinoTools logs chatter through console.log; keep stdout for our own output.
  console.log = (...parts: unknown[]) => ctx.output.err.write(`  espruino: ${parts.map(String).join(" ")}\n`);
  try {
    await new Promise<void>((done) => tools.init(done));
    const espruino = (globalThis as unknown as { Espruino: EspruinoGlobal }).Espruino;
    espruino.Config.BAUD_RATE = String(BAUD_RATE);
    espruino.Config.SAVE_ON_SEND = 1; // "Direct to flash (execute code at boot)": .bootcde
    espruino.Config.RESET_BEFORE_SEND = true;
    // EspruinoTools opens only ports that serialport.list() found, which needs udevadm and never
    // lists a pseudo-terminal: add the port the owner named.
    const nodeSerial = espruino.Core.Serial.devices.find((d) => d.name === "Node Serial");
    if (nodeSerial) {
      const list = nodeSerial.getPorts;
      nodeSerial.getPorts = (done) => list((ports, instant) => done(ports.some((p) => p.path === port) ? ports : [...ports, { path: port }], instant));
    }
    let total = 0;
    let sent = 0;
    espruino.Core.Status = {
      setStatus: (text, length) => {
        total = length ?? 0;
        sent = 0;
        ctx.output.err.write(`  ${text}\n`);
      },
      hasProgress: () => total > 0,
      incrementProgress: (amount) => {
        sent += amount;
        if (total > 0) ctx.output.err.write(`\r  sent ${Math.min(100, Math.round((sent / total) * 100))}%`);
      },
    };
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new CliError(EXIT_PORT, `the upload to ${port} did not finish within ${UPLOAD_TIMEOUT_MS / 1000} s`)), UPLOAD_TIMEOUT_MS);
      tools.sendCode(port, code, () => {
        clearTimeout(timer);
        done();
      });
    });
    ctx.output.err.write("\n");
  } finally {
    console.log = log;
  }
}

export async function flashCommand(ctx: CliContext, o: Options): Promise<void> {
  const runtime = runtimeOf(o.runtime);
  const port = await choosePort(ctx, o.port);
  if (!o.noBuild) build(ctx);
  const file = join(ROOT, FILES[runtime]);
  const code = readFileSync(file, "latin1");
  if (runtime === "nodemcu") throw new CliError(EXIT_NO_UPLOADER, nodemcuManual(port));
  const entry = espruinoTools();
  if (!entry) throw new CliError(EXIT_NO_UPLOADER, espruinoManual(port));
  ctx.output.err.write(`uploading ${FILES[runtime]} (${code.length} bytes) to ${port}, saved to .bootcde...\n`);
  await uploadEspruino(ctx, entry, port, code);
  if (o.json) return printJson(ctx.output, { runtime, port, file: FILES[runtime], bytes: code.length, savedAs: ".bootcde" });
  println(ctx.output, `flashed ${FILES[runtime]} to ${port}: it runs at every power-up. Next: \`parcelbox provision --port ${port}\``);
}
