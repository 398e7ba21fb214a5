/**
 * Runs one fuzz case (./usb-fuzz-cases.ts) against a built box through ./usb-port.ts and checks
 * the case's own promises: every line answered, with the code docs/protocol.md names, and the
 * box's state the same before and after (what the owner can read over USB, the flash byte for
 * byte, the coil's pulses). Throws on the first broken promise, naming it.
 */
import { CHECKPOINT_SECONDS } from "../../firmware/core/clock.ts";
import { latestCheckpoint } from "./journal-checkpoint.ts";
import { isFinal, macOf, outcome, UsbPort } from "./usb-port.ts";
import { expectedCode, segmentAnswer, segments, type FuzzCase } from "./usb-fuzz-cases.ts";

/** Seconds before the hourly checkpoint is due within which a case lets it happen first. */
const CHECKPOINT_MARGIN_SECONDS = 30;

/** What the owner can see of the box, with the running clock left out. */
export interface BoxState {
  usb: string[];
  flash: Map<string, string>;
  coilPulses: number;
}

function withoutId(line: string): string {
  return line.replace(/^\S+ /, "");
}

/** STATUS (minus the clock, which runs), SETTINGS GET and the log's size, read as the owner. */
export function ownerView(port: UsbPort, usbKey: Buffer): string[] {
  const status = withoutId(port.owner(usbKey, "STATUS").join(" ")).replace(/ time=-?\d+/, "");
  const settings = withoutId(port.owner(usbKey, "SETTINGS GET").join(" "));
  return [status, settings];
}

export function flashBytes(port: UsbPort): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, bytes] of port.box.board.flash.snapshot()) files.set(name, Buffer.from(bytes).toString("hex"));
  return files;
}

function sameFlash(a: Map<string, string>, b: Map<string, string>): string | undefined {
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(name) !== b.get(name)) return `flash file ${name} changed`;
  }
  return undefined;
}

export class FuzzRunner {
  /** Fuzz lines sent, by what they were (for the summary line). */
  readonly counts: Record<string, number> = {};
  /** Lines the box read: one per case, except random bytes, which hold zero or more. */
  lines = 0;
  private readonly otherKey = Buffer.from("0badc0de0badc0de0badc0de0badc0de0badc0d", "hex");

  constructor(
    readonly port: UsbPort,
    private readonly usbKey: Buffer,
    /** How the box was attacked, for the summary's names: "" (lid closed), or "lid open and service button". */
    private readonly physical: string,
  ) {}

  private count(name: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }

  /** Runs the case; returns nothing, throws with the reason when a promise is broken. */
  run(c: FuzzCase): void {
    const port = this.port;
    // Prepared first (a nonce fetched, used up or left to expire), so what the box does on its
    // own meanwhile (a lid-left-open alarm, the hourly clock checkpoint, which any USB data
    // refreshes) happens before the state is read and only the fuzz line can change it.
    const { bytes, expected } = this.prepare(c);
    this.passCheckpointDue();
    const before = ownerView(port, this.usbKey);
    const pulsesBefore = port.box.board.coil.pulses.length;
    const flashBefore = flashBytes(port);
    const answer = port.send(bytes, expected.length);
    const finals = answer.filter(isFinal);
    if (finals.length !== expected.length) throw new Error(`expected ${expected.length} answer(s), got ${JSON.stringify(answer)} (silence or extra)`);
    finals.forEach((line, i) => {
      const got = outcome(line);
      const want = expected[i];
      const ok = want === "refusal-or-open" ? got === "OK" || (got.startsWith("E_") && got !== "E_INTERNAL") : got === want;
      if (!ok) throw new Error(`answer ${i + 1}: expected ${want}, got ${JSON.stringify(line)}`);
    });
    const changed = sameFlash(flashBefore, flashBytes(port));
    if (changed) throw new Error(`${changed} after ${JSON.stringify(bytes.slice(0, 120))}`);
    const errors = port.box.errors();
    if (errors.length > 0) throw new Error(`the firmware failed: ${errors.join("; ")}`);
    const after = ownerView(port, this.usbKey);
    if (after.join("\n") !== before.join("\n")) throw new Error(`owner's view changed:\n${before.join("\n")}\n->\n${after.join("\n")}`);
    if (port.box.board.coil.pulses.length !== pulsesBefore) throw new Error("the coil pulsed");
  }

  /**
   * Any USB byte wakes the box, which stores a new clock checkpoint once the last is an hour old.
   * When that hour is about to pass, let it pass now, so the owner's reads below (which wake the
   * box) store it before the flash is compared, not the fuzz line.
   */
  private passCheckpointDue(): void {
    const box = this.port.box;
    const time = /time=(-?\d+)/.exec(this.port.ask(`${this.port.id()} CLOCK GET`).join(" "));
    if (!time) throw new Error("CLOCK GET gave no time");
    const dueIn = latestCheckpoint(box.board.flash) + CHECKPOINT_SECONDS - Number(time[1]);
    if (dueIn <= CHECKPOINT_MARGIN_SECONDS) box.advance((Math.max(dueIn, 0) + 1) * 1000);
  }

