/**
 * Turns the serial port's chunks into request lines. Serial data arrives in pieces of any size,
 * so a line may span many chunks and a chunk may hold many lines. A line ends at "\n" or "\r"
 * (terminals send "\r", scripts "\n", some both; empty lines are skipped).
 *
 * Memory is bounded: a line longer than MAX_LINE_BYTES is reported once, as soon as it gets too
 * long, and everything up to the next line end is dropped without being kept. A line with a byte
 * outside printable ASCII is reported at its end and never parsed.
 */
import { isPrintable, type UsbErrorCode } from "./protocol";

/** A complete line (`problem` "") or an error to answer (`line` ""). */
export interface LineItem {
  line: string;
  problem: UsbErrorCode | "";
}

export class LineReader {
  private parts: string[] = [];
  private length = 0;
  private tooLong = false;
  private binary = false;

  constructor(private readonly maxBytes: number) {}

  /** Everything the chunk completes, in order. */
  feed(chunk: string): LineItem[] {
    const items: LineItem[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (!this.tooLong && i > start) this.parts.push(chunk.substring(start, i));
        this.finishLine(items);
        start = i + 1;
      } else if (this.tooLong) {
        start = i + 1;
      } else if (this.length >= this.maxBytes) {
        items.push({ line: "", problem: "E_TOO_LONG" });
        this.tooLong = true;
        this.parts = [];
        start = i + 1;
      } else {
        this.length++;
        if (!isPrintable(c)) this.binary = true;
      }
    }
    if (!this.tooLong && chunk.length > start) this.parts.push(chunk.substring(start));
    return items;
  }

  private finishLine(items: LineItem[]): void {
    if (!this.tooLong) {
      if (this.binary) items.push({ line: "", problem: "E_BINARY" });
      else if (this.length > 0) items.push({ line: this.parts.join(""), problem: "" });
    }
    this.parts = [];
    this.length = 0;
    this.tooLong = false;
    this.binary = false;
  }
}
