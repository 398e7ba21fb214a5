/**
 * Runs an Espruino firmware file on a virtual board as a device runs its saved code: at every
 * power-up (and reset) a fresh interpreter context is made, the file is run (as `.bootcde` is),
 * then the `E.on('init')` handlers. A power cut throws the whole context away; the next power-up
 * runs the file again, so what survives is only what the firmware put in flash or the DS3231.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { VirtualBoard } from "../state/board.ts";
import { espruinoGlobals, espruinoParts, type EspruinoParts } from "./api.ts";
import { createEspruinoContext, type EspruinoContext } from "./context.ts";
import { EspruinoRuntime, type UncaughtError } from "./runtime.ts";

/** Espruino on STM32 stays awake when a timer is due sooner than this. */
const DEEP_SLEEP_MIN_IDLE_MS = 1500;

export const ESPRUINO_BUILD_FILE = join(dirname(fileURLToPath(import.meta.url)), "../../build/espruino/parcelbox.js");

export class EspruinoBoot {
  /** The current boot's interpreter (or the last one, after a power cut). */
  context: EspruinoContext | undefined;
  parts: EspruinoParts | undefined;
  /** Uncaught errors of every boot so far. */
  readonly errors: UncaughtError[] = [];
  private readonly onPowerOn = (): void => this.boot();
  private readonly onPowerOff = (): void => this.shutdown();

  constructor(
    readonly board: VirtualBoard,
    private readonly code: string,
    private readonly filename = "parcelbox.js",
  ) {
    board.on("powerOn", this.onPowerOn);
    board.on("powerOff", this.onPowerOff);
    if (board.powered) this.boot();
  }

  /** The firmware's global scope in the current boot (where `parcelbox` lives). */
  get global(): Record<string, unknown> {
    if (!this.context) throw new Error("the board has not booted");
    return this.context.global;
  }

  get runtime(): EspruinoRuntime {
    if (!this.parts) throw new Error("the board has not booted");
    return this.parts.runtime;
  }

  /**
   * Whether an STM32 Espruino would be in deep sleep now (PLATFORMS.md): setDeepSleep(1), USB
   * unplugged, and no timer due within about 1.5 s. Watches still wake it.
   */
  wouldDeepSleep(): boolean {
    const parts = this.parts;
    if (!parts || !this.board.powered || !parts.deepSleep.enabled || this.board.usb.connected) return false;
    const next = parts.runtime.nextTimerInMs();
    return next === undefined || next > DEEP_SLEEP_MIN_IDLE_MS;
  }

  /** Stops following the board's power. */
  detach(): void {
    this.board.off("powerOn", this.onPowerOn);
    this.board.off("powerOff", this.onPowerOff);
    this.shutdown();
  }

  private boot(): void {
    const runtime = new EspruinoRuntime(this.board, this.errors);
    const parts = espruinoParts(runtime);
    const context = createEspruinoContext(espruinoGlobals(parts));
    parts.serial.evaluate = (code) => context.run(code, "console");
    runtime.reportError = (text) => parts.serial.consoleWrite(text);
    this.parts = parts;
    this.context = context;
    runtime.call(() => context.run(this.code, this.filename));
    for (const handler of parts.initHandlers) runtime.call(handler);
  }

  private shutdown(): void {
    this.parts?.pins.close();
    this.parts?.serial.close();
  }
}

/** Boots `file` (default build/espruino/parcelbox.js, from `make build`) on `board`. */
export function bootEspruino(board: VirtualBoard, file = ESPRUINO_BUILD_FILE): EspruinoBoot {
  return new EspruinoBoot(board, readFileSync(file, "latin1"), file.split("/").pop());
}
