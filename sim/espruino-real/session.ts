/**
 * One boot of the real interpreter on a virtual board: the process started at power-up, and the
 * host's half of the bridge (device/bridge.js). Each bridge call is carried out on the same
 * VirtualBoard parts the node:vm runtime drives, through the same classes (sim/espruino's
 * EspruinoPins and EspruinoI2c, its Storage rules on the board's flash), so both runtimes see
 * one board with one set of rules; only the interpreter differs.
 *
 * Time is the simulation's: timers, watches and USB bytes become tasks of this boot on the
 * board's scheduler, and each task is one command to the bridge, answered when the bridge is idle
 * again. Every command carries the microcontroller clock's time, which getTime() returns until
 * the next one: the interpreter's own clock is never read.
 */
import { PowerCut } from "../state/flash.ts";
import type { VirtualBoard } from "../state/board.ts";
import { analogRead, analogVRef } from "../espruino/analog.ts";
import { EspruinoI2c } from "../espruino/i2c.ts";
import { EspruinoPins } from "../espruino/pins.ts";
import { EspruinoRuntime, type UncaughtError } from "../espruino/runtime.ts";
import { espruinoStorage } from "../espruino/storage.ts";
import { mirrorFlashOperation } from "./flash-mirror.ts";
import { InterpreterLink, type BridgeMessage } from "./link.ts";

export interface SessionOptions {
  /** JavaScript the bridge runs before the saved code (e.g. process.env for another board). */
  bootCode: string;
  /** Everything the interpreter prints, for the caller's transcript. */
  onConsole: (text: string) => void;
  /** How long one exchange may take before the interpreter is killed (link.ts). */
  timeoutMs?: number;
}

/** The firmware's call each bridge message stands for, to say where something went wrong. */
const CALLS: Record<string, string> = {
  M: "pinMode", W: "digitalWrite", R: "digitalRead", P: "digitalPulse", S: "setWatch", X: "clearWatch",
  T: "setTimeout", V: "setInterval", C: "clearTimeout", Z: "setTime", D: "setDeepSleep", K: "E.setConsole", H: "E.hwRand",
  I: "I2C1.setup", J: "I2C1.writeTo", L: "I2C1.readFrom", U: "USB.write", G: "Storage.getFree", F: "Storage.write/erase", B: "boot",
  A: "analogRead", Q: "E.getAnalogVRef",
};

/** Turns of 20 ms the prompt gets to read typed bytes (a second in all). */
const PROMPT_TURNS = 50;

/**
 * What the interpreter printed that is an error: uncaught exceptions, failed assertions, running
 * out of memory ("OUT OF MEMORY", then "New interpreter error: LOW_MEMORY,MEMORY"), and any other
 * error flag it raises.
 */
