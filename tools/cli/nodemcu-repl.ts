/**
 * A session with NodeMCU's interactive Lua prompt over a serial port, as upload tools use it
 * (nodemcu-tool, ESPlorer): one line of Lua at a time. NodeMCU echoes what it receives and prints
 * "> " after each line, and its output may come in pieces; so each line ends by printing a marker
 * that only the running code can produce ("@@" .. n prints "@@7", while the echo shows the
 * expression), and what the line printed is the output between its echo and the marker.
 */
import type { Duplex } from "node:stream";

export class NoPrompt extends Error {}

export class NodeMcuRepl {
  private received = "";
  private next = 1;
  /** Called when bytes arrive (a line waiting for its marker). */
  private arrived: (() => void) | undefined;

  constructor(
    private readonly stream: Duplex,
    private readonly timeoutMs: number,
  ) {
    stream.on("data", (chunk: Buffer | string) => {
      this.received += typeof chunk === "string" ? chunk : chunk.toString("latin1");
      this.arrived?.();
    });
  }

  /** Resolves when bytes arrive or after `ms`. */
  private bytesOrTimeout(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.arrived = () => {
        this.arrived = undefined;
        done();
      };
    });
  }

  /**
   * Runs one line of Lua and returns the lines it printed. Throws NoPrompt when nothing answers
   * within the timeout (no Lua prompt on the port, or it stopped answering).
   */
  async run(lua: string, timeoutMs = this.timeoutMs): Promise<string[]> {
    if (/[\r\n]/.test(lua)) throw new Error("one line of Lua at a time");
    const n = this.next++;
    const marker = `@@${n}`;
    this.received = "";
    this.stream.write(`${lua}; print("@@" .. "${n}")\r\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = this.received.split(/\r?\n/);
      const at = lines.indexOf(marker);
      if (at >= 0) return lines.slice(0, at).filter((line) => !line.includes(`"@@" .. "${n}"`) && line.replace(/^(> )+/, "") !== "");
      const left = deadline - Date.now();
      if (left <= 0) throw new NoPrompt(`no answer from a Lua prompt within ${timeoutMs} ms`);
      await this.bytesOrTimeout(left);
    }
  }

  /** Sends a line whose answer may never come (it restarts the chip) and returns what arrives meanwhile. */
  async send(lua: string, waitMs: number): Promise<string> {
    this.received = "";
    this.stream.write(`${lua}\r\n`);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    return this.received;
  }

  /** Gets to a clean prompt: ends any half-typed line and checks that Lua answers. */
  async sync(): Promise<void> {
    this.stream.write("\r\n");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await this.run("local _ = 0");
  }
}
