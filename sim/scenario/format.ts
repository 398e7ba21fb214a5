/**
 * Scenario files (docs/scenarios.md): JSON with a `box` and a list of `steps`. This module reads
 * and checks a file completely before anything runs, so a typo ("lidd", "expect": {"lok": ...})
 * is refused with a message naming the step and the known keys instead of silently passing.
 */
import { LOG_EVENT_TYPES } from "../../firmware/core/host/log.ts";
import { SETTINGS } from "../../firmware/core/host/settings.ts";
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import { base32Decode } from "../../firmware/core/otp/base32.ts";
import { isTimeText, matcherProblem, parseDuration, parsePackVoltage, type Matcher, type PackVoltage } from "./values.ts";

/** The log's event names, as the owner's tool names them. */
const LOG_EVENT_NAMES: string[] = LOG_EVENT_TYPES.map((t) => t.name);

export interface BoxSpec {
  /** The 20-byte master secret. */
  secret: Buffer;
  /** Unix seconds at the start. */
  unixTime: number;
  /** Board profile per runtime (undefined: the runtime's default). */
  profile: { espruino: string | undefined; nodemcu: string | undefined };
  ds3231: boolean;
  settings: Record<string, number>;
  provisioned: boolean;
  seed: number;
}

export type CodeKind = "delivery" | "pickup";

export interface CodeSpec {
  kind: CodeKind;
  from: string;
  /** Window requested, in ms from `from` (hours or days), or until a time. */
  lengthMs: number | undefined;
  until: string | undefined;
  slot: number | undefined;
  uses: number | undefined;
  zone: number | undefined;
  as: string | undefined;
}

export interface TotpSpec {
  at: string;
  /** Steps after (or before, negative) the one at `at`. */
  step: number;
  as: string | undefined;
}

export type Fault =
  | { fault: "flash-power-cut"; nth: number; keep: number }
  | { fault: "ds3231-removed" }
  | { fault: "ds3231-refitted" }
  | { fault: "ds3231-reset" }
  | { fault: "ds3231-set"; time: string }
  | { fault: "ds3231-drift"; ppm: number }
  | { fault: "heap-fragmented" };

export type Action =
  | { kind: "keys"; keys: string }
  | { kind: "key-down" | "key-up"; key: string }
  | { kind: "wait"; ms: number }
  | { kind: "lid"; action: "open" | "close" }
  | { kind: "power"; action: "cycle" | "off" | "on"; offMs: number }
  | { kind: "usb"; line: string }
  | { kind: "usb-auth"; line: string }
  | { kind: "usb-raw"; text: string; withinMs: number }
  | { kind: "code"; code: CodeSpec }
  | { kind: "totp"; totp: TotpSpec }
  | { kind: "fault"; fault: Fault }
  | { kind: "home"; action: "close" | "open" | "pulse" }
  | { kind: "service"; action: "press" | "release" | "pulse" }
  | { kind: "battery"; to: PackVoltage; overMs: number }
  | { kind: "expect"; checks: Check[] };

export interface Step {
  /** 1-based position in the file's `steps`. */
  number: number;
  action: Action;
  /** The step as written, for failure lines. */
  source: string;
}

export interface LogCheck {
  mode: "last" | "has" | "none" | "count";
  event: string;
  fields: Record<string, Matcher>;
  count: Matcher | undefined;
}

export type Check =
  | { name: "lock" | "lid" | "alarm" | "led" | "buzzer" | "coil" | "delivery-output" | "usb" | "usb-not"; want: string }
  | { name: "lockout" | "wrong" | "clock" | "coil-longest-ms" | "coil-pulses" | "beeps" | "errors" | "wakeups"; want: Matcher }
  | { name: "clock-set" | "powered" | "delivery-output-seen"; want: boolean }
  | { name: "led-seen"; want: string }
  | { name: "status"; fields: Record<string, Matcher> }
  | { name: "log"; log: LogCheck };

export interface Scenario {
  file: string;
  name: string;
  box: BoxSpec;
  steps: Step[];
}