const ERROR_LINE = /Uncaught [^\r\n]*|ASSERT\([^\r\n]*|ERROR: [^\r\n]*|INTERNAL ERROR[^\r\n]*|OUT OF MEMORY[^\r\n]*|New interpreter error: [^\r\n]*/g;

export class RealSession {
  readonly runtime: EspruinoRuntime;
  readonly pins: EspruinoPins;
  private readonly i2c: EspruinoI2c;
  private readonly storage: ReturnType<typeof espruinoStorage>;
  private readonly link: InterpreterLink;
  private readonly timers = new Map<string, number>();
  /** The console device the firmware chose (E.setConsole). */
  consoleDevice = "USB";
  deepSleep = false;
  /** Set when the boot (the saved code and the init handlers) has run. */
  booted = false;
  private consoleLine = "";
  /** A flash write the power cut during: the process dies once the bridge has done its part. */
  private dyingInFlash = false;
  private evalResult: string | undefined;
  /** While timing (the bench): each command's type, its ms in the interpreter, and pulses in it. */
  timings: { type: string; ms: number; pulseAtMs: number[] }[] | undefined;
  private closed = false;
  private current: { type: string; ms: number; pulseAtMs: number[] } | undefined;
  /** The last call the firmware made into the bridge, described. */
  private lastCall = "";
  /** Lines the interpreter has printed, to see when its prompt has read what was typed. */
  private newLines = 0;
  private readonly unsubscribeUsb: () => void;

  constructor(
    readonly board: VirtualBoard,
    binary: string,
    dir: string,
    readonly errors: UncaughtError[],
    private readonly options: SessionOptions,
  ) {
    this.runtime = new EspruinoRuntime(board, errors);
    this.pins = new EspruinoPins(this.runtime);
    this.i2c = new EspruinoI2c(this.runtime);
    this.storage = espruinoStorage(this.runtime);
    this.link = new InterpreterLink(binary, dir, (text) => this.consoleText(text), options.timeoutMs);
    const fromHost = (data: string): void => {
      if (this.runtime.alive) this.runtime.queue(0, () => this.usbFromHost(data));
    };
    board.usb.on("toBox", fromHost);
    this.unsubscribeUsb = () => board.usb.off("toBox", fromHost);
  }

  /** Serves the boot: the bridge's settings, the saved code, the init handlers, until idle. */
  start(): void {
    this.serve();
    this.booted = true;
  }

  get alive(): boolean {
    return this.runtime.alive && !this.link.dead;
  }

  get pid(): number | undefined {
    return this.link.pid;
  }

  /** Ends the process (power cut). During a flash write it waits for the bridge's part first. */
  end(): void {
    if (this.dyingInFlash) return;
    this.close();
  }

  /** Ends the process now, whatever it was doing (the box is put away). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.link.kill();
    this.pins.close();
    this.unsubscribeUsb();
    for (const task of this.timers.values()) this.board.scheduler.cancel(task);
    this.timers.clear();
  }

  private error(text: string): void {
    this.errors.push({ atMs: this.board.scheduler.nowMs, boot: this.runtime.boot, error: text });
  }

  private consoleText(text: string): void {
    this.newLines += text.split("\n").length - 1;
    this.options.onConsole(text);
    if (this.booted && this.consoleDevice === "USB" && this.runtime.alive) this.board.usb.fromBox(text);
    this.consoleLine += text;
    const lines = this.consoleLine.split("\n");
    this.consoleLine = lines.pop() ?? "";
    for (const line of lines) {
      for (const found of line.match(ERROR_LINE) ?? []) {
        // Out of memory says no more than "at :1:1": the last call into the bridge says where.
        const where = /OUT OF MEMORY/.test(found) && this.lastCall ? ` (the firmware's last call before it: ${this.lastCall})` : "";
        this.error(found.trim() + where);
      }
    }
  }

  /** Runs one command in the interpreter's main loop and serves it until the bridge is idle. */
  command(type: string, payload = ""): void {
    if (!this.alive) return;
    this.link.command(type, this.board.rtc.nowMs(), payload);
    const timing = this.timings === undefined ? undefined : { type, ms: Number.NaN, pulseAtMs: [] as number[] };
    this.current = timing;
    const ready = this.serve();
    if (timing && ready !== undefined) {
      timing.ms = Number(ready);
      this.timings?.push(timing);
    }
  }

  /** Starts (or stops) timing every command inside the interpreter. */
  time(on: boolean): void {
    this.timings = on ? [] : undefined;
    this.command("c", on ? "1" : "0");
  }

  /** Evaluates JavaScript inside the interpreter (tests and instruments); returns it as text. */
  evaluate(code: string): string {
    if (!this.alive) throw new Error("the interpreter is not running");
    this.evalResult = undefined;
    this.command("e", code);
    const result = this.evalResult as string | undefined;
    if (result === undefined) throw new Error(`no result from the interpreter for ${code.slice(0, 60)}`);
    if (result.startsWith("!")) throw new Error(`in the interpreter: ${result.slice(1)}`);
    return result.slice(1);
  }

  /** Handles the bridge's messages until it says it is idle (returns what it said), or the process ends. */
  private serve(): string | undefined {
    for (;;) {
      const message = this.link.next();
      if (!message) return this.ended();
      if (message.type === "r") return message.payload;
      try {
        this.handle(message);
      } catch (error) {
        if (!(error instanceof PowerCut)) throw error;
      }
      if (this.link.dead) return this.ended();
    }
  }

  private ended(): undefined {
    if (this.consoleLine) this.consoleText("\n");
    if (this.runtime.current && !this.dyingInFlash) {
      this.error(this.link.timedOut ? "the interpreter did not answer within its time limit and was killed" : "the interpreter exited");
    }
    this.dyingInFlash = false;
    this.close();
    return undefined;
  }

  private handle({ type, payload }: BridgeMessage): void {
    if (CALLS[type]) this.lastCall = `${CALLS[type]}(${payload.slice(0, 24).replace(/[^\x20-\x7e]/g, ".")})`;
    const pins = this.pins;
    const comma = payload.indexOf(",");
    const first = comma < 0 ? payload : payload.slice(0, comma);
    const rest = comma < 0 ? "" : payload.slice(comma + 1);
    switch (type) {
      case "B":
        return this.link.answer(this.board.rtc.nowMs().toFixed(3).padStart(20, " ") + this.options.bootCode);
      case "M":
        return this.fireAndForget(() => pins.pinMode(first, rest));
      case "W":
        return this.fireAndForget(() => pins.digitalWrite(first, Number(rest)));
      case "R": {
        let level = 0;
        this.fireAndForget(() => (level = pins.digitalRead(payload)));
        return this.link.answerByte(level ? "1" : "0");
      }
      case "P": {
        const [pin, value, ms, at] = payload.split(",");
        if (at !== undefined) this.current?.pulseAtMs.push(Number(at));
        return this.fireAndForget(() => pins.digitalPulse(pin, Number(value), Number(ms)));
      }
      case "S":
        return this.answer(() => this.setWatch(payload));
      case "X":
        return this.answer(() => {
          pins.clearWatch(payload === "" ? undefined : Number(payload));
          return "";
        });
      case "T":
      case "V":
        return this.setTimer(first, Number(rest), type === "V");
      case "C":
        return this.clearTimer(payload);
      case "Z":
        return this.runtime.setTime(Number(payload));
      case "D":
        this.deepSleep = payload === "1";
        return;
      case "K":
        this.consoleDevice = payload;
        return;
      case "H":
        return this.link.answer(String(this.board.randomWord() | 0));
      case "A":
        return this.answer(() => String(analogRead(this.board, payload)));
      case "Q":
        return this.link.answer(String(analogVRef(this.board)));
      case "I":
        return this.answer(() => {
          this.i2c.setup({ sda: first, scl: rest });
          return "";
        });
      case "J":
        return this.answer(() => {
          this.i2c.writeTo(Number(first), rest);
          return "";
        });
      case "L":
        return this.answer(() => Buffer.from(this.i2c.readFrom(Number(first), Number(rest))).toString("latin1"));
      case "U":
        this.board.usb.fromBox(payload);
        return;
      case "G":
        return this.answer(() => String(this.storage.getFree()));
      case "F":
        return this.link.answer(this.flashOperation(payload));
      case "Y":
        return this.error(`the simulator's Storage disagrees with Espruino's: ${payload}`);
      case "v":
        this.evalResult = payload;
        return;
      case "!":
        // The bridge has done its part of a write the power cut during: now the lights go out.
        this.dyingInFlash = false;
        return this.close();
      default:
        throw new Error(`unknown message ${JSON.stringify(type)} from the bridge`);
    }
  }

  /** A call the firmware does not wait for: what it would throw on the device is recorded. */
  private fireAndForget(call: () => void): void {
    try {
      call();
    } catch (error) {
      if (error instanceof PowerCut) throw error;
      this.error(`Uncaught ${String(error)}`);
    }
  }

  /** Answers with the call's result, or with the error the bridge throws in the firmware. */
  private answer(call: () => string): void {
    let text: string;
    try {
      text = call();
    } catch (error) {
      if (error instanceof PowerCut) throw error;
      text = `!${bridgeError(error)}`;
    }
    this.link.answer(text);
  }

  private setWatch(payload: string): string {
    const [pin, edge, repeat, debounce, type] = payload.split(",");
    if (type !== "function") throw new Error("setWatch: function expected");
    const id: number = this.pins.setWatch(
      (e) => this.command("w", `${id},${e.state ? 1 : 0},${e.time},${e.lastTime ?? ""},${repeat}`),
      pin,
      { edge: edge as "rising" | "falling" | "both", repeat: repeat === "1", debounce: Number(debounce) },
    );
    return String(id);
  }

  private setTimer(id: string, ms: number, interval: boolean): void {
    if (!interval) {
      this.timers.set(
        id,
        this.runtime.queue(ms, () => {
          this.timers.delete(id);
          this.command("t", id);
        }),
      );
      return;
    }
    // As the node:vm runtime: an interval of 0 would run for ever at one instant.
    const period = Math.max(1, ms);
    const tick = (): void => {
      this.timers.set(id, this.runtime.queue(period, tick));
      this.command("i", id);
    };
    this.timers.set(id, this.runtime.queue(period, tick));
  }

  private clearTimer(id: string): void {
    const ids = id === "" ? [...this.timers.keys()] : [id];
    for (const each of ids) {
      const task = this.timers.get(each);
      if (task !== undefined) this.board.scheduler.cancel(task);
      this.timers.delete(each);
    }
  }

  private usbFromHost(data: string): void {
    if (this.consoleDevice !== "USB") return this.command("u", data);
    // The console is still on USB: the bytes go to Espruino's own prompt (its stdin). The Linux
    // build polls stdin only every few tens of milliseconds, so the bridge lets its main loop run
    // in turns of 20 ms of real time until the prompt answers (it echoes what it reads).
    this.link.typeAtPrompt(data);
    // Each line typed is echoed with a new line once the prompt has read it; then one turn more,
    // for what the line prints.
    const lines = data.split("\r").length - 1;
    const start = this.newLines;
    const echoed = (): number => this.newLines - start;
    for (let turn = 0; turn < PROMPT_TURNS && (turn === 0 || echoed() < lines) && this.alive; turn++) this.command("p", "20");
    if (lines > 0) this.command("p", "20");
  }

  /** A Storage write or erase (./flash-mirror.ts); a power cut in it must not kill the process yet. */
  private flashOperation(payload: string): string {
    this.dyingInFlash = true;
    const { instruction, cut } = mirrorFlashOperation(this.storage, this.board.flash, payload);
    this.dyingInFlash = cut;
    return instruction;
  }
}

/** "Type:message" as the bridge rebuilds the exception (the shim's I2C throws InternalError). */
function bridgeError(error: unknown): string {
  if (error instanceof Error) return `${error.name === "InternalError" ? "InternalError" : "Error"}:${error.message}`;
  return `Error:${String(error)}`;
}
