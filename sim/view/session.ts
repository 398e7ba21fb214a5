/**
 * One interactive run: a SimBox, its USB port as a pseudo-terminal, the demo box, and the inputs
 * a person gives it (keys, lid, service button, home relay, power, time). The view reads the
 * board through `snapshot()` and never changes it except through these inputs.
 *
 * Keys typed faster than a finger presses wait in a queue and are pressed one at a time in
 * virtual time (120 ms down, 150 ms apart, as SimBox.type does), so a pasted code works and two
 * keys never touch the matrix at once by accident.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import { buildOf, SimBox, type SimRuntimeName } from "../box.ts";
import type { UsbBridge } from "../serial/usb-bridge.ts";
import type { LedColour } from "../state/outputs.ts";
import { demoCode, ownerCode, profileSecret, provisionDemo, type DemoBox } from "./demo.ts";
import type { DemoCode, LogLine, ViewState } from "./state.ts";
import { narration } from "./narration.ts";
import { committedFigures } from "../../tools/fit/figures.ts";
import { boardFitNote } from "../../tools/fit/render.ts";
import { BoxWatcher } from "./watcher.ts";

export const KEY_DOWN_MS = 120;
export const KEY_GAP_MS = 150;
/** How long the home relay is held closed. */
export const CONTACT_MS = 500;
/** How long the power stays off on a power cut, so the view can show it. */
export const POWER_OFF_MS = 2000;
/** Virtual time run per slice while fast-forwarding, between chances to draw and read keys. */
const FAST_FORWARD_SLICE_MS = 60_000;
/** Wall-clock ms spent fast-forwarding before giving the terminal a turn. */
const FAST_FORWARD_BUDGET_MS = 40;
/** Ask the box again after this much quiet following a change (wall ms)... */
const POLL_AFTER_CHANGE_MS = 400;
/** ...and at least this often. */
const POLL_EVERY_MS = 15_000;
/** Leave the USB port alone this long after the owner's tool used it (wall ms). */
const USB_QUIET_MS = 1500;

export const DEFAULT_LINK = "/tmp/parcelbox-usb";

export interface SessionOptions {
  runtime: SimRuntimeName;
  /** Provision a demo box with a fresh secret (default true). */
  demo?: boolean;
  /** XDG_CONFIG_HOME for the demo profile; default a new temporary folder, removed on close. */
  configHome?: string;
  /** Symlink for the USB pseudo-terminal (default /tmp/parcelbox-usb); `null`: no pseudo-terminal. */
  link?: string | null;
  /** Unix seconds the box's DS3231 starts at (default now). */
  unixTime?: number;
  seed?: number;
  /** Zone of the "local" clock line (default the computer's). */
  timeZone?: string;
  colour?: boolean;
  /** Wall clock, replaceable in tests. */
  wallMs?: () => number;
}

export class SimSession {
  message = "Welcome: type the delivery code below on the keypad, then open the lid with o.";
  private queue = "";
  private keyBusy = false;
  private stopPump: (() => void) | undefined;
  private fastForwardLeftMs = 0;
  private fastForwarding: Promise<void> | undefined;
  private pollDueMs: number | undefined;
  private lastPollMs = -Infinity;
  private lastUsbTrafficMs = -Infinity;
  private lastSignature = "";
  private code: DemoCode | undefined;
  private codeSlot = 0;
  private closed = false;
  private narrated: LogLine | undefined;
  private usbFailure: string | undefined;
  private readonly wallMs: () => number;
  /** Read once: the committed fit figures do not change while the simulator runs. */
  private readonly boardFit: string;
  readonly watcher: BoxWatcher;

  private constructor(
    readonly box: SimBox,
    private readonly options: SessionOptions,
    readonly configHome: string | undefined,
    private readonly ownsConfigHome: boolean,
    readonly demo: DemoBox | undefined,
    readonly usb: UsbBridge | undefined,
    readonly usbNote: string | undefined,
  ) {
    this.wallMs = options.wallMs ?? Date.now;
    this.boardFit = boardFitNote(box.board.profile.name, committedFigures());
    this.watcher = new BoxWatcher(box, (boxId) => this.secretFor(boxId));
    this.watcher.onEvent = () => {
      this.requestPoll();
      this.narrate();
    };
    usb?.onData(() => {
      this.lastUsbTrafficMs = this.wallMs();
    });
    usb?.onError((error) => {
      this.usbFailure = error.message;
    });
  }

