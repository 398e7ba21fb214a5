/**
 * `parcelbox flash --runtime espruino|nodemcu [--port P]`: builds the firmware (`make build`) and
 * uploads it.
 *
 * - Espruino: through EspruinoTools, the npm package `espruino` (0.1.67), loaded as a library.
 *   It resets the interpreter, writes the build's Storage files for the board it finds
 *   (process.env.BOARD; tools/build/espruino-storage.ts: the owner's side `.pbowner`, then the
 *   box's file for that board as `.bootcde`, both pretokenised by the build) in 1 KB
 *   chunks ("save on send": .bootcde runs at every power-up) and calls load() to start it;
 *   progress goes to stderr. test/cli/flash-espruino.test.ts runs this against a blank simulated
 *   board on a pty.
 * - EspruinoTools is not in the project's package.json: npm cannot leave out one package's
 *   optional dependencies, and espruino's (Bluetooth, WebRTC, a second serialport) are about 270
 *   packages with native builds, one of which (wrtc) downloads a binary at install time. `npm
 *   install --omit=optional` in the project would also remove the platform binaries of esbuild,
 *   rolldown and lightningcss that the build and the tests need. So it has its own folder,
 *   tools/espruino-tools (package.json, lock file, and an .npmrc with omit=optional), which
 *   `make` installs with `npm ci --prefix tools/espruino-tools`; found here by
 *   ESPRUINO_TOOLS_ROOTS, it loads the project's serialport (Node looks upwards). Without its
 *   optional packages it reports them missing and carries on (it catches each require).
 * - NodeMCU: the LFS image `make build` wrote for the chip, uploaded through the Lua prompt with the
 *   project's serialport, node.LFS.reload, and an init.lua that starts the box from LFS
 *   (flash-nodemcu.ts; test/cli/flash-nodemcu.test.ts runs it against a simulated chip). It prints
 *   the firmware list first (firmware/boards/nodemcu-firmware.ts).
 *
 * When no upload tool (or, for NodeMCU, no LFS image) is at hand the command prints exact manual
 * steps and exits with EXIT_NO_UPLOADER (7).
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import { BOOT_FILE, espruinoStorageFiles, REFERENCE_BOARD } from "../build/espruino-storage.ts";
import type { Options } from "./commands.ts";
import { choosePort, withBox } from "./connect.ts";
import { flashNodeMcuOver, nodeMcuImage } from "./flash-nodemcu.ts";
import { renderFirmwareText } from "../docs/nodemcu-firmware.ts";
import type { CliContext } from "./context.ts";
import { CliError, EXIT_FAILED, EXIT_NO_UPLOADER, EXIT_PORT, EXIT_USAGE } from "./exit-codes.ts";
import { printJson, println } from "./output.ts";
import { BAUD_RATE, closeStream } from "./transport.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/**
 * The build's Storage files for the Espruino board whose process.env.BOARD is `espruinoBoard` (the
 * reference board's for one we do not know), each with its path relative to the root.
 */
function storageFiles(espruinoBoard: string | undefined): { name: string; file: string; code: string }[] {
  const profile = boardProfiles().find((p) => p.runtime === "espruino" && p.espruinoBoard === espruinoBoard);
  return espruinoStorageFiles(profile?.name ?? REFERENCE_BOARD).map((f) => ({ name: f.name, file: relative(ROOT, f.path), code: readFileSync(f.path, "latin1") }));
}
export const ESPRUINO_TOOLS = "espruino@0.1.67";
/** EspruinoTools' own install root (relative to the project): `npm ci --prefix` installs it there. */
export const ESPRUINO_TOOLS_DIR = "tools/espruino-tools";
const UPLOAD_TIMEOUT_MS = 120_000;

function runtimeOf(text: string | undefined): "espruino" | "nodemcu" {
  if (text === "espruino" || text === "nodemcu") return text;
  throw new CliError(EXIT_USAGE, "flash needs --runtime espruino or --runtime nodemcu");
}