/** A scenario file that cannot run: every problem found, each naming where it is. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join("\n"));
    this.name = "ScenarioError";
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const keysList = (keys: readonly string[]): string => keys.join(", ");

/** Action keys, and the extra keys each one takes besides `comment`. */
export const STEP_KEYS: Record<string, readonly string[]> = {
  keys: [],
  "key-down": [],
  "key-up": [],
  wait: [],
  lid: [],
  power: ["off"],
  usb: [],
  "usb-auth": [],
  "usb-raw": ["within"],
  code: [],
  totp: [],
  fault: ["nth", "keep", "time", "ppm"],
  home: [],
  service: [],
  battery: ["over"],
  expect: [],
};

export const EXPECT_KEYS = [
  "lock",
  "lid",
  "alarm",
  "lockout",
  "wrong",
  "status",
  "clock",
  "clock-set",
  "led",
  "led-seen",
  "buzzer",
  "beeps",
  "coil",
  "coil-longest-ms",
  "coil-pulses",
  "delivery-output",
  "delivery-output-seen",
  "log",
  "usb",
  "usb-not",
  "errors",
  "powered",
  "wakeups",
] as const;

const BOX_KEYS = ["secret", "time", "profile", "ds3231", "settings", "provisioned", "seed", "comment"];
const TOP_KEYS = ["name", "comment", "box", "steps"];
const CODE_KEYS = ["kind", "from", "hours", "days", "until", "slot", "uses", "zone", "as", "comment"];
const TOTP_KEYS = ["at", "step", "as", "comment"];
const FAULTS = ["flash-power-cut", "ds3231-removed", "ds3231-refitted", "ds3231-reset", "ds3231-set", "ds3231-drift", "heap-fragmented"];
const LOG_MODES = ["last", "has", "none", "count"] as const;
const LED_COLOURS = ["off", "green", "red", "amber"];

const enumProblem = (what: string, value: unknown, allowed: readonly string[]): string | undefined =>
  typeof value === "string" && allowed.includes(value) ? undefined : `${what} must be one of ${keysList(allowed)}, not ${JSON.stringify(value)}`;

/** Reads a scenario from its JSON text; throws ScenarioError listing every problem. */
export function parseScenario(file: string, text: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(file, [`not JSON: ${(error as Error).message}`]);
  }
  const problems: string[] = [];
  if (!isObject(json)) throw new ScenarioError(file, ["a scenario is a JSON object with \"box\" and \"steps\""]);
  for (const key of Object.keys(json)) if (!TOP_KEYS.includes(key)) problems.push(`unknown key "${key}" at the top (known: ${keysList(TOP_KEYS)})`);
  const box = parseBox(json.box, problems);
  const steps: Step[] = [];
  if (!Array.isArray(json.steps)) problems.push(`"steps" must be a list of steps`);
  else json.steps.forEach((raw, i) => {
    const step = parseStep(raw, i + 1, (p) => problems.push(`step ${i + 1}: ${p}`));
    if (step) steps.push(step);
  });
  if (problems.length > 0 || !box) throw new ScenarioError(file, problems);
  return { file, name: typeof json.name === "string" ? json.name : file, box, steps };
}

