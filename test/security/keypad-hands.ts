/**
 * Hands at the keypad and the lid of a simulated box, clumsier than SimBox.type: keys that bounce
 * on press and release, several keys at once, a palm, keys rolled over one another, a lid that
 * is slammed; and the owner's code from the authenticator app, computed outside the box as the
 * phone does, for proving the box still opens afterwards. Plus the coil check every abuse test
 * ends with.
 */
import "../../tools/lib/intrinsics-global.ts";
import { deriveKeys } from "../../firmware/core/codes/index.ts";
import { AUTHENTICATOR_TOTP, totp } from "../../firmware/core/otp/totp.ts";
import { MAX_COIL_MS } from "../../firmware/core/settings.ts";
import type { SimBox } from "../../sim/box.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";

/**
 * A key's contact chatters for a few milliseconds when it closes and opens. Pieces of 1-3 ms,
 * at most three bounces an edge: a bounce that settles within 18 ms, under the firmware's 20 ms
 * debounce (membrane keypads are specified at about 5 ms).
 */
const CHATTER_MAX_MS = 3;
export const MAX_BOUNCES = 3;

export type Random = () => number;

export function randomInt(next: Random, min: number, max: number): number {
  return min + Math.floor(next() * (max - min + 1));
}

/** Presses a key whose contact bounces `bounces` times going down and coming up. */
export function bouncyTap(box: SimBox, key: string, bounces: number, next: Random, holdMs = 100): void {
  const keypad = box.board.keypad;
  for (let i = 0; i < bounces; i++) {
    keypad.press(key);
    box.advance(randomInt(next, 1, CHATTER_MAX_MS));
    keypad.release(key);
    box.advance(randomInt(next, 1, CHATTER_MAX_MS));
  }
  keypad.press(key);
  box.advance(holdMs);
  for (let i = 0; i < bounces; i++) {
    keypad.release(key);
    box.advance(randomInt(next, 1, CHATTER_MAX_MS));
    keypad.press(key);
    box.advance(randomInt(next, 1, CHATTER_MAX_MS));
  }
  keypad.release(key);
  box.advance(150);
}

/** Only chatter: the key is touched and let go within a few milliseconds, `times` times. */
export function chatter(box: SimBox, key: string, times: number, next: Random): void {
  for (let i = 0; i < times; i++) {
    box.board.keypad.press(key);
    box.advance(randomInt(next, 1, CHATTER_MAX_MS));
    box.board.keypad.release(key);
    box.advance(randomInt(next, 1, CHATTER_MAX_MS));
  }
  box.advance(150);
}

/** Presses `keys` together (a few ms apart, as fingers do), holds them, lets go of them. */
export function mash(box: SimBox, keys: string, next: Random, holdMs = 150): void {
  for (const key of keys) {
    box.board.keypad.press(key);
    box.advance(randomInt(next, 0, 5));
  }
  box.advance(holdMs);
  for (const key of keys) {
    box.board.keypad.release(key);
    box.advance(randomInt(next, 0, 5));
  }
  box.advance(150);
}

/** Types fast with rollover: each key goes down before the one before it comes up. */
export function rollover(box: SimBox, keys: string): void {
  const keypad = box.board.keypad;
  let held: string | undefined;
  for (const key of keys) {
    keypad.press(key);
    box.advance(60);
    if (held !== undefined) keypad.release(held);
    held = key;
    box.advance(60);
  }
  if (held !== undefined) keypad.release(held);
  box.advance(150);
}

function field(lines: string[], key: string): string | undefined {
  return new RegExp(` ${key}=(\\S*)`).exec(lines.join(" "))?.[1];
}

/** The box's own time (CLOCK GET, open to anyone), in box seconds. */
export function boxTime(box: SimBox): number {
  const time = Number(field(box.request(`${box.requestId()} CLOCK GET`), "time"));
  if (!Number.isInteger(time) || time < 0) throw new Error("the box's clock is not set");
  return time;
}

/**
 * The owner's authenticator code, as the phone shows it. Each 30-s step opens once, so this
 * first waits for a step not used before (`used` remembers them).
 */
export function ownerCode(box: SimBox, secret: Buffer, used: Set<number>): string {
  let now = boxTime(box);
  while (used.has(Math.floor(now / AUTHENTICATOR_TOTP.period))) {
    box.advance((AUTHENTICATOR_TOTP.period - (now % AUTHENTICATOR_TOTP.period)) * 1000 + 500);
    now = boxTime(box);
  }
  used.add(Math.floor(now / AUTHENTICATOR_TOTP.period));
  return totp(nodeHasher, deriveKeys(nodeHasher, secret.toString("latin1")).ownerKey, now, AUTHENTICATOR_TOTP);
}

export interface CoilFigures {
  pulses: number;
  longestMs: number;
}

/**
 * What every abuse run ends with: the coil is off now, every pulse ended, none lasted longer
 * than MAX_COIL_MS. Returns the figures; throws with the offending pulse otherwise.
 */
export function coilWithinLimits(box: SimBox): CoilFigures {
  const coil = box.board.coil;
  if (coil.energised) throw new Error(`the coil is still energised (${coil.longestMs} ms so far)`);
  for (const pulse of coil.pulses) {
    if (pulse.endMs === undefined) throw new Error(`a pulse from ${pulse.startMs} ms never ended`);
    if (pulse.endMs - pulse.startMs > MAX_COIL_MS) throw new Error(`a pulse lasted ${pulse.endMs - pulse.startMs} ms (max ${MAX_COIL_MS})`);
  }
  if (coil.longestMs > MAX_COIL_MS) throw new Error(`the coil was on for ${coil.longestMs} ms (max ${MAX_COIL_MS})`);
  return { pulses: coil.pulseCount, longestMs: coil.longestMs };
}