/**
 * Runs the build (tools/build/build.ts), its output to stderr so stdout stays for --json. Not
 * `make build`: that may run `npm ci`, which needs the network and replaces node_modules while
 * this tool runs from it.
 */
function build(ctx: CliContext): void {
  ctx.output.err.write("building the firmware (tools/build/build.ts)...\n");
  const result = spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "tools/build/build.ts")], { cwd: ROOT, encoding: "utf8" });
  ctx.output.err.write(result.stdout ?? "");
  if (result.error || result.status !== 0) {
    ctx.output.err.write(result.stderr ?? "");
    throw new CliError(EXIT_FAILED, `the build failed${result.error ? ` (${result.error.message})` : ""}: fix it, or run \`make build\` to see why`);
  }
}

/**
 * Where EspruinoTools may be installed: the project's node_modules, or its own install root.
 * `PARCELBOX_ESPRUINO_TOOLS=<folder>` replaces both (a folder whose node_modules has `espruino`).
 */
export const ESPRUINO_TOOLS_ROOTS = [ROOT, join(ROOT, ESPRUINO_TOOLS_DIR)];

/** The `espruino` package's entry, or undefined when it is not installed. */
export function espruinoTools(roots = ESPRUINO_TOOLS_ROOTS): string | undefined {
  for (const root of roots) {
    try {
      return createRequire(join(root, "package.json")).resolve("espruino");
    } catch {
      // not in this root
    }
  }
  return undefined;
}

function espruinoManual(port: string): string {
  const files = espruinoStorageFiles().filter((f) => f.name !== BOOT_FILE);
  const boxes = boardProfiles()
    .filter((p) => p.runtime === "espruino")
    .map((p) => `  ${relative(ROOT, espruinoStorageFiles(p.name).find((f) => f.name === BOOT_FILE)?.path ?? "")} as ${BOOT_FILE} on ${p.name} (process.env.BOARD is "${p.espruinoBoard}")`);
  return [
    "The Espruino tools (npm package espruino) are not installed here. `make install` installs them into their own",
    "folder, without their optional Bluetooth and WebRTC packages (which build native code and download binaries):",
    `  npm ci --prefix ${ESPRUINO_TOOLS_DIR} --no-audit --no-fund`,
    `  npx parcelbox flash --runtime espruino --port ${port}`,
    "(Not `npm install --omit=optional` in the project itself: that also removes the build's and tests' native binaries.)",
    "Or upload by hand with the Espruino Web IDE (https://www.espruino.com/ide): connect, and with its Storage",
    "button upload each file under its Storage name, in this order (they are pretokenised: upload the bytes as they are):",
    ...files.map((f) => `  ${relative(ROOT, f.path)} as ${f.name}`),
    "then the box's file built for your board (type process.env.BOARD at the prompt to see which it is):",
    ...boxes,
    "then type load() at the prompt.",
    "A box already running parcelbox keeps the USB port for itself: hold the board's button while plugging it in",
    "(Espruino then skips the saved code) so the upload reaches the interpreter.",
  ].join("\n");
}

interface SerialDevice {
  name: string;
  getPorts: (done: (ports: { path: string }[], instant: boolean) => void) => void;
}

/** The parts of EspruinoTools' global `Espruino` object the upload uses (the package has no types). */
interface EspruinoGlobal {
  Config: Record<string, unknown>;
  callProcessor: (name: string, data: string, done: (result: string) => void) => void;
  Core: {
    Serial: {
      devices: SerialDevice[];
      open: (port: string, connected: (status: unknown) => void, disconnected: () => void) => void;
      close: () => void;
      startListening: (reader: (data: ArrayBuffer) => void) => unknown;
    };
    CodeWriter: { writeToEspruino: (code: string, done: () => void) => void };
    Utils: { getUploadFileCode: (name: string, contents: string) => string };
    Env: { getData: () => { VERSION?: string; BOARD?: string } };
    Status: { setStatus: (text: string, length?: number) => void; hasProgress: () => boolean; incrementProgress: (amount: number) => void };
  };
}