function parseBox(raw: unknown, problems: string[]): BoxSpec | undefined {
  const bad = (p: string): undefined => {
    problems.push(`box: ${p}`);
    return undefined;
  };
  if (!isObject(raw)) return bad(`"box" must be an object with at least "secret" and "time"`);
  for (const key of Object.keys(raw)) if (!BOX_KEYS.includes(key)) bad(`unknown key "${key}" (known: ${keysList(BOX_KEYS)})`);
  const secretText = typeof raw.secret === "string" ? base32Decode(raw.secret.toUpperCase().replace(/=+$/, "")) : undefined;
  if (secretText === undefined || secretText.length !== 20) bad(`"secret" must be the 20-byte master secret in base32 (32 characters)`);
  if (!isTimeText(raw.time) || String(raw.time).startsWith("now")) bad(`"time" must be an ISO 8601 time with a zone, e.g. "2026-11-28T09:00:00Z"`);
  const profile = parseProfile(raw.profile, bad);
  for (const flag of ["ds3231", "provisioned"]) if (raw[flag] !== undefined && typeof raw[flag] !== "boolean") bad(`"${flag}" must be true or false`);
  if (raw.seed !== undefined && !Number.isInteger(raw.seed)) bad(`"seed" must be an integer`);
  const settings: Record<string, number> = {};
  if (raw.settings !== undefined) {
    if (!isObject(raw.settings)) bad(`"settings" must be an object of setting names and integers`);
    else for (const [name, value] of Object.entries(raw.settings)) {
      const spec = SETTINGS.find((s) => s.name === name);
      if (!spec) bad(`unknown setting "${name}" (known: ${keysList(SETTINGS.map((s) => s.name))})`);
      else if (typeof value !== "number" || !Number.isInteger(value) || value < spec.min || value > spec.max) bad(`setting ${name} must be an integer from ${spec.min} to ${spec.max}`);
      else settings[name] = value;
    }
  }
  if (raw.provisioned === false && Object.keys(settings).length > 0) bad(`"settings" are given with PROVISION: an unprovisioned box takes none`);
  if (problems.length > 0) return undefined;
  return {
    secret: Buffer.from(secretText as string, "latin1"),
    unixTime: Date.parse(raw.time as string) / 1000,
    profile: profile ?? { espruino: undefined, nodemcu: undefined },
    ds3231: (raw.ds3231 as boolean | undefined) ?? true,
    settings,
    provisioned: (raw.provisioned as boolean | undefined) ?? true,
    seed: (raw.seed as number | undefined) ?? 1,
  };
}

/**
 * "profile": a profile name (used on its own runtime; the other runtime keeps its default, so one
 * file runs on both) or {"espruino": name, "nodemcu": name}.
 */
function parseProfile(raw: unknown, bad: (p: string) => undefined): BoxSpec["profile"] | undefined {
  const profiles = boardProfiles();
  const names = keysList(profiles.map((p) => p.name));
  const out: BoxSpec["profile"] = { espruino: undefined, nodemcu: undefined };
  if (raw === undefined) return out;
  const entries = typeof raw === "string" ? [[profiles.find((p) => p.name === raw)?.runtime ?? "", raw]] : isObject(raw) ? Object.entries(raw) : [];
  if (entries.length === 0) return bad(`"profile" is a profile name (${names}) or {"espruino": name, "nodemcu": name}`);
  for (const [runtime, name] of entries) {
    const profile = profiles.find((p) => p.name === name);
    if (!profile) return bad(`"profile" must name one of ${names}, not ${JSON.stringify(name)}`);
    if (profile.runtime !== runtime) return bad(`the profile ${String(name)} runs ${profile.runtime}, not ${runtime}`);
    out[runtime as "espruino" | "nodemcu"] = profile.name;
  }
  return out;
}

function parseStep(raw: unknown, number: number, problem: (p: string) => void): Step | undefined {
  if (!isObject(raw)) {
    problem(`a step is an object such as {"keys": "123#"}`);
    return undefined;
  }
  const actions = Object.keys(raw).filter((k) => k in STEP_KEYS);
  if (actions.length !== 1) {
    const unknown = Object.keys(raw).filter((k) => !(k in STEP_KEYS) && k !== "comment");
    if (unknown.length > 0) problem(`unknown step key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")} (known: ${keysList(Object.keys(STEP_KEYS))}, comment)`);
    else problem(actions.length === 0 ? `no action (known: ${keysList(Object.keys(STEP_KEYS))})` : `one action per step, found ${keysList(actions)}`);
    return undefined;
  }
  const kind = actions[0];
  const extras = STEP_KEYS[kind];
  let ok = true;
  for (const key of Object.keys(raw)) {
    if (key === kind || key === "comment" || extras.includes(key)) continue;
    problem(`unknown key "${key}" in a "${kind}" step (it takes ${extras.length ? keysList(extras) + ", " : ""}comment)`);
    ok = false;
  }
  const fail = (p: string): undefined => {
    problem(p);
    ok = false;
    return undefined;
  };
  const action = parseAction(kind, raw, fail);
  return ok && action ? { number, action, source: JSON.stringify(raw) } : undefined;
}

