/**
 * Checking an `expect` step (docs/scenarios.md). Parts a person sees or measures (LED, buzzer,
 * coil, delivery output) are read from the virtual board without moving time; the box's own view
 * (lock, lid, alarm, lock-out, clock, log) is read over USB afterwards, so reading it cannot
 * change what the board checks saw. Each failed check gives one "expected ..., found ..." pair.
 */
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import type { SimBox } from "../box.ts";
import type { Change } from "../state/outputs.ts";
import { BoxReader, type Fields } from "./box-reads.ts";
import type { Check, LogCheck } from "./format.ts";
import { matches, showMatcher, type Matcher } from "./values.ts";
import { StepError } from "./variables.ts";

export interface CheckFailure {
  expected: string;
  found: string;
}

export interface ExpectContext {
  box: SimBox;
  reader: BoxReader;
  /** Virtual ms at which the last step that was not an expectation began ("since" checks). */
  markMs: number;
  /** Answer lines of the last usb, usb-auth or usb-raw step (undefined before any). */
  lastUsb: string[] | undefined;
  /** Wake-ups since markMs, counted as a box on its battery would wake (sim/energy/meter.ts). */
  wakeUps: () => number;
  /** Expands $variables (./variables.ts) in exact-value and comparison matchers. */
  expand: (text: string) => string;
}

/** `$code.id` in a log or status matcher means the made code's id; regexes keep their `$` anchors. */
function expandFields(fields: Record<string, Matcher>, expand: (text: string) => string): Record<string, Matcher> {
  const out: Record<string, Matcher> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === "string" && !(v.length >= 2 && v.startsWith("/") && v.endsWith("/")) ? expand(v) : v;
  return out;
}

function expandCheck(check: Check, expand: (text: string) => string): Check {
  if (check.name === "log") return { name: "log", log: { ...check.log, fields: expandFields(check.log.fields, expand) } };
  if (check.name === "status") return { name: "status", fields: expandFields(check.fields, expand) };
  return check;
}

const BOARD_CHECKS = new Set(["led", "led-seen", "buzzer", "beeps", "coil", "coil-longest-ms", "coil-pulses", "delivery-output", "delivery-output-seen", "usb", "usb-not", "errors", "powered", "wakeups"]);
const toBox = (unix: number): number => unix - BOX_EPOCH_UNIX;
const isoOfBox = (box: number): string => (box < 0 ? "unset" : new Date((box + BOX_EPOCH_UNIX) * 1000).toISOString().replace(".000Z", "Z"));

/** Values in force at `fromMs` and every value taken since. */
function seenSince<T>(history: Change<T>[], fromMs: number): T[] {
  const seen: T[] = [];
  for (let i = 0; i < history.length; i++) {
    const next = history[i + 1];
    if (history[i].atMs >= fromMs || next === undefined || next.atMs > fromMs) seen.push(history[i].value);
  }
  return seen;
}

/** Checks every expectation of one step; returns the failures in the step's order. */
export function checkAll(written: Check[], ctx: ExpectContext): CheckFailure[] {
  const checks = written.map((c) => expandCheck(c, ctx.expand));
  const results = new Map<Check, CheckFailure | undefined>();
  // Board parts first: reading the box over USB moves virtual time on.
  for (const check of checks) if (BOARD_CHECKS.has(check.name)) results.set(check, checkBoard(check, ctx));
  let status: Fields | undefined;
  let log: Fields[] | undefined;
  let clock: Fields | undefined;
  for (const check of checks) {
    if (BOARD_CHECKS.has(check.name)) continue;
    try {
      if (check.name === "log") results.set(check, checkLog(check.log, (log ??= ctx.reader.log())));
      else if (check.name === "clock" || check.name === "clock-set") results.set(check, checkClock(check, (clock ??= ctx.reader.clock())));
      else results.set(check, checkStatus(check, (status ??= ctx.reader.status())));
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      results.set(check, { expected: describe(check), found: error.message });
    }
  }
  return checks.map((c) => results.get(c)).filter((f): f is CheckFailure => f !== undefined);
}

function describe(check: Check): string {
  if (check.name === "status") return `status ${Object.entries(check.fields).map(([k, v]) => `${k} ${showMatcher(v)}`).join(", ")}`;
  if (check.name === "log") return describeLog(check.log);
  return `${check.name} ${showMatcher(check.want)}`;
}

function fail(check: Check, found: string): CheckFailure {
  return { expected: describe(check), found };
}

