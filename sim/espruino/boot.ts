/**
 * Runs an Espruino firmware file on a virtual board as a device runs its saved code: at every
 * power-up (and reset) a fresh interpreter context is made, the saved code is run, then the
 * `E.on('init')` handlers. The saved code is the Storage file `.bootrst` or `.bootcde` when the
 * board's flash has one (what the Espruino tools upload with "save on send"), else the file this
 * boot was given (the build, as if it had been uploaded; "" for a blank board with only the
 * interpreter). A power cut throws the whole context away; the next power-up runs the saved
 * code again, so what survives is only what the firmware put in flash or the DS3231.
 *
 * The build's other Storage files (tools/build/espruino-storage.ts: the owner's side) come with the
 * boot's code, as if uploaded beside it: `require("Storage").read` finds them while this boot runs
 * the given code (not a .bootcde of the board's flash), without taking the board's flash, as the
 * given code does not. Stored code is pretokenised as on a device; it is read back to text as
 * Espruino's lexer reads it (tools/lib/espruino-tokens.ts) before V8 runs it, here and in eval().
 *
 * reset() and load() at the prompt end the interpreter after their line and start a new one
 * (the board's reset without a power loss): reset() runs only `.bootrst`, load() runs the saved
 * code as power-up does. Host bytes not yet read are handed to the new interpreter.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BOOT_FILE, espruinoStorageFiles, type StorageFile } from "../../tools/build/espruino-storage.ts";
import { detokenise, isPretokenised } from "../../tools/lib/espruino-tokens.ts";
import type { VirtualBoard } from "../state/board.ts";
import { BOOT_CODE_ALWAYS_FILE, BOOT_CODE_FILE, espruinoGlobals, espruinoParts, type EspruinoParts, type RestartKind } from "./api.ts";
import { createEspruinoContext, type EspruinoContext } from "./context.ts";
import { EspruinoRuntime, type UncaughtError } from "./runtime.ts";

/** Espruino on STM32 stays awake when a timer is due sooner than this. */
const DEEP_SLEEP_MIN_IDLE_MS = 1500;

/** What Espruino prints after reset(). */
const BANNER = [
  "",
  " ____                 _ ",
  "|  __|___ ___ ___ _ _|_|___ ___ ",
  "|  __|_ -| . |  _| | | |   | . |",
  "|____|___|  _|_| |___|_|_|_|___|",
  "         |_| espruino.com",
  " 2v29 (c) 2025 G.Williams",
  "",
  ">",
].join("\r\n");

/** The box's file as esbuild wrote it (its stored, pretokenised form: espruinoStorageFiles()). */
export const ESPRUINO_BUILD_FILE = join(dirname(fileURLToPath(import.meta.url)), "../../build/espruino/parcelbox.js");

const readBack = new Map<string, string>();

/** Code as V8 can run it: pretokenised code read back as Espruino's lexer reads it (cached: boots repeat). */
export function runnable(code: string): string {
  if (!isPretokenised(code)) return code;
  let text = readBack.get(code);
  if (text === undefined) {
    text = detokenise(code);
    if (readBack.size > 16) readBack.clear();
    readBack.set(code, text);
  }
  return text;
}

export class EspruinoBoot {
  /** The current boot's interpreter (or the last one, after a power cut). */
  context: EspruinoContext | undefined;
  parts: EspruinoParts | undefined;
  /** Uncaught errors of every boot so far. */
  readonly errors: UncaughtError[] = [];
  /** How the next boot starts: after a power-up, a reset() or a load(). */
  private nextStart: RestartKind | "power-up" = "power-up";
  /** Host bytes the last interpreter had not read when reset() or load() ended it. */
  private carriedInput = "";
  private readonly onPowerOn = (): void => this.boot();
  private readonly onPowerOff = (): void => this.shutdown();

  constructor(
    readonly board: VirtualBoard,
    private readonly code: string,
    private readonly filename = "parcelbox.js",
    /** Further Storage files uploaded with `code`, by name. */
    private readonly files: Record<string, string> = {},
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

  /** The saved code this start runs, and its name for stack traces. */
  private savedCode(start: RestartKind | "power-up"): { code: string; filename: string; given: boolean } | undefined {
    const flash = this.board.flash;
    for (const name of start === "reset" ? [BOOT_CODE_ALWAYS_FILE] : [BOOT_CODE_ALWAYS_FILE, BOOT_CODE_FILE]) {
      const bytes = flash.read(name);
      if (bytes) return { code: Buffer.from(bytes).toString("latin1"), filename: name, given: false };
    }
    return start === "reset" ? undefined : { code: this.code, filename: this.filename, given: true };
  }

  private boot(): void {
    const start = this.nextStart;
    const carried = this.carriedInput;
    this.nextStart = "power-up";
    this.carriedInput = "";
    const runtime = new EspruinoRuntime(this.board, this.errors);
    const parts = espruinoParts(runtime);
    const saved = this.savedCode(start);
    const given = saved?.given === true ? this.files : {};
    const context = createEspruinoContext(espruinoGlobals(parts, (name) => given[name]));
    // Espruino's eval reads tokens as its lexer does; code from Storage may hold them.
    context.global.eval = (code: unknown): unknown => (typeof code === "string" ? context.run(runnable(code), "eval") : code);
    parts.serial.evaluate = (code) => context.run(code, "console");
    parts.restart = (kind) => this.restartAfterLine(parts, kind);
    runtime.reportError = (text) => parts.serial.consoleWrite(text);
    this.parts = parts;
    this.context = context;
    if (start === "reset") parts.serial.consoleWrite(BANNER);
    if (saved) runtime.call(() => context.run(runnable(saved.code), saved.filename));
    for (const handler of parts.initHandlers) runtime.call(handler);
    parts.serial.receivePending(carried);
  }

  /**
   * Espruino resets from its idle loop once the line that asked has finished: the interpreter
   * stops now (the prompt reads no further) and the board restarts from the scheduler.
   */
  private restartAfterLine(parts: EspruinoParts, kind: RestartKind): void {
    const runtime = parts.runtime;
    runtime.end();
    this.board.scheduler.after(0, () => {
      if (!runtime.current) return;
      this.nextStart = kind;
      this.carriedInput = parts.serial.takePending();
      this.board.reset(`${kind}()`);
    });
  }

  private shutdown(): void {
    this.parts?.pins.close();
    this.parts?.serial.close();
  }
}

/**
 * Boots the build's Storage files (default tools/build/espruino-storage.ts's for the board's profile, from `make build`)
 * on `board`, as if uploaded: .bootcde runs, the others are there to read.
 */
export function bootEspruino(board: VirtualBoard, files: StorageFile[] = espruinoStorageFiles(board.profile.name)): EspruinoBoot {
  const boot = files.find((f) => f.name === BOOT_FILE);
  if (!boot) throw new Error(`no ${BOOT_FILE} among the files to boot`);
  const others = Object.fromEntries(files.filter((f) => f !== boot).map((f) => [f.name, readFileSync(f.path, "latin1")]));
  return new EspruinoBoot(board, readFileSync(boot.path, "latin1"), BOOT_FILE, others);
}