function noPrompt(port: string): string {
  return [
    `no Espruino interpreter prompt answered on ${port}, so nothing was uploaded.`,
    "A box already running parcelbox keeps the USB port for itself: unplug it, hold the board's button while plugging",
    "it back in (Espruino then skips the saved code), and flash again.",
  ].join("\n");
}

/** Where progress lines go (the CLI writes them to stderr). */
export type UploadProgress = (line: string) => void;

/** Sends shorter than this are the tools' queries (process.env, the prompt), not the upload. */
const UPLOAD_MIN_BYTES = 1024;

/** EspruinoTools' status bar as lines: the upload's size, then each tenth sent. */
function progressStatus(report: UploadProgress): EspruinoGlobal["Core"]["Status"] {
  let total = 0;
  let sent = 0;
  let shown = -1;
  return {
    setStatus: (text, length) => {
      if (text === "Sent" && total > 0 && shown < 10) report("  100%");
      total = text === "Sending..." && (length ?? 0) >= UPLOAD_MIN_BYTES ? (length ?? 0) : 0;
      sent = 0;
      shown = -1;
      if (total > 0) report(`sending ${total} bytes (the code, wrapped in Storage writes)...`);
    },
    hasProgress: () => total > 0,
    incrementProgress: (amount) => {
      sent += amount;
      if (total === 0) return;
      const tenth = Math.min(10, Math.floor((sent * 10) / total));
      if (tenth > shown) {
        shown = tenth;
        report(`  ${tenth * 10}%`);
      }
    },
  };
}

/**
 * Uploads through EspruinoTools (loaded from `entry`) to the Espruino on `port` what `choose`
 * gives for the board found there (its process.env.BOARD): the tools reset the interpreter, write
 * `files` (other Storage files, by name) and then `code` to the Storage file .bootcde in 1 KB chunks ("save on send": it runs at every power-up) and call load()
 * to start it, as EspruinoTools' own command line does with --storage. Resolves once the port is
 * closed.
 */
