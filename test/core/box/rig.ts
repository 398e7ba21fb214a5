/**
 * A whole box on the fake board, driven the way people drive it: keys typed on the keypad, the
 * lid moved by hand, PB1 lines on the USB port (signed as the owner's tool signs them). Shared by
 * the tests in this folder; each test file pins down one behaviour.
 *
 * Codes are made the way the owner's tool makes them (firmware/core/codes); the owner's TOTP is
 * computed here with node:crypto alone, as an authenticator app would.
 */
import { createHmac } from "node:crypto";
import { startBox, type Box } from "../../../firmware/core/box.ts";
import { eventText } from "../../../firmware/core/host/log.ts";
import { startOwnerSide } from "../../../firmware/core/owner/index.ts";
import { codeText, deriveKeys, type CodeId } from "../../../firmware/core/codes/host.ts";
import type { Signal } from "../../../firmware/core/signals.ts";
import { signalName } from "../../../firmware/core/host/signals.ts";
import { BOX_EPOCH_UNIX } from "../../../firmware/core/time.ts";
import type { BoxMemory } from "../../../firmware/core/box-memory.ts";
import type { Store } from "../../../firmware/core/store/store.ts";
import { auditEvents } from "../store/view.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { FakeBoard } from "../../fakes/fake-board.ts";
import { NorFlash } from "../../fakes/nor-flash.ts";

/** The box and its owner's side on the fake board, as an entry point starts them. */
function boot(fake: FakeBoard): Box {
  const board = fake.board();
  const box = startBox(board);
  startOwnerSide(board, box);
  return box;
}

export const SECRET = Buffer.from("a7f3094c2e55d81b6f0c93e4125ab7d8c0e19f36", "hex");
const KEYS = deriveKeys(nodeHasher, SECRET.toString("latin1"));

/** 2026-11-28T09:00:00Z in box seconds: the start of a box hour. */
export const MORNING = Date.UTC(2026, 10, 28, 9, 0, 0) / 1000 - BOX_EPOCH_UNIX;
export const HOUR = 3600;

/** The 8 digits of a delivery or pickup code, as the owner's tool makes them. */
export function codeFor(id: CodeId): string {
  return codeText(nodeHasher, KEYS.codeKey, id);
}

/** A delivery code id for `hours` hours from box hour `startHour`, slot `slot`. */
export function delivery(startHour: number, hours: number, slot: number): CodeId {
  return { kind: "delivery", start: startHour, hours: hours, slot: slot };
}

/** The owner's TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s) at phone time `boxSeconds`, with node:crypto only. */
export function ownerTotp(boxSeconds: number): string {
  const ownerKey = createHmac("sha1", SECRET).update("parcelbox owner totp").digest().subarray(0, 20);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor((boxSeconds + BOX_EPOCH_UNIX) / 30)));
  const mac = createHmac("sha1", ownerKey).update(counter).digest();
  const offset = mac[19] & 15;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, "0");
}

/**
 * The store under the box's memory. boxMemory() keeps it on the object for tests, out of the
 * BoxMemory type so that no firmware code can read the secret through it.
 */
export function storeOf(memory: BoxMemory): Store {
  return (memory as BoxMemory & { store: Store }).store;
}

export interface RigOptions {
  /** Box seconds on the clock at the start (default MORNING + 10 minutes). */
  time?: number;
  ds3231?: boolean;
  /** Settings given with PROVISION. */
  settings?: Record<string, number>;
  flash?: NorFlash;
}

export class BoxRig {
  /** The names of the signal patterns the box played, in order. */
  readonly patterns: string[] = [];
  private nextId = 1;

  constructor(
    readonly fake: FakeBoard,
    readonly box: Box,
  ) {
    const play = box.player.play.bind(box.player);
    // A pattern's follow-up (the low-battery signal after an answer) plays through here too.
    box.player.play = (p: Signal, after?: Signal) => {
      this.patterns.push(signalName(p));
      play(p, after);
    };
  }

  /** A box booted on blank flash, not provisioned. */
  static blank(options: RigOptions = {}): BoxRig {
    const fake = new FakeBoard({ flash: options.flash, clockSeconds: options.time ?? MORNING + 600, ds3231: options.ds3231 ?? true });
    return new BoxRig(fake, boot(fake));
  }