function parseAction(kind: string, raw: Json, fail: (p: string) => undefined): Action | undefined {
  const value = raw[kind];
  switch (kind) {
    case "keys":
      if (typeof value !== "string" || !/^([0-9*#]|\$\{?[A-Za-z][\w.]*\}?)+$/.test(value)) return fail(`"keys" takes keypad keys 0-9 * # (and $variables), e.g. "12345678#"`);
      return { kind, keys: value };
    case "key-down":
    case "key-up":
      if (typeof value !== "string" || value.length !== 1 || !"0123456789*#".includes(value)) return fail(`"${kind}" takes one keypad key: 0-9, * or #`);
      return { kind, key: value };
    case "wait": {
      const ms = parseDuration(value);
      return ms === undefined ? fail(`"wait" takes milliseconds or a duration such as "30s", "2h", "3d"`) : { kind, ms };
    }
    case "lid":
      return enumProblem(`"lid"`, value, ["open", "close"]) ? fail(enumProblem(`"lid"`, value, ["open", "close"]) as string) : { kind, action: value as "open" | "close" };
    case "power": {
      const problem = enumProblem(`"power"`, value, ["cycle", "off", "on"]);
      const offMs = raw.off === undefined ? 1000 : parseDuration(raw.off);
      if (problem) return fail(problem);
      if (offMs === undefined) return fail(`"off" takes a duration such as "5s"`);
      return { kind, action: value as "cycle" | "off" | "on", offMs };
    }
    case "usb":
    case "usb-auth":
      if (typeof value !== "string" || value.length === 0) return fail(`"${kind}" takes a request without its id, e.g. "HELLO"`);
      return { kind, line: value };
    case "usb-raw": {
      const withinMs = raw.within === undefined ? 500 : parseDuration(raw.within);
      if (typeof value !== "string") return fail(`"usb-raw" takes the exact text to send`);
      if (withinMs === undefined) return fail(`"within" takes a duration`);
      return { kind, text: value, withinMs };
    }
    case "code":
      return parseCode(value, fail);
    case "totp":
      return parseTotp(value, fail);
    case "fault":
      return parseFault(value, raw, fail);
    case "home":
      return enumProblem(`"home"`, value, ["close", "open", "pulse"]) ? fail(enumProblem(`"home"`, value, ["close", "open", "pulse"]) as string) : { kind, action: value as "close" | "open" | "pulse" };
    case "service":
      return enumProblem(`"service"`, value, ["press", "release", "pulse"]) ? fail(enumProblem(`"service"`, value, ["press", "release", "pulse"]) as string) : { kind, action: value as "press" | "release" | "pulse" };
    case "battery": {
      const to = parsePackVoltage(value);
      const overMs = raw.over === undefined ? 0 : parseDuration(raw.over);
      if (to === undefined) return fail(`"battery" takes the pack's voltage: "5.1V", "5100mV", 5100 (mV), or the box's level "low" / "critical" with "+300mV" or "-0.2V"`);
      if (overMs === undefined) return fail(`"over" takes a duration such as "6w"`);
      return { kind, to, overMs };
    }
    case "expect":
      return parseExpect(value, fail);
  }
  return fail(`unknown step "${kind}"`);
}

function parseCode(value: unknown, fail: (p: string) => undefined): Action | undefined {
  if (!isObject(value)) return fail(`"code" takes an object, e.g. {"kind": "delivery", "from": "now", "hours": 8}`);
  for (const key of Object.keys(value)) if (!CODE_KEYS.includes(key)) return fail(`unknown key "${key}" in "code" (known: ${keysList(CODE_KEYS)})`);
  const kind = value.kind ?? "delivery";
  if (kind !== "delivery" && kind !== "pickup") return fail(`"code" kind must be delivery or pickup`);
  const from = value.from ?? "now";
  if (!isTimeText(from)) return fail(`"from" takes a time: ISO 8601 with a zone, "now" or "now+2h"`);
  const lengths = ["hours", "days", "until"].filter((k) => value[k] !== undefined);
  if (lengths.length !== 1) return fail(`"code" needs exactly one of hours, days, until`);
  if (value.until !== undefined && !isTimeText(value.until)) return fail(`"until" takes a time`);
  for (const k of ["hours", "days", "slot", "uses", "zone"]) {
    if (value[k] !== undefined && !Number.isInteger(value[k])) return fail(`"${k}" must be an integer`);
  }
  if (value.slot !== undefined && value.uses !== undefined) return fail(`"code" takes slot or uses, not both`);
  if (value.as !== undefined && (typeof value.as !== "string" || !/^[A-Za-z]\w*$/.test(value.as))) return fail(`"as" names a variable: letters, digits, _`);
  const lengthMs = value.hours !== undefined ? (value.hours as number) * 3_600_000 : value.days !== undefined ? (value.days as number) * 86_400_000 : undefined;
  return {
    kind: "code",
    code: {
      kind,
      from: from as string,
      lengthMs,
      until: value.until as string | undefined,
      slot: value.slot as number | undefined,
      uses: value.uses as number | undefined,
      zone: value.zone as number | undefined,
      as: value.as as string | undefined,
    },
  };
}

function parseTotp(value: unknown, fail: (p: string) => undefined): Action | undefined {
  if (!isObject(value)) return fail(`"totp" takes an object, e.g. {} or {"at": "now", "step": 1}`);
  for (const key of Object.keys(value)) if (!TOTP_KEYS.includes(key)) return fail(`unknown key "${key}" in "totp" (known: ${keysList(TOTP_KEYS)})`);
  const at = value.at ?? "now";
  if (!isTimeText(at)) return fail(`"at" takes a time`);
  if (value.step !== undefined && !Number.isInteger(value.step)) return fail(`"step" must be an integer`);
  if (value.as !== undefined && (typeof value.as !== "string" || !/^[A-Za-z]\w*$/.test(value.as))) return fail(`"as" names a variable: letters, digits, _`);
  return { kind: "totp", totp: { at: at as string, step: (value.step as number | undefined) ?? 0, as: value.as as string | undefined } };
}

function parseFault(value: unknown, raw: Json, fail: (p: string) => undefined): Action | undefined {
  const problem = enumProblem(`"fault"`, value, FAULTS);
  if (problem) return fail(problem);
  const extras: Record<string, string[]> = { "flash-power-cut": ["nth", "keep"], "ds3231-set": ["time"], "ds3231-drift": ["ppm"] };
  for (const key of ["nth", "keep", "time", "ppm"]) {
    if (raw[key] !== undefined && !(extras[value as string] ?? []).includes(key)) return fail(`the fault ${value as string} takes no "${key}"`);
  }
  switch (value) {
    case "flash-power-cut": {
      const nth = raw.nth ?? 1;
      const keep = raw.keep ?? 0;
      if (!Number.isInteger(nth) || (nth as number) < 1) return fail(`"nth" counts flash operations from 1`);
      if (!Number.isInteger(keep) || (keep as number) < 0) return fail(`"keep" is the number of bytes of the cut write that reach flash`);
      return { kind: "fault", fault: { fault: "flash-power-cut", nth: nth as number, keep: keep as number } };
    }
    case "ds3231-set":
      if (!isTimeText(raw.time)) return fail(`"ds3231-set" needs "time"`);
      return { kind: "fault", fault: { fault: "ds3231-set", time: raw.time as string } };
    case "ds3231-drift":
      if (typeof raw.ppm !== "number") return fail(`"ds3231-drift" needs "ppm"`);
      return { kind: "fault", fault: { fault: "ds3231-drift", ppm: raw.ppm } };
    default:
      return { kind: "fault", fault: { fault: value as "ds3231-removed" | "ds3231-refitted" | "ds3231-reset" | "heap-fragmented" } };
  }
}

function parseExpect(value: unknown, fail: (p: string) => undefined): Action | undefined {
  if (!isObject(value) || Object.keys(value).length === 0) return fail(`"expect" takes an object of expectations, e.g. {"lock": "unlocked"}`);
  const checks: Check[] = [];
  for (const [name, want] of Object.entries(value)) {
    const check = parseCheck(name, want, fail);
    if (!check) return undefined;
    checks.push(check);
  }
  return { kind: "expect", checks };
}

function parseCheck(name: string, want: unknown, fail: (p: string) => undefined): Check | undefined {
  const choice = (allowed: string[]): string | undefined => {
    const p = enumProblem(`"${name}"`, want, allowed);
    return p ? fail(p) : (want as string);
  };
  const matcher = (): Matcher | undefined => {
    const p = matcherProblem(want);
    return p ? fail(`"${name}": ${p}`) : (want as Matcher);
  };
  const flag = (): boolean | undefined => (typeof want === "boolean" ? want : fail(`"${name}" takes true or false`));
  const named = <T>(v: T | undefined, make: (v: T) => Check): Check | undefined => (v === undefined ? undefined : make(v));
  switch (name) {
    case "lock":
      return named(choice(["locked", "unlocked"]), (w) => ({ name, want: w }));
    case "lid":
      return named(choice(["open", "closed"]), (w) => ({ name, want: w }));
    case "alarm":
      return named(choice(["none", "lid-open", "forced"]), (w) => ({ name, want: w }));
    case "led":
      return named(choice(LED_COLOURS), (w) => ({ name, want: w }));
    case "led-seen":
      return named(choice(LED_COLOURS.slice(1)), (w) => ({ name, want: w }));
    case "buzzer":
      return named(choice(["on", "off"]), (w) => ({ name, want: w }));
    case "coil":
      return named(choice(["energised", "off"]), (w) => ({ name, want: w }));
    case "delivery-output":
      return named(choice(["on", "off"]), (w) => ({ name, want: w }));
    case "usb":
    case "usb-not":
      if (typeof want !== "string") return fail(`"${name}" takes a regular expression (as a string)`);
      try {
        new RegExp(want);
      } catch (error) {
        return fail(`"${name}": bad regular expression: ${(error as Error).message}`);
      }
      return { name, want };
    case "lockout":
    case "wrong":
    case "clock":
    case "coil-longest-ms":
    case "coil-pulses":
    case "beeps":
    case "wakeups":
      return named(matcher(), (w) => ({ name, want: w }));
    case "errors":
      if (want === "none") return { name, want: 0 };
      return named(matcher(), (w) => ({ name, want: w }));
    case "clock-set":
    case "powered":
    case "delivery-output-seen":
      return named(flag(), (w) => ({ name, want: w }));
    case "status": {
      if (!isObject(want)) return fail(`"status" takes an object of STATUS fields and matchers, e.g. {"lockout": ">0"}`);
      const fields: Record<string, Matcher> = {};
      for (const [k, v] of Object.entries(want)) {
        const p = matcherProblem(v);
        if (p) return fail(`"status" ${k}: ${p}`);
        fields[k] = v as Matcher;
      }
      return { name, fields };
    }
    case "log":
      return parseLogCheck(want, fail);
  }
  return fail(`unknown expectation "${name}" (known: ${keysList(EXPECT_KEYS)})`);
}

function parseLogCheck(want: unknown, fail: (p: string) => undefined): Check | undefined {
  if (!isObject(want)) return fail(`"log" takes an object, e.g. {"last": "open", "by": "delivery"}`);
  const modes = LOG_MODES.filter((m) => want[m] !== undefined);
  if (modes.length !== 1) return fail(`"log" needs exactly one of ${keysList(LOG_MODES)}, naming an event (or "*")`);
  const mode = modes[0];
  const event = want[mode];
  if (typeof event !== "string") return fail(`"log" ${mode} names an event kind such as "open" (or "*" for any)`);
  // The firmware's own list of names (docs/storage.md): a misspelt kind fails when the file is read.
  if (event !== "*" && !LOG_EVENT_NAMES.includes(event)) {
    return fail(`"log" ${mode}: no event kind "${event}" (known: ${keysList(LOG_EVENT_NAMES)})`);
  }
  if (mode === "count" && want.is === undefined) return fail(`"log" count needs "is", e.g. {"count": "open", "is": 1}`);
  if (mode !== "count" && want.is !== undefined) return fail(`"is" goes with "count"`);
  const fields: Record<string, Matcher> = {};
  for (const [k, v] of Object.entries(want)) {
    if (k === mode || k === "is") continue;
    const p = matcherProblem(v);
    if (p) return fail(`"log" ${k}: ${p}`);
    fields[k] = v as Matcher;
  }
  let count: Matcher | undefined;
  if (mode === "count") {
    const p = matcherProblem(want.is);
    if (p) return fail(`"log" is: ${p}`);
    count = want.is as Matcher;
  }
  return { name: "log", log: { mode, event, fields, count } };
}