function checkBoard(check: Check, ctx: ExpectContext): CheckFailure | undefined {
  const board = ctx.box.board;
  const since = ctx.markMs;
  switch (check.name) {
    case "led":
      return board.led.colour === check.want ? undefined : fail(check, `led ${board.led.colour}`);
    case "led-seen": {
      const seen = seenSince(board.led.history, since);
      return seen.includes(check.want as never) ? undefined : fail(check, `led showed only ${[...new Set(seen)].join(", ")} since step began`);
    }
    case "buzzer": {
      const now = board.buzzer.on ? "on" : "off";
      return now === check.want ? undefined : fail(check, `buzzer ${now}`);
    }
    case "beeps": {
      const beeps = board.buzzer.history.filter((c) => c.value && c.atMs >= since).length;
      return matches(check.want, beeps) ? undefined : fail(check, `${beeps} beeps`);
    }
    case "wakeups": {
      const wakeUps = ctx.wakeUps();
      return matches(check.want, wakeUps) ? undefined : fail(check, `${wakeUps} wake-ups`);
    }
    case "coil": {
      const now = board.coil.energised ? "energised" : "off";
      return now === check.want ? undefined : fail(check, `coil ${now}`);
    }
    case "coil-longest-ms":
      return matches(check.want, board.coil.longestMs) ? undefined : fail(check, `longest coil pulse ${board.coil.longestMs} ms`);
    case "coil-pulses": {
      const pulses = board.coil.pulses.filter((p) => p.startMs >= since).length;
      return matches(check.want, pulses) ? undefined : fail(check, `${pulses} coil pulses`);
    }
    case "delivery-output": {
      const now = board.deliveryOut.on ? "on" : "off";
      return now === check.want ? undefined : fail(check, `delivery output ${now}`);
    }
    case "delivery-output-seen": {
      const seen = seenSince(board.deliveryOut.history, since).includes(true);
      return seen === check.want ? undefined : fail(check, seen ? "the delivery output came on" : "the delivery output stayed off");
    }
    case "usb":
    case "usb-not": {
      if (ctx.lastUsb === undefined) return fail(check, "no usb step before this expectation");
      const text = ctx.lastUsb.join("\n");
      const hit = new RegExp(check.want).test(text);
      return hit === (check.name === "usb") ? undefined : fail(check, JSON.stringify(text));
    }
    case "errors": {
      const errors = ctx.box.errors();
      return matches(check.want, errors.length) ? undefined : fail(check, `${errors.length} firmware errors: ${errors.join(" | ")}`);
    }
    case "powered":
      return board.powered === check.want ? undefined : fail(check, board.powered ? "the box has power" : "the box has no power");
  }
  return undefined;
}

function checkStatus(check: Check, status: Fields): CheckFailure | undefined {
  const fields: Record<string, Matcher> = check.name === "status" ? check.fields : { [check.name]: (check as { want: Matcher }).want };
  const wrong = Object.entries(fields).filter(([k, v]) => !matches(v, status[k]));
  if (wrong.length === 0) return undefined;
  return fail(check, wrong.map(([k]) => `${k} ${status[k] ?? "(no such STATUS field)"}`).join(", "));
}

function checkClock(check: Check, clock: Fields): CheckFailure | undefined {
  if (check.name === "clock-set") return matches(check.want, clock.set) ? undefined : fail(check, `clock-set ${clock.set === "1"}`);
  if (check.name !== "clock") return undefined;
  const time = Number(clock.time);
  return matches(check.want, time, toBox) ? undefined : fail(check, `clock ${isoOfBox(time)} (box second ${time})`);
}

function describeLog(log: LogCheck): string {
  const fields = Object.entries(log.fields).map(([k, v]) => ` ${k}=${showMatcher(v)}`).join("");
  const what = `${log.event === "*" ? "any event" : log.event}${fields}`;
  if (log.mode === "last") return `log: the last ${what}`;
  if (log.mode === "has") return `log: an entry ${what}`;
  if (log.mode === "none") return `log: no entry ${what}`;
  return `log: ${showMatcher(log.count as Matcher)} entries ${what}`;
}

const showEntry = (e: Fields): string => Object.entries(e).filter(([k]) => k !== "i").map(([k, v]) => `${k}=${v}`).join(" ");

function checkLog(log: LogCheck, entries: Fields[]): CheckFailure | undefined {
  const ofKind = entries.filter((e) => log.event === "*" || e.ev === log.event);
  const fits = (e: Fields): boolean => Object.entries(log.fields).every(([k, v]) => matches(v, e[k]));
  const expected = describeLog(log);
  const lastFew = entries.slice(-4).map(showEntry).join(" | ") || "an empty log";
  switch (log.mode) {
    case "last": {
      const last = ofKind[ofKind.length - 1];
      if (!last) return { expected, found: `no ${log.event} entry; the log ends: ${lastFew}` };
      return fits(last) ? undefined : { expected, found: showEntry(last) };
    }
    case "has":
      return ofKind.some(fits) ? undefined : { expected, found: `none; the log ends: ${lastFew}` };
    case "none": {
      const hit = ofKind.find(fits);
      return hit ? { expected, found: showEntry(hit) } : undefined;
    }
    case "count": {
      const n = ofKind.filter(fits).length;
      return matches(log.count as Matcher, n) ? undefined : { expected, found: `${n}` };
    }
  }
}
