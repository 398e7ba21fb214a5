/**
 * The listener lists both USB bridges share: data, held until the first listener so nothing the
 * computer sends early is lost, and a single failure report.
 */
export class BridgeListeners {
  private readonly dataListeners: Array<(bytes: Buffer) => void> = [];
  private readonly errorListeners: Array<(error: Error) => void> = [];
  private held: Buffer[] = [];
  private flushScheduled = false;
  private failure: Error | undefined;

  onData(listener: (bytes: Buffer) => void): () => void {
    this.dataListeners.push(listener);
    if (this.held.length > 0 && !this.flushScheduled) {
      // After onData returns, so the caller holds its unsubscribe function when bytes arrive.
      this.flushScheduled = true;
      queueMicrotask(() => this.flushHeld());
    }
    return () => remove(this.dataListeners, listener);
  }

  onError(listener: (error: Error) => void): () => void {
    this.errorListeners.push(listener);
    if (this.failure) listener(this.failure);
    return () => remove(this.errorListeners, listener);
  }

  deliver(bytes: Buffer): void {
    // Behind held bytes not yet flushed, so the order is kept.
    if (this.dataListeners.length === 0 || this.flushScheduled) {
      this.held.push(bytes);
      return;
    }
    for (const listener of this.dataListeners.slice()) listener(bytes);
  }

  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const listener of this.errorListeners.slice()) listener(error);
  }

  /** The failure reported so far, if any; writes after it throw it. */
  get failed(): Error | undefined {
    return this.failure;
  }

  private flushHeld(): void {
    this.flushScheduled = false;
    if (this.dataListeners.length === 0 || this.held.length === 0) return;
    const held = Buffer.concat(this.held);
    this.held = [];
    this.deliver(held);
  }
}

function remove<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}
