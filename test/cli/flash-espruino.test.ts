// `parcelbox flash --runtime espruino` end to end: a blank simulated Espruino (only the
// interpreter, no saved code) on a real pseudo-terminal, the CLI uploading the build's Storage
// files (tools/build/espruino-storage.ts) with EspruinoTools, then a power cycle after which the
// board runs what was uploaded.
// Needs EspruinoTools (see tools/cli/flash.ts); without it the test is skipped and says why.
import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { EspruinoBoot } from "../../sim/espruino/boot.ts";
import { openPtyBridge } from "../../sim/serial/pty.ts";
import type { UsbBridge } from "../../sim/serial/usb-bridge.ts";
import { VirtualBoard } from "../../sim/state/board.ts";
import type { CliContext } from "../../tools/cli/context.ts";
import { espruinoTools } from "../../tools/cli/flash.ts";
import { runCli } from "../../tools/cli/main.ts";
import { listPorts } from "../../tools/cli/ports.ts";
import { openSerialPort } from "../../tools/cli/transport.ts";
import { textSink } from "../fakes/text-sink.ts";
import { skippedUnless } from "../setup/skipped.ts";
import { capacityOf } from "../../tools/fit/capacity.ts";
import { measureFigures, storeFootprint } from "../../tools/fit/measure.ts";
import { fitVerdict } from "../../tools/fit/verdict.ts";
import { espruinoStorageFiles } from "../../tools/build/espruino-storage.ts";
import { FILE_HEADER_BYTES } from "../../sim/state/flash.ts";

const toolsInstalled = espruinoTools() !== undefined;
/** The Espruino WiFi, the Espruino board with the most Storage (tools/fit/capacity.ts). */
const BOARD = "espruino-wifi";
const built = espruinoStorageFiles(BOARD).every((f) => existsSync(f.path));
/**
 * The upload is tested on Storage of exactly what the fit verdict says the box needs (the build's
 * files and the box's files, docs/boards.md "Does the box fit each board?"), which also proves
 * that need enough; on the WiFi's real 64 KB below.
 */
const NEEDED_BYTES = built ? (fitVerdict(capacityOf(BOARD), measureFigures().figures.boards[BOARD]).checks[0].need ?? 0) : 0;

interface BlankBoard {
  board: VirtualBoard;
  boot: EspruinoBoot;
  usb: UsbBridge;
  stop: () => void;
}

/** An Espruino WiFi with no saved code, its USB on a pseudo-terminal, running at wall-clock pace. */
async function blankBoardOnPty(storageBytes = NEEDED_BYTES): Promise<BlankBoard> {
  const board = new VirtualBoard({ profile: BOARD, flashBytes: storageBytes, powered: false });
  const boot = new EspruinoBoot(board, "", "blank");
  const usb = await openPtyBridge();
  usb.onData((bytes) => board.usb.send(bytes.toString("latin1")));
  board.usb.on("toHost", (chunk) => usb.write(chunk));
  board.powerOn();
  let last = Date.now();
  const pump = setInterval(() => {
    const now = Date.now();
    if (now > last) board.advance(now - last);
    last = now;
  }, 5);
  return { board, boot, usb, stop: () => clearInterval(pump) };
}

async function flash(port: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = textSink();
  const err = textSink();
  const ctx: CliContext = {
    env: {},
    output: { out: out.stream, err: err.stream, colour: false },
    openPort: openSerialPort,
    listPorts,
    now: () => new Date(),
    randomBytes: (n) => Buffer.alloc(n),
    timeoutMs: 5000,
  };
  const code = await runCli(["flash", "--runtime", "espruino", "--no-build", "--port", port], ctx);
  return { code, stdout: out.text(), stderr: err.text() };
}