  static async start(options: SessionOptions): Promise<SimSession> {
    const unixTime = options.unixTime ?? Math.floor(Date.now() / 1000);
    const box = await SimBox.start({ runtime: options.runtime, unixTime, seed: options.seed ?? Math.floor(Math.random() * 0x7fffffff) + 1 });
    const ownsConfigHome = (options.demo ?? true) && options.configHome === undefined;
    const configHome = ownsConfigHome ? mkdtempSync(join(shortTmp(), "pbsim-")) : options.configHome;
    let demo: DemoBox | undefined;
    let usb: UsbBridge | undefined;
    let usbNote: string | undefined;
    try {
      if ((options.demo ?? true) && configHome) demo = provisionDemo(box, configHome, unixTime);
      if (options.link !== null) ({ usb, usbNote } = await openUsb(box, options.link ?? DEFAULT_LINK));
      else usbNote = "not opened (--no-usb)";
    } catch (error) {
      if (ownsConfigHome && configHome) rmSync(configHome, { recursive: true, force: true });
      box.close();
      throw error;
    }
    const session = new SimSession(box, options, configHome, ownsConfigHome, demo, usb, usbNote);
    if (demo) session.code = demoCode(demo.secret, unixTime - BOX_EPOCH_UNIX, 0);
    if (!demo) session.message = "A blank box: provision it with the owner's tool over the USB port below.";
    // The first answers are the baseline: only what happens after them is narrated.
    session.pollNow();
    return session;
  }

  /** Runs virtual time at wall-clock pace until `pause`, fast-forward or `close`. */
  runRealTime(): void {
    if (!this.stopPump && !this.closed) this.stopPump = this.box.runRealTime();
  }

  private pause(): void {
    this.stopPump?.();
    this.stopPump = undefined;
  }

  // ----------------------------------------------------------------------------------------
  // inputs

  /** Queues keypad keys (0-9, *, #) to be pressed in turn. */
  pressKeys(keys: string): void {
    this.queue += keys;
    this.feedKeys();
  }

  private feedKeys(): void {
    if (this.keyBusy || this.queue === "") return;
    const key = this.queue[0];
    this.queue = this.queue.slice(1);
    this.keyBusy = true;
    const board = this.box.board;
    board.keypad.press(key);
    board.scheduler.after(KEY_DOWN_MS, () => {
      board.keypad.release(key);
      board.scheduler.after(KEY_GAP_MS, () => {
        this.keyBusy = false;
        if (this.queue === "") this.requestPoll();
        this.feedKeys();
      });
    });
  }

  openLid(): void {
    this.box.board.lid.open();
    this.message = "You opened the lid.";
    this.requestPoll();
  }

  closeLid(): void {
    this.box.board.lid.close();
    this.message = "You closed the lid.";
    this.requestPoll();
  }

  /**
   * Holds or lets go of the service button (in the electronics compartment). It does one thing:
   * held while the box powers up (or pressed within 3 s of it), for 10 s, it erases the box
   * (factory reset).
   */
  toggleServiceButton(): void {
    const button = this.box.board.serviceButton;
    if (button.pressed) {
      button.release();
      this.message = "You let go of the service button.";
    } else {
      button.press();
      this.message = "Service button held. It grants nothing over USB; held from power-up (p) or pressed within 3 s of it, for 10 s, it erases the box (amber blinks count down). s lets go.";
    }
    this.requestPoll();
  }

  triggerHomeRelay(): void {
    this.hold(() => this.box.board.homeOpen.close(), () => this.box.board.homeOpen.open());
    this.message = "The home system closed its relay: the box opens if homeInputEnabled=1.";
  }

  /** Cuts the power; it comes back after POWER_OFF_MS of virtual time and the firmware boots. */
  powerCut(): void {
    const board = this.box.board;
    if (!board.powered) return;
    board.powerOff("power cut (simulator)");
    board.scheduler.after(POWER_OFF_MS, () => {
      board.powerOn();
      this.requestPoll();
    });
    this.message = `Power cut: the box is off for ${POWER_OFF_MS / 1000} s, then boots from flash.`;
  }

  /** Jumps virtual time ahead by `ms`, a slice at a time so the screen keeps drawing. */
  fastForward(ms: number, label: string): Promise<void> {
    this.fastForwardLeftMs += ms;
    this.message = `Fast-forwarded ${label}.`;
    this.fastForwarding ??= this.runFastForward();
    return this.fastForwarding;
  }

  /** Resolves once no fast-forward is running. */
  settled(): Promise<void> {
    return this.fastForwarding ?? Promise.resolve();
  }