export async function uploadToEspruino(
  entry: string,
  port: string,
  choose: (espruinoBoard: string | undefined) => { code: string; files: { name: string; code: string }[] },
  report: UploadProgress,
  chatter: UploadProgress = () => undefined,
): Promise<void> {
  // EspruinoTools is plain CommonJS without types; it hangs its state on global.Espruino.
  const tools = createRequire(import.meta.url)(entry) as { init: (done: () => void) => void };
  const log = console.log;
  const warn = console.warn;
  const error = console.error;
  const errors: string[] = [];
  let portFailed: ((error: unknown) => void) | undefined;
  // EspruinoTools talks through the console; keep stdout for our own output.
  console.log = (...parts: unknown[]) => chatter(parts.map(String).join(" "));
  console.warn = console.log;
  console.error = (...parts: unknown[]) => {
    errors.push(parts.map(String).join(" "));
    chatter(`error: ${parts.map(String).join(" ")}`);
  };
  try {
    await new Promise<void>((done) => tools.init(done));
    const espruino = (globalThis as unknown as { Espruino: EspruinoGlobal }).Espruino;
    espruino.Config.BAUD_RATE = String(BAUD_RATE);
    espruino.Config.SAVE_ON_SEND = 1; // "Direct to flash (execute code at boot)": .bootcde
    espruino.Config.LOAD_STORAGE_FILE = 1; // then load() it
    espruino.Config.RESET_BEFORE_SEND = true;
    // The Pico and the WiFi have native USB, whose flow control paces Storage writes: the tools'
    // 250 ms pause after each 1 KB chunk (for slow USB-serial adaptors) is not needed.
    espruino.Config.STORAGE_UPLOAD_METHOD = 1;
    espruino.Core.Status = progressStatus(report);
    // EspruinoTools opens only ports that serialport.list() found, which needs udevadm and never
    // lists a pseudo-terminal: add the port the owner named.
    const nodeSerial = espruino.Core.Serial.devices.find((d) => d.name === "Node Serial");
    if (!nodeSerial) throw new CliError(EXIT_FAILED, "EspruinoTools found no serial support: is the serialport package installed?");
    const list = nodeSerial.getPorts;
    nodeSerial.getPorts = (done) => list((ports, instant) => done(ports.some((p) => p.path === port) ? ports : [...ports, { path: port }], instant));
    await new Promise<void>((done, fail) => {
      // The tools leave the serial port's error events (busy, locked, unplugged) unhandled.
      portFailed = (error) => finish(new CliError(EXIT_PORT, `${port}: ${error instanceof Error ? error.message : String(error)}`));
      process.on("uncaughtException", portFailed);
      const timer = setTimeout(() => {
        // Close the port first: an open port would keep the tool running after the message.
        espruino.Core.Serial.close();
        fail(new CliError(EXIT_PORT, `the upload to ${port} did not finish within ${UPLOAD_TIMEOUT_MS / 1000} s`));
      }, UPLOAD_TIMEOUT_MS);
      const finish = (problem?: CliError): void => {
        clearTimeout(timer);
        if (problem) fail(problem);
        else done();
      };
      // What the board prints while the upload runs with echo off: only errors, if anything.
      let printed = "";
      espruino.Core.Serial.startListening((data) => {
        printed += Buffer.from(data).toString("latin1");
      });
      espruino.Core.Serial.open(
        port,
        (status) => {
          if (status === undefined) return finish(new CliError(EXIT_PORT, `could not open ${port}${errors.length ? `: ${errors.join("; ")}` : ""}`));
          // The tools asked for process.env on connect: no answer means no interpreter prompt.
          const env = espruino.Core.Env.getData();
          if (!env.VERSION) {
            espruino.Core.Serial.close();
            return finish(new CliError(EXIT_PORT, noPrompt(port)));
          }
          report(`connected to ${port}: Espruino ${env.VERSION} on ${env.BOARD ?? "an unknown board"}`);
          const { code, files } = choose(env.BOARD);
          espruino.callProcessor("transformForEspruino", code, (wrapped) => {
            // The other files first, so .bootcde's load() finds them (EspruinoTools' CLI does the same).
            const others = files.map((f) => espruino.Core.Utils.getUploadFileCode(f.name, f.code) + "\n").join("");
            espruino.Core.CodeWriter.writeToEspruino(others + wrapped, () => setTimeout(() => espruino.Core.Serial.close(), 500));
          });
        },
        () => {
          const failures = printed.split(/\r?\n/).filter((line) => line.includes("Uncaught") || line.includes("ERROR"));
          if (failures.length === 0) return finish();
          finish(new CliError(EXIT_FAILED, [`the board reported errors during the upload, so the saved code is probably incomplete:`, ...failures.slice(0, 3).map((l) => `  ${l.trim()}`), ...(failures.length > 3 ? [`  ...and ${failures.length - 3} more`] : []), "Check that the firmware fits the board's Storage (require(\"Storage\").getFree() at the prompt)."].join("\n")));
        },
      );
    });
  } finally {
    if (portFailed) process.off("uncaughtException", portFailed);
    console.log = log;
    console.warn = warn;
    console.error = error;
  }
}

/**
 * Checks the port before the tools open it: EspruinoTools does not listen for the port's errors,
 * so a missing port or one without permission would otherwise end in an uncaught exception.
 * (Device paths only; a Windows COM port is not a file.)
 */
function checkPort(port: string): void {
  if (!port.startsWith("/")) return;
  try {
    accessSync(port, constants.R_OK | constants.W_OK);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new CliError(EXIT_PORT, `cannot open ${port}: ${why}. Check the cable and your permission on the port (e.g. the dialout group)`);
  }
}

/** How long the box may take to answer HELLO after node.LFS.reload (two restarts and the load). */
const NODEMCU_FIRST_BOOT_MS = 30_000;

