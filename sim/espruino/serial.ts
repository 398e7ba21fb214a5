/**
 * Espruino's serial devices on the virtual board: USB (the board's UsbSerial link) and the
 * LoopbackA/LoopbackB pair, plus the interpreter console that sits on one of them.
 *
 * As on a device: bytes arriving on the console device go to the interpreter prompt (echoed and
 * evaluated line by line), not to `on('data')` handlers; console output (console.log, print,
 * uncaught errors) goes to the console device. `E.setConsole(LoopbackA, {force: true})` moves the
 * prompt off USB, after which USB's bytes reach the firmware's `USB.on('data')` and nothing on USB
 * reaches the interpreter.
 */
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
  private line = "";
  /** Evaluates a line typed at the prompt (set by the boot, which owns the vm context). */
  evaluate: (code: string) => unknown = () => undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly rt: EspruinoRuntime) {
    const board = rt.board;
    this.usb = new SerialDevice("USB", rt, (data) => board.usb.fromBox(data));
    // What one loopback transmits arrives on the other.
    this.loopbackA = new SerialDevice("LoopbackA", rt, (data) => rt.queue(0, () => this.deliver(this.loopbackB, data)));
    this.loopbackB = new SerialDevice("LoopbackB", rt, (data) => rt.queue(0, () => this.deliver(this.loopbackA, data)));
    this.console = this.usb;
    const fromHost = (data: string): void => {
      if (rt.alive) rt.queue(0, () => this.deliver(this.usb, data));
    };
    board.usb.on("toBox", fromHost);
    this.unsubscribe = () => board.usb.off("toBox", fromHost);
  }

  close(): void {
    this.unsubscribe();
  }

  get consoleDevice(): SerialDevice {
    return this.console;
  }

  setConsole(device: SerialDevice | null | undefined): void {
    this.rt.check();
    this.console = device ?? this.usb;
    this.line = "";
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
    if (device !== this.console) {
      device.receive(data);
      return;
    }
    // The interpreter prompt: echo, and run each complete line.
    for (const ch of data) {
      if (ch === "\r" || ch === "\n") {
        const code = this.line;
        this.line = "";
        if (ch === "\n" && code === "") continue;
        this.consoleWrite("\r\n");
        if (code.trim() === "") {
          this.consoleWrite(">");
          continue;
        }
        try {
          const result = this.evaluate(code);
          this.consoleWrite(`=${result === undefined ? "undefined" : String(result)}\r\n>`);
        } catch (error) {
          this.consoleWrite(`Uncaught ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\r\n>`);
        }
      } else {
        this.line += ch;
        this.consoleWrite(ch);
      }
    }
  }
}