/** Waits (real time, the pump runs the board) until `board` has sent a line matching `pattern`. */
async function answer(board: VirtualBoard, pattern: RegExp, waitMs = 3000): Promise<string> {
  for (let waited = 0; waited < waitMs; waited += 20) {
    const line = board.usb.peekOutput().split("\r\n").find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no line matching ${pattern} in ${JSON.stringify(board.usb.peekOutput().slice(-400))}`);
}

describe("parcelbox flash --runtime espruino on a blank simulated board", () => {
  // `make test` installs EspruinoTools (tools/espruino-tools): in CI these tests must run, not skip.
  const inCi = process.env.CI === "true";
  it.runIf(inCi)(`has EspruinoTools and the build at hand in CI${skippedUnless(inCi, "it checks what CI must have, and this is not CI", "CI=true npx vitest run test/cli/flash-espruino.test.ts")}`, () => {
    expect(toolsInstalled).toBe(true);
    expect(built).toBe(true);
  });

  let blank: BlankBoard | undefined;
  afterEach(async () => {
    blank?.stop();
    await blank?.usb.close();
    blank = undefined;
  });

  const ready = toolsInstalled && built;
  const unready = skippedUnless(ready, "no EspruinoTools in tools/espruino-tools or no build", "make build (it installs them), then npx vitest run test/cli/flash-espruino.test.ts");
  it.skipIf(!ready)(`saves the build's Storage files byte for byte (.bootcde, .pbowner), which run after a power cycle and answer HELLO${unready}`, { timeout: 60_000 }, async () => {
    blank = await blankBoardOnPty();
    const { board, usb } = blank;
    const run = await flash(usb.path ?? "");
    expect(run.stderr).toContain("saved to Storage");
    expect(run.stderr).toMatch(/100%/);
    expect(run.code).toBe(0);
    // The box's file built for the board the tools found (process.env.BOARD "ESPRUINOWIFI").
    expect(run.stdout).toContain("flashed build/espruino/parcelbox-espruino-wifi.tok (.bootcde) and build/espruino/owner.tok (.pbowner)");

    for (const file of espruinoStorageFiles(BOARD)) {
      const saved = board.flash.read(file.name);
      expect(Buffer.from(saved ?? []).toString("latin1"), file.name).toBe(readFileSync(file.path, "latin1"));
    }

    expect(board.usb.peekOutput()).not.toContain("Uncaught");
    board.powerCycle(100);
    board.usb.takeOutput();
    board.usb.send("h1 HELLO\r\n");
    expect(await answer(board, /^h1 /)).toMatch(/runtime=espruino/);
    expect(blank.boot.errors).toEqual([]);
  });

  it.skipIf(!ready)(`uploads to the Espruino WiFi's real 64 KB Storage, beside which the box's files fit exactly when docs/boards.md says so${unready}`, { timeout: 60_000 }, async () => {
    blank = await blankBoardOnPty(capacityOf(BOARD).code.bytes);
    const { board, usb } = blank;
    const run = await flash(usb.path ?? "");
    expect(run.code).toBe(0);
    // The room left beside the firmware holds the journal and the log at their largest (1000
    // events) exactly when the fit verdict says the box fits the board's Storage.
    const fits = fitVerdict(capacityOf(BOARD), measureFigures().figures.boards[BOARD]).checks[0].fit === "fits";
    // The box already started its files after the upload's load(): count only the uploaded ones.
    const code = espruinoStorageFiles(BOARD).reduce((sum, f) => sum + FILE_HEADER_BYTES + (board.flash.size(f.name) ?? 0), 0);
    const room = board.flash.capacityBytes - code;
    expect(room >= storeFootprint(), `${room} bytes left beside the uploaded ${code}; the box's files take ${storeFootprint()}`).toBe(fits);
  });

  it.skipIf(!ready)(`refuses a box whose firmware owns the USB port, uploading nothing, and says to hold the button${unready}`, { timeout: 60_000 }, async () => {
    blank = await blankBoardOnPty();
    const { board, usb } = blank;
    board.usb.send(toolsUpload("global.parcelboxStub = 1; E.setConsole(LoopbackA, { force: true });"));
    await answer(board, /./);
    await new Promise((r) => setTimeout(r, 300));
    const before = board.flash.read(".bootcde");
    const run = await flash(usb.path ?? "");
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("hold the board's button");
    expect(board.flash.read(".bootcde")).toEqual(before);
  });

  it.skipIf(!ready)(`fails and says so when the board's Storage cannot hold the firmware${unready}`, { timeout: 60_000 }, async () => {
    blank = await blankBoardOnPty(16 * 1024);
    const run = await flash(blank.usb.path ?? "");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the board reported errors during the upload");
    expect(run.stdout).not.toContain("flashed");
  });

  it.skipIf(!ready)(`exits 3 when the port does not exist${unready}`, { timeout: 60_000 }, async () => {
    const run = await flash("/dev/parcelbox-no-such-port");
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("/dev/parcelbox-no-such-port");
  });
});

/** Save-on-send of `code` as EspruinoTools words it (see test/sim/espruino-upload.test.ts). */
function toolsUpload(code: string): string {
  return `\x10reset();\n\x10require("Storage").write(".bootcde",${JSON.stringify(code)},0,${code.length});\n\x10load()\n`;
}
