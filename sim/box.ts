/**
 * A simulated parcel box: a virtual board (sim/state) running one of the two built firmware
 * files, the Espruino build in an Espruino-shaped node:vm context (`espruino`) or in the real
 * Espruino 2v29 interpreter loaded from its Storage (`espruino-real`, sim/espruino-real), or the
 * NodeMCU build in a Lua VM. Everything that drives a whole box (the scenario runner, `make sim`, `make demo`, the
 * end-to-end tests) starts here.
 *
 * Time is virtual: nothing moves until `advance(ms)` (or the real-time pump) moves it, so a run
 * is repeatable and a month can pass in a second.
 */
import { createHmac } from "node:crypto";
import { deriveUsbKey } from "../firmware/core/codes/keys.ts";
import { BOX_EPOCH_UNIX } from "../firmware/core/time.ts";
import { WAKE_PREAMBLE, WAKE_SETTLE_MS } from "../firmware/core/host/protocol.ts";
import { bootEspruino, type EspruinoBoot } from "./espruino/boot.ts";
import { EspruinoRealBoot, type EspruinoRealOptions } from "./espruino-real/boot.ts";
import { tierBinary, type EspruinoBinary } from "./espruino-real/interpreter.ts";
import { NodeMcuBox, type Esp32Console } from "./nodemcu/loader.ts";
import type { LuaVmKind } from "./nodemcu/lua-vm.ts";
import { openPtyBridge } from "./serial/pty.ts";
import type { UsbBridge } from "./serial/usb-bridge.ts";
import { VirtualBoard } from "./state/board.ts";
import { nodeHasher } from "../tools/lib/node-hasher.ts";

export type SimRuntimeName = "espruino" | "espruino-real" | "nodemcu";

/** The board profile each runtime runs on unless told otherwise (firmware/boards/profiles.ts). */
export const DEFAULT_PROFILE: Record<SimRuntimeName, string> = {
  espruino: "espruino-pico",
  "espruino-real": "espruino-pico",
  nodemcu: "esp32-nodemcu",
};

/** Which build a runtime runs: both Espruino runtimes run build/espruino/parcelbox.js. */
export function buildOf(runtime: SimRuntimeName): "espruino" | "nodemcu" {
  return runtime === "nodemcu" ? "nodemcu" : "espruino";
}

export interface SimBoxOptions {
  runtime: SimRuntimeName;
  /**
   * The Lua VM for the NodeMCU build: fengari (32-bit integers, default), wasmoon (64-bit), nodemcu
   * (NodeMCU's own Lua: 32-bit integers and floats) or nodemcu-lfs (the same, code in LFS).
   */
  lua?: LuaVmKind;
  profile?: string;
  /** Whether a DS3231 is fitted (default true). */
  ds3231?: boolean;
  /** Wall-clock time at the start, Unix seconds: the DS3231 is set to it. */
  unixTime?: number;
  /** Seed of the board's random generator, so runs repeat. */
  seed?: number;
  /** ESP32 NodeMCU only: whose the USB console is (sim/nodemcu/loader.ts, default the uart's). */
  esp32Console?: Esp32Console;
  /** espruino-real: the interpreter build (default $ESPRUINO_REAL_BINARY, else espruino-debug). */
  espruinoBinary?: EspruinoBinary;
  /** espruino-real: its other options (the Storage files to boot, where the bridge runs). */
  espruinoReal?: Omit<EspruinoRealOptions, "binary">;
}

export class SimBox {
  private espruino: EspruinoBoot | undefined;
  /** The real interpreter's boot (runtime espruino-real), for instruments and tests. */
  espruinoReal: EspruinoRealBoot | undefined;
  private nodemcu: NodeMcuBox | undefined;
  private nextRequest = 1;

  private constructor(
    readonly board: VirtualBoard,
    readonly runtime: SimRuntimeName,
    readonly options: SimBoxOptions,
  ) {}

  static async start(options: SimBoxOptions): Promise<SimBox> {
    const board = new VirtualBoard({
      profile: options.profile ?? DEFAULT_PROFILE[options.runtime],
      ds3231: options.ds3231 ?? true,
      ds3231UnixSeconds: options.unixTime,
      seed: options.seed ?? 1,
      powered: false,
    });
    const box = new SimBox(board, options.runtime, options);
    if (options.runtime === "espruino") box.espruino = bootEspruino(board);
    else if (options.runtime === "espruino-real") box.espruinoReal = new EspruinoRealBoot(board, { ...options.espruinoReal, binary: options.espruinoBinary ?? tierBinary() });
    else box.nodemcu = await NodeMcuBox.attach(board, { vm: options.lua ?? "fengari", esp32Console: options.esp32Console });
    board.powerOn();
    board.advance(10);
    return box;
  }

  /** The NodeMCU build's loader (its current boot's Lua VM is `nodeMcu.boot.vm`); undefined on Espruino. */
  get nodeMcu(): NodeMcuBox | undefined {
    return this.nodemcu;
  }

  /** Uncaught firmware errors so far (JavaScript exceptions or Lua errors), as text. */
  errors(): string[] {
    if (this.espruino) return this.espruino.errors.map((e) => String(e.error));
    if (this.espruinoReal) return this.espruinoReal.errors.map((e) => String(e.error));
    return (this.nodemcu?.failures ?? []).map((f) => `${f.source}: ${f.message}`);
  }