  private async runFastForward(): Promise<void> {
    const running = this.stopPump !== undefined;
    this.pause();
    while (this.fastForwardLeftMs > 0 && !this.closed) {
      const until = this.wallMs() + FAST_FORWARD_BUDGET_MS;
      while (this.fastForwardLeftMs > 0 && this.wallMs() < until) {
        const slice = Math.min(FAST_FORWARD_SLICE_MS, this.fastForwardLeftMs);
        this.box.advance(slice);
        this.fastForwardLeftMs -= slice;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.fastForwardLeftMs = 0;
    this.fastForwarding = undefined;
    this.requestPoll(0);
    if (running) this.runRealTime();
  }

  /** A new demo delivery code: the next slot, or slot 0 of a new window once time moved on. */
  newCode(): void {
    if (!this.demo) {
      this.message = "No demo secret: make codes with `npx parcelbox code` for a box you provisioned.";
      return;
    }
    const now = this.boxSecondsNow() ?? 0;
    const first = demoCode(this.demo.secret, now, 0);
    const sameWindow = first !== undefined && this.code !== undefined && first.untilBoxSeconds === this.code.untilBoxSeconds;
    const slot = sameWindow ? this.codeSlot + 1 : 0;
    const next = demoCode(this.demo.secret, now, slot);
    if (!next) {
      this.message = "Every code of this window is issued: fast-forward past it for new ones.";
      return;
    }
    this.code = next;
    this.codeSlot = slot;
    this.message = `New delivery code ${next.code} (${next.id}).`;
  }

  private hold(press: () => void, release: () => void): void {
    press();
    this.box.board.scheduler.after(CONTACT_MS, () => {
      release();
      this.requestPoll();
    });
  }

  // ----------------------------------------------------------------------------------------
  // asking the box

  /** Asks the box for its state `delayMs` of wall time from now (sooner requests win). */
  requestPoll(delayMs = POLL_AFTER_CHANGE_MS): void {
    const due = this.wallMs() + delayMs;
    if (this.pollDueMs === undefined || due < this.pollDueMs) this.pollDueMs = due;
  }

  /**
   * The view calls this on every frame: asks the box when a change asked for it or it has been
   * a while, unless time is jumping or the owner's tool is using the port.
   */
  tick(): void {
    const now = this.wallMs();
    const signature = this.signature();
    if (signature !== this.lastSignature) {
      this.lastSignature = signature;
      this.requestPoll();
    }
    const due = (this.pollDueMs !== undefined && now >= this.pollDueMs) || now - this.lastPollMs >= POLL_EVERY_MS;
    if (!due || this.fastForwarding || this.keyBusy || now - this.lastUsbTrafficMs < USB_QUIET_MS) return;
    this.pollNow();
  }

  /** Asks the box now (tests call this; the view goes through tick). */
  pollNow(): boolean {
    this.pollDueMs = undefined;
    this.lastPollMs = this.wallMs();
    const wasProvisioned = this.watcher.answers.provisioned;
    const answered = this.watcher.poll();
    this.narrate();
    // A box that was set up and now holds no secret was erased: the factory reset by the button.
    if (wasProvisioned === true && this.watcher.answers.provisioned === false) {
      this.message = "The box was erased (factory reset): no secret, no codes, a new log. Provision it again to use it.";
    }
    return answered;
  }

  /** Says in the message line what the box just did, from the newest log entry it has not told. */
  private narrate(): void {
    const log = this.watcher.answers.log;
    const newest = log[log.length - 1];
    if (!newest || newest === this.narrated) return;
    const fresh = this.narrated === undefined ? [] : log.slice(log.indexOf(this.narrated) + 1);
    this.narrated = newest;
    for (let i = fresh.length - 1; i >= 0; i--) {
      const words = narration(fresh[i]);
      if (words) {
        this.message = words;
        return;
      }
    }
  }

  private signature(): string {
    const b = this.box.board;
    return [b.powered, b.bootCount, b.coil.energised, b.led.colour, b.lid.isOpen, b.deliveryOut.on].join();
  }

  private secretFor(boxId: string | undefined): Buffer | undefined {
    if (boxId === undefined) return undefined;
    if (this.demo && this.demo.boxId === boxId) return profileSecret(this.configHome ?? "", boxId) ?? this.demo.secret;
    return this.configHome ? profileSecret(this.configHome, boxId) : undefined;
  }

  /** The box's time now: its last answer plus the virtual time since. */
  boxSecondsNow(): number | undefined {
    const a = this.watcher.answers;
    if (a.boxSeconds === undefined || a.boxSeconds < 0) return a.boxSeconds;
    return a.boxSeconds + Math.floor((this.box.board.scheduler.nowMs - a.askedAtMs) / 1000);
  }

  // ----------------------------------------------------------------------------------------
  // what the view draws

  snapshot(): ViewState {
    const b = this.box.board;
    const a = this.watcher.answers;
    const nowMs = b.scheduler.nowMs;
    const boxSeconds = this.boxSecondsNow();
    const elapsedS = Math.floor((nowMs - a.askedAtMs) / 1000);
    const secret = this.secretFor(a.boxId);
    const ff = this.fastForwardLeftMs;
    return {
      runtime: buildOf(this.box.runtime),
      board: b.profile.name,
      boardFit: this.boardFit,
      boxId: a.boxId,
      powered: b.powered,
      boots: b.bootCount,
      led: b.led.colour,
      ledRecent: recentLed(b.led.history, nowMs),
      buzzer: b.buzzer.on,
      buzzerAgoMs: lastOffAgo(b.buzzer.history, nowMs),
      coilEnergised: b.coil.energised,
      coilPulses: b.coil.pulseCount,
      coilLongestMs: b.coil.longestMs,
      lock: a.lock,
      lidOpen: b.lid.isOpen,
      alarm: a.alarm,
      lockoutSeconds: a.lockoutSeconds === undefined ? undefined : Math.max(0, a.lockoutSeconds - elapsedS),
      wrongCodes: a.wrongCodes,
      serviceHeld: b.serviceButton.pressed,
      deliverySignal: b.deliveryOut.on,
      provisioned: a.provisioned,
      keysDown: b.keypad.held(),
      keysQueued: this.queue,
      boxSeconds,
      timeZone: this.options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC",
      log: a.log,
      logNote: a.logNote,
      usbPath: this.usbFailure ? undefined : this.usb?.path,
      usbLink: this.usbFailure ? undefined : this.usb?.link,
      usbNote: this.usbFailure ?? this.usbNote,
      configHome: this.configHome,
      demoCode: this.code && { ...this.code, usedUp: a.log.some((e) => e.kind === "open" && e.details.split(" ").includes(`code=${this.code?.id}`) && e.details.split(" ").includes("usesLeft=0")) },
      ownerCode: secret && boxSeconds !== undefined && boxSeconds >= 0 ? ownerCode(secret, boxSeconds) : undefined,
      fastForward: ff > 0 ? `Fast-forwarding: ${Math.ceil(ff / 60_000)} min of box time to go...` : undefined,
      message: this.message,
      colour: this.options.colour ?? false,
    };
  }

  /** Stops the box and frees the pseudo-terminal, its symlink and the temporary profile. Safe twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pause();
    this.fastForwardLeftMs = 0;
    await this.fastForwarding;
    await this.usb?.close();
    this.box.close();
    if (this.ownsConfigHome && this.configHome) rmSync(this.configHome, { recursive: true, force: true });
  }
}

/** /tmp where there is one: the folder goes into a command line the user types or pastes. */
function shortTmp(): string {
  return existsSync("/tmp") ? "/tmp" : tmpdir();
}

async function openUsb(box: SimBox, link: string): Promise<{ usb: UsbBridge | undefined; usbNote: string | undefined }> {
  try {
    return { usb: await box.attachPty(link), usbNote: undefined };
  } catch (error) {
    try {
      // Another simulator's link (pty_relay.py never takes a live one), or a file that is not a
      // symlink: this box's port goes without a link, and the other simulator keeps its own.
      return { usb: await box.attachPty(), usbNote: (error as Error).message };
    } catch (second) {
      return { usb: undefined, usbNote: (second as Error).message };
    }
  }
}

/** The last colour the LED showed other than off, once it is off again. */
function recentLed(history: { atMs: number; value: LedColour }[], nowMs: number): { colour: LedColour; agoMs: number } | undefined {
  for (let i = history.length - 1; i > 0; i--) {
    if (history[i].value === "off" && history[i - 1].value !== "off") return { colour: history[i - 1].value, agoMs: nowMs - history[i].atMs };
  }
  return undefined;
}

/** Virtual ms since an output last went from on to off. */
function lastOffAgo(history: { atMs: number; value: boolean }[], nowMs: number): number | undefined {
  for (let i = history.length - 1; i > 0; i--) {
    if (!history[i].value && history[i - 1].value) return nowMs - history[i].atMs;
  }
  return undefined;
}