  /** A box provisioned with SECRET through the real PROVISION command, at its clock's time. */
  static provisioned(options: RigOptions = {}): BoxRig {
    const rig = BoxRig.blank(options);
    const settings = Object.entries(options.settings ?? {}).map(([k, v]) => ` ${k}=${v}`).join("");
    const time = rig.fake.clockSeconds < 0 ? MORNING + 600 : rig.fake.clockSeconds;
    const answer = rig.request(`PROVISION secret=${SECRET.toString("hex")} clock=${time}${settings}`);
    if (!answer[answer.length - 1].includes(" OK")) throw new Error(`provisioning refused: ${answer.join(" | ")}`);
    rig.patterns.length = 0;
    return rig;
  }

  /** Box seconds on the box's clock. */
  now(): number {
    return this.fake.clockSeconds;
  }

  /** Lets virtual time pass (timers run). */
  wait(ms: number): void {
    this.fake.timers.advance(ms);
  }

  /** Types the digits and `#`, as a driver does. */
  enter(digits: string): void {
    this.fake.type(digits + "#");
  }

  /** Lets time pass until the box clock reads `second` (at the start of that second). */
  waitUntil(second: number): void {
    const ms = this.fake.msUntilSecond(second);
    if (ms < 0) throw new Error(`box second ${second} has passed`);
    this.wait(ms);
  }

  /** Lets time pass, types the digits, then presses `#` so that the box reads `#` during box second `second`. */
  enterAt(digits: string, second: number): void {
    this.waitUntil(second - 5);
    this.fake.type(digits);
    this.waitUntil(second);
    this.fake.type("#");
  }

  /** The name of the signal pattern playing now, "" when quiet. */
  playing(): string {
    return signalName(this.box.player.current());
  }

  /** How many times the lock coil was pulsed. */
  pulses(): number {
    return this.fake.coilPulses.length;
  }

  lid(open: boolean): void {
    this.fake.setLid(open);
  }

  /** Opens and closes the lid after an accepted code, as a driver does. */
  deliver(): void {
    this.wait(2000);
    this.lid(true);
    this.wait(10_000);
    this.lid(false);
  }

  /** Sends one request line (a fresh id is put in front) and returns the box's answer lines for it. */
  request(line: string): string[] {
    const id = `r${this.nextId++}`;
    return this.requestWithId(id, `${id} ${line}`);
  }

  private requestWithId(id: string, line: string): string[] {
    const before = this.fake.usbOut.length;
    this.fake.usbIn(`${line}\r\n`);
    return this.fake.usbOut
      .slice(before)
      .join("")
      .split("\r\n")
      .filter((l) => l.startsWith(`${id} `));
  }

  /** CHALLENGE, then `request` signed with the USB key of `secret`, as the owner's tool does. */
  authenticated(request: string, secret: Buffer = SECRET): string[] {
    const challenge = this.request("CHALLENGE").join(" ");
    const nonce = /nonce=([0-9a-f]+)/.exec(challenge)?.[1];
    if (!nonce) throw new Error(`no nonce in ${challenge}`);
    const usbKey = createHmac("sha1", secret).update("parcelbox usb").digest();
    const id = `r${this.nextId++}`;
    const signed = `${id} ${request} nonce=${nonce}`;
    const auth = createHmac("sha1", usbKey).update(signed, "latin1").digest("hex");
    return this.requestWithId(id, `${signed} auth=${auth}`);
  }

  /** A `key=value` field of the last answer line. */
  static field(answer: string[], key: string): string | undefined {
    return new RegExp(`(?:^| )${key}=(\\S*)`).exec(answer[answer.length - 1] ?? "")?.[1];
  }

  /** The audit log as the owner's tool words it: "open by=delivery code=D-... usesLeft=0". */
  log(): string[] {
    return auditEvents(this.box.memory.readEvents(0, 100_000)).map((e) => eventText(e));
  }

  /** The box after a power cut: the same flash and lid, a fresh boot (with the service button held, if asked). */
  powerCycle(options: { offMs?: number; ds3231Seconds?: number; serviceHeld?: boolean } = {}): BoxRig {
    const fake = this.fake.powerCycle(options);
    return new BoxRig(fake, boot(fake));
  }
}
