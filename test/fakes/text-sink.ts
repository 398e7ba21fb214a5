/** A writable stream that keeps what is written to it: a CLI's stdout or stderr in a test. */
import { Writable } from "node:stream";

export function textSink(): { stream: Writable; text: () => string } {
  const parts: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      parts.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => parts.join("") };
}
