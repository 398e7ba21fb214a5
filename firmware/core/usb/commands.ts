/**
 * What each PB1 command does once the server (./server.ts) has read, checked and authorised it:
 * check its values, call the box, and format the answer lines. Values are checked here, before
 * any box method runs, so a bad value changes nothing. No answer ever repeats a value from the
 * request: a mistyped line may hold the secret.
 */
import { fromHex } from "../bytes";
import type { NonceBook } from "./auth";
import {
  E_INTERNAL,
  E_RANGE,
  E_SYNTAX,
  ERROR_CODES,
  field,
  fieldValue,
  formatData,
  formatError,
  formatOk,
  isValidName,
  MAX_LOG_PAGE,
  parseInteger,
  printableOnly,
  PROTOCOL_VERSION,
  MAX_LINE_BYTES,
  type UsbField,
  type UsbRequest,
} from "./protocol";
import type { UsbBoxServices, UsbOutcome, UsbSetting } from "./services";

// The store keeps box ids of at most MAX_BOX_ID_LENGTH bytes and a secret of SECRET_LENGTH
// (docs/storage.md): the protocol takes its limits from there, so the two cannot disagree.
import { MAX_BOX_ID_LENGTH, SECRET_LENGTH as SECRET_BYTES } from "../store/layout";
export { MAX_BOX_ID_LENGTH, SECRET_BYTES };
export interface CommandContext {
  services: UsbBoxServices;
  nonces: NonceBook;
  nowMs: number;
  /** The NONCE_TTL_MS the server was built with, for CHALLENGE's answer. */
  nonceTtlMs: number;
}

function flag(value: boolean): string {
  return value ? "1" : "0";
}

function num(value: number): string {
  return value.toString();
}

/** An integer field within [min, max], or undefined. */
function intField(fields: UsbField[], key: string, min: number, max: number): number | undefined {
  const text = fieldValue(fields, key);
  if (text === undefined) return undefined;
  const value = parseInteger(text);
  if (value === undefined || value < min || value > max) return undefined;
  return value;
}

function outcomeLines(id: string, outcome: UsbOutcome): string[] {
  if (outcome.ok) return [formatOk(id, outcome.fields)];
  const code = ERROR_CODES.indexOf(outcome.code) >= 0 ? outcome.code : E_INTERNAL;
  return [formatError(id, code, printableOnly(outcome.message))];
}

function rangeError(id: string, message: string): string[] {
  return [formatError(id, E_RANGE, message)];
}

function hello(id: string, ctx: CommandContext): string[] {
  const who = ctx.services.identify();
  return [
    formatOk(id, [
      field("proto", PROTOCOL_VERSION),
      field("model", who.model),
      field("fw", who.firmware),
      field("box", who.boxId),
      field("provisioned", flag(ctx.services.isProvisioned())),
      field("service", flag(ctx.services.inServiceMode())),
      field("runtime", who.runtime),
      field("board", who.board),
      field("maxline", num(MAX_LINE_BYTES)),
    ]),
  ];
}

function clockFields(ctx: CommandContext): UsbField[] {
  const clock = ctx.services.clockGet();
  return [
    field("time", num(clock.now)),
    field("set", flag(clock.now >= 0)),
    field("backup", flag(clock.backup)),
    field("drift", num(clock.driftSeconds)),
    field("lastset", num(clock.lastSet)),
  ];
}

/** PROVISION's keys that are not settings. */
const PROVISION_KEYS = ["secret", "clock", "box"];

function provision(req: UsbRequest, ctx: CommandContext): string[] {
  const secretHex = fieldValue(req.fields, "secret");
  const secret = secretHex === undefined || secretHex.length !== SECRET_BYTES * 2 ? undefined : fromHex(secretHex);
  if (secret === undefined) return rangeError(req.id, "secret= must be " + SECRET_BYTES + " bytes of hex");
  const clock = intField(req.fields, "clock", 0, 2147483647);
  if (clock === undefined) return rangeError(req.id, "clock= must be box seconds (since 2020-01-01 UTC)");
  const boxId = fieldValue(req.fields, "box");
  if (boxId !== undefined && !isValidName(boxId, MAX_BOX_ID_LENGTH)) {
    return rangeError(req.id, "box= must be 1-" + MAX_BOX_ID_LENGTH + " letters, digits, '-', '_' or '.'");
  }
  const settings: UsbSetting[] = [];
  for (let i = 0; i < req.fields.length; i++) {
    const f = req.fields[i];
    if (PROVISION_KEYS.indexOf(f.key) >= 0) continue;
    const value = parseInteger(f.value);
    if (value === undefined) return [formatError(req.id, E_SYNTAX, "setting " + f.key + " needs a whole number")];
    settings.push({ name: f.key, value: value });
  }
  const outcome = ctx.services.provision(secret, boxId === undefined ? "" : boxId, clock, settings);
  if (outcome.ok) ctx.nonces.clear();
  return outcomeLines(req.id, outcome);
}

