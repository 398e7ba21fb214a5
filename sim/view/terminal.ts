/**
 * The terminal side of the view: raw keys through node:readline, frames drawn with plain ANSI
 * escape codes on the alternate screen, and the terminal put back exactly as it was on the way
 * out, whichever way out it is (q, Ctrl-C, a signal, an error, the input closing).
 *
 * When the output is not a terminal there is no colour and no cursor movement: a frame is printed
 * as plain lines whenever it changes, at most once a second.
 */
import { emitKeypressEvents, type Key } from "node:readline";

const ALT_SCREEN_ON = "\x1b[?1049h";
const ALT_SCREEN_OFF = "\x1b[?1049l";
const CURSOR_HIDE = "\x1b[?25l";
const CURSOR_SHOW = "\x1b[?25h";
const HOME = "\x1b[H";
const CLEAR_LINE_END = "\x1b[K";
const CLEAR_BELOW = "\x1b[J";
const CLEAR_SCREEN = "\x1b[2J";
const PLAIN_FRAME_MS = 1000;

export interface TerminalStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number; on(event: "resize", listener: () => void): unknown };
}

/** Whether to colour: only on a terminal, and never with NO_COLOR set or TERM=dumb. */
export function wantsColour(output: TerminalStreams["output"], env: NodeJS.ProcessEnv): boolean {
  return Boolean(output.isTTY) && !env.NO_COLOR && env.TERM !== "dumb";
}

export class Terminal {
  private lastFrame = "";
  private lastPlainMs = -Infinity;
  private started = false;
  private restored = false;
  private readonly onKeypress: (text: string | undefined, key: Key | undefined) => void;
  private readonly onResize = (): void => {
    this.lastFrame = "";
    if (this.isTty) this.output.write(CLEAR_SCREEN);
  };

  constructor(
    private readonly streams: TerminalStreams,
    keypress: (text: string | undefined, key: Key | undefined) => void,
  ) {
    this.onKeypress = keypress;
  }

  private get output(): TerminalStreams["output"] {
    return this.streams.output;
  }

  get isTty(): boolean {
    return Boolean(this.streams.output.isTTY);
  }

  /** Columns and rows; 80x24 when the output is not a terminal. */
  size(): { width: number; height: number } {
    if (!this.isTty) return { width: 80, height: 24 };
    return { width: this.output.columns ?? 80, height: this.output.rows ?? 24 };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const input = this.streams.input;
    emitKeypressEvents(input);
    if (input.isTTY && input.setRawMode) input.setRawMode(true);
    input.on("keypress", this.onKeypress);
    input.resume();
    if (this.isTty) {
      this.output.write(ALT_SCREEN_ON + CURSOR_HIDE + CLEAR_SCREEN);
      this.output.on("resize", this.onResize);
    }
  }

  /** Draws the frame if it changed. */
  draw(lines: string[]): void {
    const frame = lines.join("\n");
    if (frame === this.lastFrame) return;
    if (!this.isTty) {
      const now = Date.now();
      if (now - this.lastPlainMs < PLAIN_FRAME_MS) return;
      this.lastPlainMs = now;
      this.lastFrame = frame;
      this.output.write(frame + "\n\n");
      return;
    }
    this.lastFrame = frame;
    this.output.write(HOME + lines.map((line) => line + CLEAR_LINE_END).join("\r\n") + CLEAR_BELOW);
  }

  /** Puts the terminal back: normal screen, cursor, cooked mode, input released. Safe twice. */
  restore(): void {
    if (!this.started || this.restored) return;
    this.restored = true;
    const input = this.streams.input;
    input.removeListener("keypress", this.onKeypress);
    if (input.isTTY && input.setRawMode) input.setRawMode(false);
    input.pause();
    if (this.isTty) {
      (this.output as unknown as NodeJS.EventEmitter).removeListener("resize", this.onResize);
      this.output.write(CURSOR_SHOW + ALT_SCREEN_OFF);
    }
  }
}
