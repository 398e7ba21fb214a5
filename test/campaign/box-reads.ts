/**
 * What the campaign reads from a simulated box over authenticated USB, as the owner's tool does:
 * STATUS, SETTINGS GET and the whole audit log; and the attempt limiter's arithmetic for
 * comparing what was stored before a cut with what is stored after it.
 */
import "../../tools/lib/intrinsics-global.ts";
import { Limiter, LIMITER_POLICY, Rule, limiterFromValues, limiterWait, type LimiterState } from "../../firmware/core/codes/limiter.ts";
import type { StoreState } from "../core/store/view.ts";
import type { SimBox } from "../../sim/box.ts";
import { namedLogLine } from "../../firmware/core/host/log.ts";

export type Fields = Record<string, string>;

/** The key=value words of an OK line. */
export function fieldsOf(line: string): Fields {
  const fields: Fields = {};
  for (const word of line.split(" ").slice(2)) {
    const eq = word.indexOf("=");
    if (eq > 0) fields[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return fields;
}

function ok(lines: string[], what: string): string {
  const last = lines[lines.length - 1] ?? "";
  if (!last.includes(" OK")) throw new Error(`${what} refused: ${lines.join(" | ")}`);
  return last;
}

export interface Status {
  time: number;
  lockout: number;
  wrong: number;
  log: number;
  lock: string;
  set: boolean;
}

export function readStatus(box: SimBox, secret: Buffer): Status {
  const f = fieldsOf(ok(box.authenticated(secret, "STATUS"), "STATUS"));
  return { time: Number(f.time), lockout: Number(f.lockout), wrong: Number(f.wrong), log: Number(f.log), lock: f.lock, set: f.set === "1" };
}

export function readSettings(box: SimBox, secret: Buffer): Fields {
  return fieldsOf(ok(box.authenticated(secret, "SETTINGS GET"), "SETTINGS GET"));
}

/** Every event the box still keeps, oldest first, as "i=.. t=.. ev=.. ..." (the LOG DATA text, named as the owner's tool names it). */
export function readLog(box: SimBox, secret: Buffer): string[] {
  const events: string[] = [];
  let from = 0;
  for (;;) {
    const lines = box.authenticated(secret, `LOG from=${from} count=50`);
    const end = fieldsOf(ok(lines, "LOG"));
    for (const line of lines.slice(0, -1).map(namedLogLine)) events.push(line.slice(line.indexOf(" DATA ") + 6));
    const next = Number(end.next);
    if (next >= Number(end.total) || next <= from) return events;
    from = next;
  }
}

export function limiterOf(state: StoreState): LimiterState | undefined {
  return limiterFromValues(state.limiter, LIMITER_POLICY);
}

/** Wrong codes the limiter would still take at `now` before the bucket is empty. */
export function tokensAt(l: LimiterState, now: number): number {
  if (now <= l[Limiter.TokensAt]) return l[Limiter.Tokens];
  return Math.min(LIMITER_POLICY[Rule.BucketSize], l[Limiter.Tokens] + Math.floor((now - l[Limiter.TokensAt]) / LIMITER_POLICY[Rule.RefillSeconds]));
}

/** Seconds the keypad stays locked at `now`. */
export function waitAt(l: LimiterState, now: number): number {
  return limiterWait(l, LIMITER_POLICY, now);
}