  advance(ms: number): void {
    this.board.advance(ms);
  }

  /** Presses and releases each key as a person does: 120 ms down, 150 ms between keys. */
  type(keys: string): void {
    for (const key of keys) {
      this.board.keypad.press(key);
      this.board.advance(120);
      this.board.keypad.release(key);
      this.board.advance(150);
    }
  }

  /**
   * Sends one request line over USB (in-process) and returns the box's answer lines for it,
   * waiting up to `waitMs` of virtual time for the final OK or ERR.
   */
  request(line: string, waitMs = 2000): string[] {
    const id = line.split(" ")[0];
    this.board.usb.takeOutput();
    this.wakeUsb();
    this.board.usb.send(`${line}\r\n`);
    const lines: string[] = [];
    let buffer = "";
    for (let waited = 0; waited <= waitMs; waited += 10) {
      this.board.advance(10);
      buffer += this.board.usb.takeOutput();
      const complete = buffer.split("\r\n");
      buffer = complete.pop() ?? "";
      for (const l of complete) if (l.startsWith(`${id} `)) lines.push(l);
      const last = lines[lines.length - 1];
      if (last && (last.startsWith(`${id} OK`) || last.startsWith(`${id} ERR`))) return lines;
    }
    throw new Error(`no answer to "${line}" within ${waitMs} ms (got: ${JSON.stringify(lines)})`);
  }

  /**
   * What the owner's tool does before a request (docs/protocol.md, "Waking the box"): empty lines
   * (WAKE_PREAMBLE), since a box in light sleep (ESP32) loses the bytes that wake it, then the
   * wait. The tool always waits WAKE_SETTLE_MS; here only a sleeping box is given it, so an awake
   * box keeps its timing to the millisecond.
   */
  wakeUsb(): void {
    const asleep = this.nodemcu?.sleep.asleep === true;
    this.board.usb.send(WAKE_PREAMBLE);
    if (asleep) this.board.advance(WAKE_SETTLE_MS);
  }

  /** A fresh request id. */
  requestId(): string {
    return `r${this.nextRequest++}`;
  }

  /**
   * Provisions an unprovisioned box through the real PROVISION command, with the master secret
   * (20 bytes) and the board's current time.
   */
  provision(secret: Buffer, unixTime: number, settings: Record<string, number> = {}): string[] {
    const fields = Object.entries(settings).map(([k, v]) => ` ${k}=${v}`).join("");
    const answer = this.request(`${this.requestId()} PROVISION secret=${secret.toString("hex")} clock=${unixTime - BOX_EPOCH_UNIX}${fields}`);
    if (!answer[answer.length - 1].includes(" OK")) throw new Error(`provisioning refused: ${answer.join(" | ")}`);
    return answer;
  }

  /**
   * Runs an authenticated request as the owner's tool does: CHALLENGE, then the request signed
   * with the USB key derived from `secret` (docs/protocol.md).
   */
  authenticated(secret: Buffer, request: string): string[] {
    const challenge = this.request(`${this.requestId()} CHALLENGE`);
    const nonce = /nonce=([0-9a-f]+)/.exec(challenge.join(" "))?.[1];
    if (!nonce) throw new Error(`no nonce in ${challenge.join(" | ")}`);
    const usbKey = Buffer.from(deriveUsbKey(nodeHasher, secret.toString("latin1")), "latin1");
    const id = this.requestId();
    const signed = `${id} ${request} nonce=${nonce}`;
    const auth = createHmac("sha1", usbKey).update(signed, "latin1").digest("hex");
    return this.request(`${signed} auth=${auth}`);
  }

  /** Cuts the power, waits `offMs`, and powers up again (the firmware boots from flash). */
  powerCycle(offMs = 1000): void {
    this.board.powerOff("power cycle");
    this.board.advance(offMs);
    this.board.powerOn();
    this.board.advance(10);
  }

  /**
   * Exposes the box's USB port as a real pseudo-terminal; bytes flow while the real-time pump
   * (or advance) runs the box. Returns the bridge; close it when done.
   */
  async attachPty(link?: string): Promise<UsbBridge> {
    const bridge = await openPtyBridge({ link });
    bridge.onData((bytes) => this.board.usb.send(bytes.toString("latin1")));
    this.board.usb.on("toHost", (chunk) => bridge.write(chunk));
    return bridge;
  }

  /**
   * Runs virtual time at wall-clock pace (for people and for the owner's tool over a pty).
   * Returns a function that stops the pump.
   */
  runRealTime(tickMs = 10): () => void {
    let last = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      if (now > last) this.board.advance(now - last);
      last = now;
    }, tickMs);
    return () => clearInterval(timer);
  }

  close(): void {
    this.board.powerOff("simulation ended");
    // Close the last boot's Lua VM too: wasmoon's VMs share one WebAssembly memory, and a long
    // campaign of boxes left open exhausts it (the box then stops answering).
    this.nodemcu?.detach();
    // The real interpreter is a process with a directory of its own.
    this.espruinoReal?.detach();
  }
}