  /** The bytes to send and the answer codes expected, one per line the box will read. */
  private prepare(c: FuzzCase): { bytes: string; expected: string[] } {
    if (c.kind === "bytes") {
      this.count("random bytes");
      this.lines += segments(c.bytes).length;
      return { bytes: c.bytes, expected: segments(c.bytes).map(segmentAnswer) };
    }
    if (c.kind === "long") {
      this.count("over-long lines");
      this.lines++;
      return { bytes: `${c.line}\r\n`, expected: ["E_TOO_LONG"] };
    }
    if (c.kind === "unsigned") {
      this.count(this.physical === "" ? "unsigned commands" : `unsigned commands, ${this.physical}`);
      this.lines++;
      return { bytes: `${this.port.id()} ${c.request.text}\r\n`, expected: [expectedCode(c)] };
    }
    this.count(`signed, ${c.fault}`);
    this.lines++;
    return { bytes: `${this.spoiledLine(c)}\r\n`, expected: [expectedCode(c)] };
  }

  /** A signed line spoiled the way the case says. */
  private spoiledLine(c: Extract<FuzzCase, { kind: "signed" }>): string {
    const port = this.port;
    const id = port.id();
    const sign = (nonce: string, key = this.usbKey): { signed: string; mac: string } => {
      const signed = port.signedText(id, c.request.text, nonce);
      return { signed, mac: macOf(key, signed) };
    };
    switch (c.fault) {
      case "wrong-mac": {
        const { signed } = sign(port.challenge());
        return `${signed} auth=${c.mac}`;
      }
      case "flipped-mac": {
        const { signed, mac } = sign(port.challenge());
        const digit = mac[c.flip] === "0" ? "1" : "0";
        return `${signed} auth=${mac.slice(0, c.flip)}${digit}${mac.slice(c.flip + 1)}`;
      }
      case "truncated-mac": {
        const { signed, mac } = sign(port.challenge());
        return `${signed} auth=${mac.slice(0, c.cut)}`;
      }
      case "long-mac": {
        const { signed, mac } = sign(port.challenge());
        return `${signed} auth=${mac}${c.mac.slice(0, c.cut + 1)}`;
      }
      case "wrong-secret": {
        const { signed, mac } = sign(port.challenge(), this.otherKey);
        return `${signed} auth=${mac}`;
      }
      case "tampered": {
        const { signed, mac } = sign(port.challenge());
        const otherId = id.length < 8 ? `${id}z` : `z${id.slice(1)}`;
        return `${otherId}${signed.slice(id.length)} auth=${mac}`;
      }
      case "replayed-after-ok": {
        const nonce = port.challenge();
        const ok = port.ask(port.signedLine(this.usbKey, "STATUS", nonce));
        if (!ok.some((l) => outcome(l) === "OK")) throw new Error(`the owner's STATUS was refused: ${ok.join(" | ")}`);
        const { signed, mac } = sign(nonce);
        return `${signed} auth=${mac}`;
      }
      case "replayed-after-refusal": {
        const nonce = port.challenge();
        const refused = port.ask(`${port.signedText(port.id(), "STATUS", nonce)} auth=${c.mac}`);
        if (!refused.some((l) => outcome(l) === "E_AUTH")) throw new Error(`a wrong MAC was not refused: ${refused.join(" | ")}`);
        const { signed, mac } = sign(nonce);
        return `${signed} auth=${mac}`;
      }
      case "unknown-nonce": {
        // Drawn by fast-check (not by crypto) so a run repeats exactly.
        const { signed, mac } = sign(c.mac.slice(0, 32));
        return `${signed} auth=${mac}`;
      }
      case "evicted-nonce": {
        const nonce = port.challenge();
        for (let i = 0; i < 4; i++) port.challenge();
        const { signed, mac } = sign(nonce);
        return `${signed} auth=${mac}`;
      }
      case "expired": {
        const nonce = port.challenge();
        // The owner's tool keeps the port talking (an empty line, which the box skips, every
        // 30 s): a port quiet for a minute lets the NodeMCU build release its owner's side, which
        // forgets its nonces as a reboot does (docs/protocol.md), and the nonce would be unknown.
        for (let left = c.lateMs; left > 0; left -= 30_000) {
          port.box.advance(Math.min(left, 30_000));
          port.send("\r\n", 0);
        }
        const { signed, mac } = sign(nonce);
        return `${signed} auth=${mac}`;
      }
    }
  }
}

/** Every form the secret (and the USB key made from it) could leak in; found ones are returned. */
export function leaks(transcript: string, forms: string[]): string[] {
  const text = transcript.toLowerCase();
  return forms.filter((form) => text.includes(form.toLowerCase()) || transcript.includes(form));
}
