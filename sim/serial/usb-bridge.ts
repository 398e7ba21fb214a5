/**
 * The box's side of the simulated USB port, whatever carries it: a real pseudo-terminal
 * (`openPtyBridge`, pty.ts) or an in-process stream pair (`openStreamBridge`, stream.ts). The
 * simulator's serial adapter talks to this shape only, so a test picks the carrier it needs.
 *
 * Bytes pass unchanged in both directions and arrive in chunks of any size: the bridge knows
 * nothing of lines, so framing is the firmware's job, as on a real USB CDC port.
 */

export interface UsbBridge {
  /**
   * Where the computer opens the port: a `/dev/pts/N` path for the pseudo-terminal, `undefined`
   * for the in-process stream (use its `connect()` instead).
   */
  readonly path: string | undefined;
  /** The symlink made with the `link` option (pty only), removed again by `close()`. */
  readonly link: string | undefined;
  /**
   * Sends bytes from the box to the computer. A string is a byte string, one character per
   * byte, as strings are on the box (Espruino strings are 8-bit); a character above 0xff is a
   * mistake and throws. Throws after `close()` or after the carrier failed.
   */
  write(bytes: Buffer | string): void;
  /**
   * Calls `listener` with each chunk the computer sends. Chunks that arrive while nobody
   * listens are kept and handed to the first listener (just after `onData` returns), so a box
   * that starts listening late loses nothing. Returns a function that removes the listener.
   */
  onData(listener: (bytes: Buffer) => void): () => void;
  /** Called once if the carrier fails (the relay process died, a pipe broke). */
  onError(listener: (error: Error) => void): () => void;
  /** Stops the bridge and frees what it holds (process, symlink). Safe to call twice. */
  close(): Promise<void>;
}

/** A box byte string or buffer as a Buffer of exactly those bytes. */
export function usbBytes(bytes: Buffer | string): Buffer {
  if (typeof bytes !== "string") return bytes;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes.charCodeAt(i) > 0xff) {
      throw new TypeError(`USB write: character ${i} (U+${bytes.charCodeAt(i).toString(16)}) is not a byte; box strings are 8-bit`);
    }
  }
  return Buffer.from(bytes, "latin1");
}
