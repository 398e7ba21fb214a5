/**
 * Espruino's interpreter prompt (jsinteractive.c's input handling), as far as people typing and
 * the Espruino tools uploading need it:
 * - characters are echoed and collected into the input line; Enter runs it once its brackets
 *   are closed (otherwise the line goes on, shown with a `:` prompt), prints `=result` and `>`;
 * - `\x10` (DLE) at the start of a line turns echo off for that line: nothing of it is echoed,
 *   no `=result` and no prompt, only what the code prints (how the tools send code);
 * - ESC LF (Alt-Enter) adds a newline without running; `ESC [ digits d` sets a line number
 *   (ignored here); `\r\n` counts as one Enter; backspace and Ctrl-U edit the line;
 * - Ctrl-C (`\x03`) clears the input line (the interpreter is never busy between lines here).
 * Uncaught errors are printed as `Uncaught Name: message` and still return the prompt.
 */

const DLE = "\x10";
const ESC = "\x1b";
const CTRL_C = "\x03";
const CTRL_U = "\x15";

/** Open minus closed brackets in `code`, skipping strings and comments (as Espruino's lexer does). */
export function openBrackets(code: string): number {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"' || ch === "'" || ch === "`") {
      for (i++; i < code.length && code[i] !== ch; i++) if (code[i] === "\\") i++;
    } else if (ch === "/" && code[i + 1] === "/") {
      while (i < code.length && code[i] !== "\n") i++;
    } else if (ch === "/" && code[i + 1] === "*") {
      const end = code.indexOf("*/", i + 2);
      i = end < 0 ? code.length : end + 1;
    } else if (ch === "(" || ch === "{" || ch === "[") depth++;
    else if (ch === ")" || ch === "}" || ch === "]") depth--;
  }
  return depth;
}

type EscapeState = "none" | "esc" | "csi" | "csi-number";

export interface PromptHost {
  /** Runs one complete input line in the interpreter; throws what the code throws. */
  evaluate(code: string): unknown;
  /** Writes to the console device. */
  write(text: string): void;
  /** Whether this interpreter still runs (reset() and load() end it after the line). */
  alive(): boolean;
}

export class EspruinoPrompt {
  private line = "";
  private echoOffForLine = false;
  private escape: EscapeState = "none";
  private hadCr = false;

  constructor(private readonly host: PromptHost) {}

  /** Whether the current line is being typed with echo (not a `\x10` line). */
  private get echo(): boolean {
    return !this.echoOffForLine;
  }

  /**
   * Handles `data` character by character; returns the characters not handled because the
   * interpreter ended (reset() or load() ran): they belong to the next interpreter, as bytes
   * left in a device's input buffer do.
   */
  receive(data: string): string {
    for (let i = 0; i < data.length; i++) {
      this.handle(data[i]);
      if (!this.host.alive()) return data.slice(i + 1);
    }
    return "";
  }

  clear(): void {
    this.line = "";
    this.echoOffForLine = false;
    this.escape = "none";
  }

  private handle(ch: string): void {
    const wasCr = this.hadCr;
    this.hadCr = false;
    if (this.escape !== "none") return this.handleEscape(ch);
    if (ch === ESC) {
      this.escape = "esc";
    } else if (ch === CTRL_C) {
      this.clear();
    } else if (ch === CTRL_U) {
      this.line = "";
    } else if (ch === DLE && this.line === "") {
      this.echoOffForLine = true;
    } else if (ch === "\x08" || ch === "\x7f") {
      if (this.line.length > 0) {
        this.line = this.line.slice(0, -1);
        if (this.echo) this.host.write("\x08 \x08");
      }
    } else if (ch === "\n" && wasCr) {
      // \r\n is one Enter: the \r did it.
    } else if (ch === "\r" || ch === "\n") {
      this.hadCr = ch === "\r";
      this.newLine(true);
    } else if (ch >= " " || ch === "\t") {
      this.line += ch;
      if (this.echo) this.host.write(ch);
    }
  }

  private handleEscape(ch: string): void {
    if (this.escape === "esc") {
      this.escape = ch === "[" ? "csi" : "none";
      if (ch === "\n") this.newLine(false);
    } else if (this.escape === "csi") {
      this.escape = ch >= "0" && ch <= "9" ? "csi-number" : "none";
    } else if (!(ch >= "0" && ch <= "9")) {
      // ESC [ n d sets the line number for the debugger; other sequences move the cursor.
      this.escape = "none";
    }
  }

  private newLine(execute: boolean): void {
    if (!execute || openBrackets(this.line) > 0) {
      this.line += "\n";
      if (this.echo) this.host.write("\r\n:");
      return;
    }
    const code = this.line.trimEnd();
    const echo = this.echo;
    this.line = "";
    this.echoOffForLine = false;
    if (echo) this.host.write("\r\n");
    let result: unknown;
    try {
      result = this.host.evaluate(code);
    } catch (error) {
      if (!this.host.alive()) return;
      this.host.write(`Uncaught ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\r\n`);
      if (echo) this.host.write(">");
      return;
    }
    if (!this.host.alive()) return;
    if (echo && code !== "") this.host.write(`=${show(result)}\r\n`);
    if (echo) this.host.write(">");
  }
}

/** The `=result` line, roughly as Espruino prints values. */
function show(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "function () { ... }";
  if (value !== null && typeof value === "object") {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}
