/**
 * Espruino's serial devices on the virtual board: USB (the board's UsbSerial link) and the
 * LoopbackA/LoopbackB pair, plus the interpreter console that sits on one of them.
 *
 * As on a device: bytes arriving on the console device go to the interpreter prompt (echoed and
 * evaluated line by line), not to `on('data')` handlers; console output (console.log, print,
 * uncaught errors) goes to the console device. `E.setConsole(LoopbackA, {force: true})` moves the
 * prompt off USB, after which USB's bytes reach the firmware's `USB.on('data')` and nothing on USB
 * reaches the interpreter. The prompt's line editing is prompt.ts.
 *
 * Bytes from the host wait in an input buffer until the main loop takes them, as in a device's
 * UART buffer: what is still there when reset() or load() ends this interpreter is handed to the
 * next one (`takePending`/`receivePending`), so an upload sent in one burst is not cut short.
 */
import { EspruinoPrompt } from "./prompt.ts";
import type { EspruinoRuntime } from "./runtime.ts";

export class SerialDevice {
  private handlers: ((data: string) => void)[] = [];

  constructor(
    readonly name: string,
    private readonly rt: EspruinoRuntime,
    private readonly transmit: (data: string) => void,
  ) {}

  on(event: string, handler: (data: string) => void): void {
    this.rt.check();
    if (event === "data") this.handlers.push(handler);
  }

  removeAllListeners(event?: string): void {
    this.rt.check();
    if (event === undefined || event === "data") this.handlers = [];
  }

  write(...data: (string | number | ArrayLike<number>)[]): void {
    this.rt.check();
    this.transmit(data.map(textOf).join(""));
  }

  print(text: unknown): void {
    this.write(String(text));
  }

  println(text: unknown): void {
    this.write(String(text) + "\r\n");
  }

  /** Bytes arriving on this device (queued on the main loop by the caller). */
  receive(data: string): void {
    for (const handler of [...this.handlers]) handler(data);
  }
}

function textOf(item: string | number | ArrayLike<number>): string {
  if (typeof item === "string") return item;
  if (typeof item === "number") return String.fromCharCode(item & 0xff);
  let out = "";
  for (let i = 0; i < item.length; i++) out += String.fromCharCode(item[i] & 0xff);
  return out;
}

export class EspruinoSerial {
  readonly usb: SerialDevice;
  readonly loopbackA: SerialDevice;
  readonly loopbackB: SerialDevice;
  private console: SerialDevice;
  /** Host bytes on USB not yet taken by the main loop. */
  private input = "";
  private draining = false;
  /** Evaluates a line typed at the prompt (set by the boot, which owns the vm context). */
  evaluate: (code: string) => unknown = () => undefined;
  private readonly prompt: EspruinoPrompt;
  private readonly unsubscribe: () => void;

  constructor(private readonly rt: EspruinoRuntime) {
    const board = rt.board;
    this.usb = new SerialDevice("USB", rt, (data) => board.usb.fromBox(data));
    // What one loopback transmits arrives on the other.
    this.loopbackA = new SerialDevice("LoopbackA", rt, (data) => rt.queue(0, () => this.deliver(this.loopbackB, data)));
    this.loopbackB = new SerialDevice("LoopbackB", rt, (data) => rt.queue(0, () => this.deliver(this.loopbackA, data)));
    this.console = this.usb;
    this.prompt = new EspruinoPrompt({
      evaluate: (code) => this.evaluate(code),
      write: (text) => this.consoleWrite(text),
      alive: () => rt.alive,
    });
    // Kept while reset() or load() hands over to the next interpreter (rt.current).
    const fromHost = (data: string): void => {
      if (rt.current) this.receivePending(data);
    };
    board.usb.on("toBox", fromHost);
    this.unsubscribe = () => board.usb.off("toBox", fromHost);
  }

  close(): void {
    this.unsubscribe();
  }

  /** Host bytes this interpreter did not get to (after reset() or load()). */
  takePending(): string {
    const rest = this.input;
    this.input = "";
    return rest;
  }

  /** Host bytes for USB, taken by the main loop in order. */
  receivePending(data: string): void {
    if (data === "") return;
    this.input += data;
    if (this.draining) return;
    this.draining = true;
    this.rt.queue(0, () => this.drainUsb());
  }

  private drainUsb(): void {
    this.draining = false;
    if (!this.rt.alive) return;
    const data = this.input;
    this.input = "";
    if (this.usb !== this.console) return this.usb.receive(data);
    // If the line ended this interpreter, the rest waits for the next one.
    this.input = this.prompt.receive(data) + this.input;
  }

  get consoleDevice(): SerialDevice {
    return this.console;
  }

  setConsole(device: SerialDevice | null | undefined): void {
    this.rt.check();
    this.console = device ?? this.usb;
    this.prompt.clear();
  }

  /** Console output: where console.log, print and uncaught errors go. */
  consoleWrite(text: string): void {
    if (!this.rt.alive) return;
    const device = this.console;
    if (device === this.usb) this.rt.board.usb.fromBox(text);
    else if (device === this.loopbackA) this.rt.queue(0, () => this.deliver(this.loopbackB, text));
    else if (device === this.loopbackB) this.rt.queue(0, () => this.deliver(this.loopbackA, text));
  }

  private deliver(device: SerialDevice, data: string): void {
    if (device !== this.console) device.receive(data);
    else this.prompt.receive(data);
  }
}