function status(id: string, ctx: CommandContext): string[] {
  const s = ctx.services.status();
  const fields = [
    field("lock", s.lock),
    field("lid", s.lid),
    field("lockout", num(s.lockoutSeconds)),
    field("wrong", num(s.wrongAttempts)),
    field("alarm", s.alarm),
  ];
  const clock = clockFields(ctx);
  for (let i = 0; i < clock.length; i++) fields.push(clock[i]);
  fields.push(field("flash", num(s.flashFree)));
  fields.push(field("log", num(ctx.services.logCount())));
  return [formatOk(id, fields)];
}

function log(req: UsbRequest, ctx: CommandContext): string[] {
  const from = intField(req.fields, "from", 0, 2147483647);
  const count = intField(req.fields, "count", 1, MAX_LOG_PAGE);
  if (from === undefined || count === undefined) return rangeError(req.id, "from= must be 0 or more and count= 1.." + MAX_LOG_PAGE);
  const total = ctx.services.logCount();
  const entries = ctx.services.logRead(from, count);
  const lines: string[] = [];
  let next = from > total ? from : total;
  for (let i = 0; i < entries.length && i < count; i++) {
    const e = entries[i];
    const fields = [field("i", num(e.index)), field("t", num(e.time)), field("ev", e.event)];
    for (let k = 0; k < e.fields.length; k++) fields.push(e.fields[k]);
    lines.push(formatData(req.id, fields));
    next = e.index + 1;
  }
  lines.push(formatOk(req.id, [field("count", num(lines.length)), field("next", num(next)), field("total", num(total))]));
  return lines;
}

function revoke(req: UsbRequest, ctx: CommandContext): string[] {
  const kind = fieldValue(req.fields, "kind");
  const start = intField(req.fields, "start", 0, 2147483647);
  const hours = intField(req.fields, "hours", 1, 2147483647);
  const slot = intField(req.fields, "slot", 0, 2147483647);
  if (kind !== "delivery" && kind !== "pickup") return rangeError(req.id, "kind= must be delivery or pickup");
  if (start === undefined || hours === undefined || slot === undefined) {
    return rangeError(req.id, "start= (box hours), hours= (1 or more) and slot= (0 or more) must be whole numbers");
  }
  return outcomeLines(req.id, ctx.services.revoke({ kind: kind, start: start, hours: hours, slot: slot }));
}

function settingsGet(id: string, ctx: CommandContext): string[] {
  const settings = ctx.services.settingsGet();
  return [formatOk(id, settings.map((s) => field(s.name, num(s.value))))];
}

function settingsSet(req: UsbRequest, ctx: CommandContext): string[] {
  if (req.fields.length !== 1) return [formatError(req.id, E_SYNTAX, "SETTINGS SET takes exactly one name=value")];
  const value = parseInteger(req.fields[0].value);
  if (value === undefined) return [formatError(req.id, E_SYNTAX, "settings are whole numbers")];
  return outcomeLines(req.id, ctx.services.settingsSet(req.fields[0].key, value));
}

function reset(req: UsbRequest, ctx: CommandContext): string[] {
  if (fieldValue(req.fields, "confirm") !== "erase") return rangeError(req.id, "RESET needs confirm=erase");
  const outcome = ctx.services.factoryReset();
  if (outcome.ok) ctx.nonces.clear();
  return outcomeLines(req.id, outcome);
}

/** Runs an authorised request and returns the answer lines (without line ends). */
export function runCommand(req: UsbRequest, ctx: CommandContext): string[] {
  const c = req.command;
  if (c === "HELLO") return hello(req.id, ctx);
  if (c === "CHALLENGE") {
    const nonce = ctx.nonces.issue(ctx.nowMs);
    return [formatOk(req.id, [field("nonce", nonce), field("ttl", num(ctx.nonceTtlMs))])];
  }
  if (c === "CLOCK GET") return [formatOk(req.id, clockFields(ctx))];
  if (c === "PROVISION") return provision(req, ctx);
  if (c === "CLOCK SET") {
    const time = intField(req.fields, "time", 0, 2147483647);
    if (time === undefined) return rangeError(req.id, "time= must be box seconds (since 2020-01-01 UTC)");
    return outcomeLines(req.id, ctx.services.clockSet(time));
  }
  if (c === "STATUS") return status(req.id, ctx);
  if (c === "LOG") return log(req, ctx);
  if (c === "REVOKE") return revoke(req, ctx);
  if (c === "SETTINGS GET") return settingsGet(req.id, ctx);
  if (c === "SETTINGS SET") return settingsSet(req, ctx);
  if (c === "LOCKTEST") return outcomeLines(req.id, ctx.services.lockTest());
  if (c === "LIFT") return outcomeLines(req.id, ctx.services.liftLockout());
  if (c === "RESET") return reset(req, ctx);
  return [formatError(req.id, E_INTERNAL, "command has no handler")];
}
