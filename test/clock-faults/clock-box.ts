/**
 * A simulated box running a BUILT firmware file (sim/box.ts), seen from outside its clock: the
 * world's true time (virtual time since the start), the box's own belief (CLOCK GET, as the
 * owner's tool reads it), and what it does with a code typed on its keypad. Codes are made the
 * way the owner's tool makes them (tools/cli/code-commands.ts: codeText over deriveKeys, TOTP
 * from firmware/core/otp), from the secret, never read back from the box.
 */
import "../../tools/lib/intrinsics-global.ts";
import { codeText, deriveKeys, type BoxKeys, type CodeId } from "../../firmware/core/codes/host.ts";
import { AUTHENTICATOR_TOTP, totpAtStep } from "../../firmware/core/otp/totp.ts";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import { SimBox, type SimBoxOptions } from "../../sim/box.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";

export const SECRET = Buffer.from("3132333435363738393031323334353637383930", "hex");
/** 2026-11-28T09:00:00Z: whole hour, so box hours and real hours line up at the start. */
export const START_UNIX = Date.parse("2026-11-28T09:00:00Z") / 1000;
export const HOUR = 3600;
export const DAY = 86400;

export type Build = Pick<SimBoxOptions, "runtime" | "lua">;
/** The two built files: Espruino in node:vm, NodeMCU's Lua in wasmoon (64-bit integers). */
export const BUILDS: { name: string; build: Build }[] = [
  { name: "espruino", build: { runtime: "espruino" } },
  { name: "nodemcu/wasmoon", build: { runtime: "nodemcu", lua: "wasmoon" } },
];

/** What happened to one entry at the keypad. */
export type Outcome = "opened" | "refused" | "not-ready";

export interface ClockReading {
  /** Box seconds the box believes, -1 when unknown. */
  time: number;
  set: boolean;
  backup: boolean;
  /** Learned owner-code correction in seconds (docs/protocol.md, CLOCK GET). */
  drift: number;
}

function fields(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const word of line.split(" ")) {
    const eq = word.indexOf("=");
    if (eq > 0) out[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return out;
}

export class ClockBox {
  readonly keys: BoxKeys;

  private constructor(
    readonly sim: SimBox,
    readonly startUnix: number,
  ) {
    this.keys = deriveKeys(nodeHasher, SECRET.toString("latin1"));
  }

  /** A provisioned box, its clock set to the true time, DS3231 fitted unless told otherwise. */
  static async start(build: Build, options: { ds3231?: boolean; profile?: string } = {}): Promise<ClockBox> {
    const sim = await SimBox.start({ ...build, ds3231: options.ds3231, profile: options.profile, unixTime: START_UNIX });
    const box = new ClockBox(sim, START_UNIX);
    sim.provision(SECRET, Math.floor(box.trueUnix()));
    return box;
  }

  /** The world's time in Unix seconds (the simulator's virtual time since the start). */
  trueUnix(): number {
    return this.startUnix + this.sim.board.scheduler.nowMs / 1000;
  }

  /** The world's time in box seconds (fractional). */
  trueBox(): number {
    return this.trueUnix() - BOX_EPOCH_UNIX;
  }

  advance(ms: number): void {
    this.sim.advance(ms);
  }

  /** Advances until the world's time is `boxSeconds` (no-op if already past). */
  advanceToBox(boxSeconds: number): void {
    const ms = Math.round((boxSeconds - this.trueBox()) * 1000);
    if (ms > 0) this.sim.advance(ms);
  }

  /** Advances until the world's time is `unixSeconds` (no-op if already past). */
  advanceToUnix(unixSeconds: number): void {
    this.advanceToBox(unixSeconds - BOX_EPOCH_UNIX);
  }

  /** What the box believes, read with CLOCK GET as the owner's tool does. */
  clock(): ClockReading {
    const answer = this.sim.request(`${this.sim.requestId()} CLOCK GET`);
    const f = fields(answer[answer.length - 1]);
    return { time: Number(f.time), set: f.set === "1", backup: f.backup === "1", drift: Number(f.drift) };
  }

  status(): Record<string, string> {
    const answer = this.sim.authenticated(SECRET, "STATUS");
    return fields(answer[answer.length - 1]);
  }

  /** Signed USB request (CLOCK SET, LIFT ...); returns the final answer line. */
  usb(request: string): string {
    const answer = this.sim.authenticated(SECRET, request);
    return answer[answer.length - 1];
  }

  /** Sets the box's clock to the true time over USB, as `parcelbox clock --sync` does. */
  syncClock(): void {
    const answer = this.usb(`CLOCK SET time=${Math.floor(this.trueBox())}`);
    if (!answer.includes(" OK")) throw new Error(`CLOCK SET refused: ${answer}`);
  }

  /** A delivery code for `hours` box hours from box hour `startHour`, as the owner's tool makes it. */
  deliveryCode(startHour: number, hours: number, slot = 0): string {
    const id: CodeId = { kind: "delivery", start: startHour, hours, slot };
    return codeText(nodeHasher, this.keys.codeKey, id);
  }

  /** The owner's authenticator code for Unix TOTP step `step`. */
  ownerCode(step: number): string {
    return totpAtStep(nodeHasher, this.keys.ownerKey, step, AUTHENTICATOR_TOTP);
  }

  /** The step the owner's phone shows now (its clock is the world's). */
  phoneStep(): number {
    return Math.floor(this.trueUnix() / AUTHENTICATOR_TOTP.period);
  }

  /**
   * Types `digits#` and tells what the box did. After an opening the lid is lifted and closed
   * (locked again); after a refusal the lock-out is lifted over USB, so that probing the clock
   * never runs into the attempt limiter (which has its own tests).
   */
  enter(digits: string): Outcome {
    const board = this.sim.board;
    const pulses = board.coil.pulseCount;
    const ledFrom = board.led.history.length;
    this.typeBriskly(`${digits}#`);
    this.sim.advance(300);
    if (board.coil.pulseCount > pulses) {
      board.lid.open();
      this.sim.advance(200);
      board.lid.close();
      this.sim.advance(200);
      return "opened";
    }
    const amber = board.led.history.slice(ledFrom).some((c) => c.value === "amber");
    this.sim.advance(2000);
    if (!amber) this.usb("LIFT");
    return amber ? "not-ready" : "refused";
  }

  /**
   * Types as a brisk person does: 30 ms down, 40 ms between keys (the keypad debounces 20 ms of
   * uptime, which a microcontroller clock 10 % slow measures short: with 30 ms, and the 10 ms
   * scan landing late, a repeated digit was read as one press). SimBox.type's 120/150 ms costs
   * the matrix scanner nearly three times the work per key, and the drift runs type hundreds of
   * codes.
   */
  private typeBriskly(keys: string): void {
    for (const key of keys) {
      this.sim.board.keypad.press(key);
      this.sim.advance(30);
      this.sim.board.keypad.release(key);
      this.sim.advance(40);
    }
  }

  errors(): string[] {
    return this.sim.errors();
  }

  close(): void {
    this.sim.close();
  }
}

/**
 * Seconds a code typed at true box time `at` lies outside its window [start, end) (box seconds):
 * 0 inside; before the window, how early; after it, how late counting from its last second.
 */
export function secondsOutside(at: number, startSeconds: number, endSeconds: number): number {
  if (at < startSeconds) return startSeconds - at;
  if (at >= endSeconds) return at - (endSeconds - 1);
  return 0;
}
