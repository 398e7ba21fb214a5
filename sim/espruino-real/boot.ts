/**
 * The built Espruino file on the real Espruino 2v29 interpreter, attached to a virtual board as
 * a Pico runs it: the box has its own Storage (espruino.flash in a temporary directory) holding
 * the bridge as `.boot0` and the build as `.bootcde` (tools/build/espruino-storage.ts); every
 * power-up starts the interpreter, which runs them from Storage and then the E.on("init")
 * handlers, and every power cut kills it. What survives is what survives on a device: Storage and
 * the DS3231. See session.ts for the bridge's host side.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { espruinoStorageFiles, type StorageFile } from "../../tools/build/espruino-storage.ts";
import type { VirtualBoard } from "../state/board.ts";
import type { UncaughtError } from "../espruino/runtime.ts";
import { requireEspruino, type EspruinoBinary } from "./interpreter.ts";
import { RealSession } from "./session.ts";
import { installStorageImage, type BridgePlacement } from "./storage-image.ts";

/** Espruino on STM32 stays awake when a timer is due sooner than this (as sim/espruino/boot.ts). */
const DEEP_SLEEP_MIN_IDLE_MS = 1500;

export interface EspruinoRealOptions {
  /** Which build of the interpreter (default espruino-debug, which has assertions). */
  binary?: EspruinoBinary;
  /** The Storage files to boot from (default: the build's for the board's profile, tools/build/espruino-storage.ts). */
  files?: StorageFile[];
  /** JavaScript run by the bridge before the saved code, at every boot. */
  bootCode?: string;
  /** Where the bridge's own code runs from (storage-image.ts); default $ESPRUINO_REAL_BRIDGE or flash. */
  bridge?: BridgePlacement;
  /** How long one event may run before the interpreter is killed as stuck (default 120 s). */
  timeoutMs?: number;
}

const live = new Set<EspruinoRealBoot>();
process.once("exit", () => {
  for (const boot of live) boot.detach();
});

export class EspruinoRealBoot {
  readonly binary: EspruinoBinary;
  /** The current (or last) boot. */
  session: RealSession | undefined;
  /** Uncaught errors, interpreter assertions and disagreements with the shim, of every boot. */
  readonly errors: UncaughtError[] = [];
  /** Everything the interpreter printed, every boot. */
  transcript = "";
  private readonly dir: string;
  private readonly path: string;
  private readonly bootCode: string;
  private readonly timeoutMs: number | undefined;
  private readonly onPowerOn = (): void => this.boot();
  private readonly onPowerOff = (): void => this.session?.end();

  constructor(
    readonly board: VirtualBoard,
    options: EspruinoRealOptions = {},
  ) {
    this.binary = options.binary ?? "espruino-debug";
    this.path = requireEspruino(this.binary);
    this.dir = mkdtempSync(join(tmpdir(), "parcelbox-box-"));
    installStorageImage(this.path, this.dir, options.files ?? espruinoStorageFiles(board.profile.name), options.bridge ?? (process.env.ESPRUINO_REAL_BRIDGE === "ram" ? "ram" : "flash"));
    // process.env.BOARD as on a device (the box's file is the board's own; the bridge and tests read it).
    const env = `var e = process.env; e.BOARD = ${JSON.stringify(board.profile.espruinoBoard)}; process.env = e;`;
    this.bootCode = env + (options.bootCode ?? "");
    this.timeoutMs = options.timeoutMs;
    live.add(this);
    board.on("powerOn", this.onPowerOn);
    board.on("powerOff", this.onPowerOff);
    if (board.powered) this.boot();
  }

  private boot(): void {
    this.session = new RealSession(this.board, this.path, this.dir, this.errors, {
      bootCode: this.bootCode,
      timeoutMs: this.timeoutMs,
      onConsole: (text) => {
        this.transcript += text;
      },
    });
    this.session.start();
  }

  /** The running boot; throws when the board is off or the interpreter has stopped. */
  private running(): RealSession {
    if (!this.session?.alive) throw new Error("the real interpreter is not running (no power, or it stopped)");
    return this.session;
  }

  /** Evaluates JavaScript in the running interpreter and returns the result as text. */
  evaluate(code: string): string {
    return this.running().evaluate(code);
  }

  /** process.memory() of the running interpreter (it collects garbage first). */
  memory(): { usage: number; total: number; free: number } {
    return JSON.parse(this.evaluate("JSON.stringify(process.memory())")) as { usage: number; total: number; free: number };
  }

  /**
   * Starts (or stops) sampling process.memory().usage at every bridge call the firmware makes and
   * every time the interpreter goes idle; `memoryPeak` reads the highest sample and where it was.
   */
  sampleMemory(on: boolean): void {
    this.running().command("s", on ? "1" : "0");
  }

  memoryPeak(): { usage: number; where: string } {
    // Evaluated inside the bridge's scope, where the sampler keeps them.
    const [usage, where] = this.evaluate('MX + "," + MW').split(",");
    return { usage: Number(usage), where };
  }

  /** As sim/espruino's EspruinoBoot: whether an STM32 Espruino would be in deep sleep now. */
  wouldDeepSleep(): boolean {
    const s = this.session;
    if (!s?.alive || !s.deepSleep || this.board.usb.connected) return false;
    const next = this.board.scheduler.nextDueMs(s.runtime.owner);
    return next === undefined || next - this.board.scheduler.nowMs > DEEP_SLEEP_MIN_IDLE_MS;
  }

  /** Stops following the board's power, ends the interpreter and removes its directory. */
  detach(): void {
    this.board.off("powerOn", this.onPowerOn);
    this.board.off("powerOff", this.onPowerOff);
    this.session?.close();
    live.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
