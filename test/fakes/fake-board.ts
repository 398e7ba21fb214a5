/**
 * A Board for unit tests of the core in Node: virtual time with a deterministic timer queue,
 * and every output recorded. Lighter than the simulator (sim/), which runs the built firmware on
 * an electrical model; this one lets a test poke the core's ports directly.
 */
import type { Board, LedColour } from "../../firmware/core/board.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";

interface PendingTimer {
  id: number;
  at: number;
  callback: () => void;
}

export class FakeTimers {
  private queue: PendingTimer[] = [];
  private nextId = 1;
  now = 0;

  after(ms: number, callback: () => void): number {
    const id = this.nextId++;
    this.queue.push({ id, at: this.now + ms, callback });
    return id;
  }

  cancel(id: number): void {
    this.queue = this.queue.filter((t) => t.id !== id);
  }

  pending(): number {
    return this.queue.length;
  }

  /** Advances virtual time, running due timers in time order (ties in creation order). */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = this.queue.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.queue = this.queue.filter((t) => t !== due);
      this.now = due.at;
      due.callback();
    }
    this.now = end;
  }
}

export class FakeBoard {
  readonly timers = new FakeTimers();
  readonly coilPulses: { at: number; ms: number }[] = [];
  coilReleases = 0;
  lidOpen = false;
  clockSeconds = -1;
  hasDs3231 = true;
  servicePressed = false;
  readonly led: { at: number; colour: LedColour }[] = [];
  readonly buzzer: { at: number; on: boolean }[] = [];
  readonly usbOut: string[] = [];
  readonly deliverySignal: { at: number; on: boolean }[] = [];
  watchdogKicks = 0;
  private scanHandler: (pressed: string, atMs: number) => void = () => undefined;
  private lidHandler: (open: boolean) => void = () => undefined;
  private usbHandler: (chunk: string) => void = () => undefined;
  private serviceHandler: (pressed: boolean) => void = () => undefined;
  private homeHandler: () => void = () => undefined;
  readonly files = new Map<string, string>();

  board(): Board {
    const timers = this.timers;
    return {
      profile: "fake",
      runtime: "node",
      hasher: nodeHasher,
      keypad: { onScan: (h) => (this.scanHandler = h) },
      coil: {
        pulse: (ms) => this.coilPulses.push({ at: timers.now, ms }),
        release: () => (this.coilReleases += 1),
      },
      lid: { isOpen: () => this.lidOpen, onChange: (h) => (this.lidHandler = h) },
      signals: {
        led: (colour) => this.led.push({ at: timers.now, colour }),
        buzzer: (on) => this.buzzer.push({ at: timers.now, on }),
      },
      clock: {
        now: () => this.clockSeconds,
        set: (s) => (this.clockSeconds = s),
        hasBackup: () => this.hasDs3231,
      },
      timers: { after: (ms, cb) => timers.after(ms, cb), cancel: (id) => timers.cancel(id), uptimeMs: () => timers.now },
      flash: {
        read: (name) => this.files.get(name),
        create: (name, size) => (this.files.set(name, "\xff".repeat(size)), true),
        write: (name, offset, data) => {
          const file = this.files.get(name);
          if (file === undefined || offset + data.length > file.length) return false;
          for (let i = 0; i < data.length; i++) if (file.charCodeAt(offset + i) !== 0xff) return false;
          this.files.set(name, file.slice(0, offset) + data + file.slice(offset + data.length));
          return true;
        },
        remove: (name) => this.files.delete(name),
        free: () => 1 << 20,
      },
      usb: { write: (text) => this.usbOut.push(text), onData: (h) => (this.usbHandler = h) },
      inputs: {
        servicePressed: () => this.servicePressed,
        onService: (h) => (this.serviceHandler = h),
        onHomeOpen: (h) => (this.homeHandler = h),
      },
      outputs: { deliverySignal: (on) => this.deliverySignal.push({ at: timers.now, on }) },
      system: {
        randomBytes: (n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + this.timers.now) & 255)).toString("latin1"),
        kickWatchdog: () => (this.watchdogKicks += 1),
      },
    };
  }

  /** Presses and releases a key the way a finger does: down for 120 ms, scanned every 10 ms. */
  press(key: string): void {
    for (let t = 0; t <= 120; t += 10) {
      this.scanHandler(key, this.timers.now);
      this.timers.advance(10);
    }
    this.scanHandler("", this.timers.now);
    this.timers.advance(150);
  }

  type(keys: string): void {
    for (const key of keys) this.press(key);
  }

  scan(pressed: string): void {
    this.scanHandler(pressed, this.timers.now);
  }

  setLid(open: boolean): void {
    this.lidOpen = open;
    this.lidHandler(open);
  }

  usbIn(text: string): void {
    this.usbHandler(text);
  }

  service(pressed: boolean): void {
    this.servicePressed = pressed;
    this.serviceHandler(pressed);
  }

  homeOpen(): void {
    this.homeHandler();
  }

  /** The longest single coil pulse ever asked for. */
  longestPulse(): number {
    return Math.max(0, ...this.coilPulses.map((p) => p.ms));
  }
}