async function flashNodeMcu(ctx: CliContext, o: Options): Promise<void> {
  const say = (line: string): void => void ctx.output.err.write(`${line}\n`);
  say("The box needs NodeMCU built with these modules and options (docs/owner-guide.md, section 3):");
  say(renderFirmwareText());
  const port = await choosePort(ctx, o.port);
  if (!o.noBuild) build(ctx);
  checkPort(port);
  let stream;
  try {
    stream = await ctx.openPort(port);
  } catch (error) {
    throw new CliError(EXIT_PORT, `cannot open ${port}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let result;
  try {
    result = await flashNodeMcuOver(stream, (chip) => nodeMcuImage(ROOT, chip), say, ctx.timeoutMs);
  } finally {
    await closeStream(stream);
  }
  // The chip restarts twice (the reload, then after loading): wait until the box answers.
  say("waiting for the box to start from LFS...");
  const deadline = Date.now() + NODEMCU_FIRST_BOOT_MS;
  let hello;
  const tries: string[] = [];
  for (;;) {
    try {
      hello = await withBox(ctx, port, async (_client, h) => h);
      break;
    } catch (error) {
      tries.push(error instanceof Error ? error.message : String(error));
      if (Date.now() > deadline) throw new CliError(EXIT_FAILED, `the image was loaded but the box did not answer within ${NODEMCU_FIRST_BOOT_MS / 1000} s (${[...new Set(tries)].join("; ")}): connect a terminal to ${port} to see what the chip prints`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  if (o.json) return printJson(ctx.output, { runtime: "nodemcu", port, chip: result.chip, image: `build/nodemcu/lfs-${result.chip}.img`, bytes: result.imageBytes, flashBytes: result.flashBytes, lfsPartition: result.lfsBytes, board: hello.board });
  println(ctx.output, `flashed build/nodemcu/lfs-${result.chip}.img to ${port}: the box runs from LFS at every power-up (board ${hello.board}). Next: \`parcelbox provision --port ${port}\``);
}

export async function flashCommand(ctx: CliContext, o: Options): Promise<void> {
  const runtime = runtimeOf(o.runtime);
  if (runtime === "nodemcu") return flashNodeMcu(ctx, o);
  const port = await choosePort(ctx, o.port);
  if (!o.noBuild) build(ctx);
  // PARCELBOX_ESPRUINO_TOOLS names another folder where EspruinoTools is installed.
  const entry = espruinoTools(ctx.env.PARCELBOX_ESPRUINO_TOOLS ? [ctx.env.PARCELBOX_ESPRUINO_TOOLS] : undefined);
  if (!entry) throw new CliError(EXIT_NO_UPLOADER, espruinoManual(port));
  checkPort(port);
  const say = (line: string): void => void ctx.output.err.write(`${line}\n`);
  // The box's file is built per board (tools/build/espruino-storage.ts): the one for the board found.
  let files = storageFiles(undefined);
  let bytes = 0;
  const choose = (espruinoBoard: string | undefined): { code: string; files: { name: string; code: string }[] } => {
    files = storageFiles(espruinoBoard);
    bytes = files.reduce((sum, f) => sum + f.code.length, 0);
    say(`uploading ${files.map((f) => `${f.file} as ${f.name}`).join(", ")} (${bytes} bytes) to ${port}, saved to Storage...`);
    const boot = files.find((f) => f.name === BOOT_FILE) as { name: string; file: string; code: string };
    return { code: boot.code, files: files.filter((f) => f !== boot) };
  };
  await uploadToEspruino(entry, port, choose, say, ctx.env.PARCELBOX_DEBUG ? (line) => say(`  espruino: ${line}`) : undefined);
  if (o.json) return printJson(ctx.output, { runtime, port, files: files.map((f) => ({ file: f.file, savedAs: f.name, bytes: f.code.length })), bytes });
  println(ctx.output, `flashed ${files.map((f) => `${f.file} (${f.name})`).join(" and ")} to ${port}: the box runs at every power-up. Next: \`parcelbox provision --port ${port}\``);
}
