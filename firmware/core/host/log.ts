/**
 * Host side only: the audit log in words. The box's `LOG` sends each stored event as its numbers
 * (`e=` type, `a=`, `b=`, `c=`: docs/protocol.md, "LOG"), and this table and eventText name them
 * for the owner's tool (`parcelbox log`, `codes --sync`), the simulator's views and scenarios, and
 * the tests. docs/storage.md's "Event types" table is made from LOG_EVENT_TYPES
 * (tools/docs/log-table.ts, `make docs`); test/core/store/storage-doc.test.ts holds the two, and
 * the table to ../store/events.ts's LogEvent, together. A new event is a member of LogEvent and a
 * row here.
 */
import { codeIdText } from "../codes/code";
import { SETTINGS } from "./settings";
import { LogEvent, Opener, type AuditEvent } from "../store/events";
import { parseInteger } from "../usb/protocol";
import type { UsbField } from "../usb/protocol";
import { parseResponse } from "./protocol";

export interface LogEventType {
  /** The LogEvent value stored in flash and sent as `e=`. */
  code: LogEvent;
  /** Its LogEvent member's name. */
  constant: string;
  /** The event's name in `parcelbox log` (and a scenario's `"log"` expectation). */
  name: LogEventName;
  /** What a, b and c hold, in words ("" when the box writes 0). */
  a: string;
  b: string;
  c: string;
  /**
   * The keys of the details `parcelbox log` shows after the name, every one the event may have.
   * For an event eventText has no rule of its own for, the first names `a` and the second `b`,
   * shown as plain numbers.
   */
  details: string[];
}

const row = (code: LogEvent, constant: string, name: LogEventName, a: string, b: string, c: string, details: string[]): LogEventType => ({ code, constant, name, a, b, c, details });
const CODE_A = "code: the window's first box hour; owner: the TOTP step";

/** Every event type the box logs, in code order (never renumber, only add: codes are in flash). */
export const LOG_EVENT_TYPES: LogEventType[] = [
  row(LogEvent.PowerUp, "PowerUp", "power-up", "1 when the clock was known at power-up, else 0", "", "", ["clock"]),
  row(LogEvent.Open, "Open", "open", CODE_A, "code: detail (below); owner: drift in steps", "who opened: an `Opener`", ["by", "code", "usesLeft", "step", "drift"]),
  row(LogEvent.WrongCode, "WrongCode", "wrong-code", "consecutive wrong codes so far", "digits typed", "", ["streak", "digits"]),
  row(LogEvent.LockOut, "LockOut", "lockout", "locked out until (box seconds)", "consecutive wrong codes", "", ["until", "streak"]),
  row(LogEvent.LidOpened, "LidOpened", "lid-opened", "", "", "", []),
  row(LogEvent.LidClosed, "LidClosed", "lid-closed", "", "", "", []),
  row(LogEvent.LidLeftOpen, "LidLeftOpen", "lid-left-open", "seconds the lid has been open", "", "", ["seconds"]),
  row(LogEvent.LidForced, "LidForced", "lid-forced", "", "", "", []),
  row(LogEvent.NotOpenedRelock, "NotOpenedRelock", "not-opened", "", "", "", []),
  row(LogEvent.ClockSet, "ClockSet", "clock-set", "box seconds before (-1: not set)", "box seconds after", "", ["from", "to"]),
  row(LogEvent.ClockCheckpointJump, "ClockCheckpointJump", "clock-moved-up", "clock found at boot", "checkpoint it moved to", "", ["found", "checkpoint"]),
  row(LogEvent.Provisioned, "Provisioned", "provisioned", "provisioned at", "1 when a signed `PROVISION` replaced the secret (`replaced=1`), else 0", "", ["at", "replaced"]),
  row(LogEvent.Revoked, "Revoked", "revoked", "the window's first box hour", "detail (below), uses left 0", "`Opener.DeliveryCode` or `Opener.PickupCode`", ["code"]),
  row(
    LogEvent.SettingChanged,
    "SettingChanged",
    "setting",
    "the setting's index in `settingNames()` (`firmware/core/settings.ts`: never reorder that list, only add)",
    "new value",
    "",
    ["name", "value"],
  ),
  row(
    LogEvent.FactoryReset,
    "FactoryReset",
    "factory-reset",
    "0: by a signed `RESET` over USB (`by=usb`); 1: by the service button held at power-up (`by=button`). Always the first event of the blank log",
    "",
    "",
    ["by"],
  ),
  row(LogEvent.LockOutLifted, "LockOutLifted", "lockout-lifted", "the lock-out end it cut short (the owner's `LIFT` over USB)", "", "", ["until"]),
  row(
    LogEvent.ClockBackupBehind,
    "ClockBackupBehind",
    "clock-backup-behind",
    "the DS3231's reading, more than `CHECKPOINT_SLACK_SECONDS` (120 s) behind the checkpoint and not believed (`firmware/core/clock.ts`)",
    "the checkpoint",
    "",
    ["found", "checkpoint"],
  ),
  row(
    LogEvent.KeyStuck,
    "KeyStuck",
    "key-stuck",
    "the character code of a key held longer than `STUCK_KEY_MS` (5 s, `firmware/core/matrix.ts`), ignored until released (`key=5`); one event per key, once per sticking",
    "",
    "",
    ["key"],
  ),
  row(LogEvent.Battery, "Battery", "battery", "1: low, 2: critical (`docs/energy.md`); each at most once a box day", "the battery's reading, mV", "", ["level", "mv"]),
];

/** An event's name as `parcelbox log` writes it: the compiler refuses any other. */
export type LogEventName =
  | "power-up"
  | "open"
  | "wrong-code"
  | "lockout"
  | "lid-opened"
  | "lid-closed"
  | "lid-left-open"
  | "lid-forced"
  | "not-opened"
  | "clock-set"
  | "clock-moved-up"
  | "provisioned"
  | "revoked"
  | "setting"
  | "factory-reset"
  | "lockout-lifted"
  | "clock-backup-behind"
  | "key-stuck"
  | "battery";

/** The row of event type `code`, undefined for a type this tool does not know. */
export function logEventType(code: number): LogEventType | undefined {
  return LOG_EVENT_TYPES.find((t) => t.code === code);
}

/** An event type's name; `event-<type>` for one this tool does not know. */
export function eventName(type: number): string {
  return logEventType(type)?.name ?? `event-${type}`;
}

/**
 * An event in words: its name, then its details as " key=value" (docs/storage.md, "Event types").
 * A type this tool does not know (from a newer box) is `event-<type>` with its raw `a=`, `b=`
 * and `c=`, so nothing the box sent is hidden. Every value is a number or a word, so none needs
 * formatLine's escapes.
 */
export function eventText(e: AuditEvent): string {
  const row = logEventType(e.type);
  if (row === undefined) return `event-${e.type} a=${e.a} b=${e.b} c=${e.c}`;
  const name = row.name;
  switch (e.type) {
    case LogEvent.PowerUp:
      return `${name} clock=${e.a === 1 ? "known" : "unknown"}`;
    case LogEvent.SettingChanged:
      return `${name} name=${SETTINGS[e.a]?.name ?? `setting-${e.a}`} value=${e.b}`;
    case LogEvent.FactoryReset:
      return `${name} by=${e.a === 1 ? "button" : "usb"}`;
    case LogEvent.KeyStuck:
      return `${name} key=${String.fromCharCode(e.a)}`;
    case LogEvent.Battery:
      return `${name} level=${e.a === 2 ? "critical" : "low"} mv=${e.b}`;
    case LogEvent.Open:
    case LogEvent.Revoked: {
      // b is codeDetail(hours, slot, uses left) (../store/events.ts) for a delivery or pickup code.
      const pickup = e.c === Opener.PickupCode;
      const code = ` code=${codeIdText({ kind: pickup ? "pickup" : "delivery", start: e.a, hours: idiv(e.b, 65536), slot: idiv(e.b, 256) % 256 })}`;
      if (e.type === LogEvent.Revoked) return name + code;
      // Who opened, by the event's c (Opener); a code never written reads as a lock test.
      const by = `${name} by=${pickup ? "pickup" : e.c === Opener.DeliveryCode ? "delivery" : e.c === Opener.OwnerCode ? "owner" : e.c === Opener.HomeInput ? "home" : "lock-test"}`;
      if (pickup || e.c === Opener.DeliveryCode) return `${by}${code} usesLeft=${e.b % 256}`;
      return e.c === Opener.OwnerCode ? `${by} step=${e.a} drift=${e.b}` : by;
    }
  }
  // The plain events: the details name a and b.
  const values = [e.a, e.b];
  return ([name] as string[]).concat(row.details.map((key, k) => `${key}=${values[k]}`)).join(" ");
}

/** The keys of a raw LOG entry (docs/protocol.md, "LOG"), in the order the box sends them. */
export const LOG_DATA_KEYS = ["i", "t", "e", "a", "b", "c"];

/**
 * A raw entry of the box's `LOG` answer, its DATA line's fields, as numbers. Undefined when the
 * fields are not a raw entry of this protocol (a key missing, out of order or one more, or a value
 * not an integer): an owner's tool must say it cannot read the box rather than show wrong names.
 */
export function rawLogEntry(fields: UsbField[]): AuditEvent | undefined {
  if (fields.length !== LOG_DATA_KEYS.length) return undefined;
  const n: number[] = [];
  for (let k = 0; k < fields.length; k++) {
    const value = parseInteger(fields[k].value);
    if (fields[k].key !== LOG_DATA_KEYS[k] || value === undefined) return undefined;
    n.push(value);
  }
  return { index: n[0], at: n[1], type: n[2], a: n[3], b: n[4], c: n[5] };
}

/**
 * A raw LOG entry (rawLogEntry) in words: `i`, `t`, `ev` (the event's name), then the event's
 * details (eventText); undefined when the fields are not a raw entry.
 */
export function namedLogEntry(fields: UsbField[]): Record<string, string> | undefined {
  const e = rawLogEntry(fields);
  if (e === undefined) return undefined;
  const entry: Record<string, string> = { i: String(e.index), t: String(e.at) };
  const words = eventText(e).split(" ");
  entry.ev = words[0];
  for (const word of words.slice(1)) {
    const eq = word.indexOf("=");
    entry[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return entry;
}

/**
 * A line the box sent with a raw LOG entry named: "<id> DATA i=.. t=.. e=.. a=.. b=.. c=.." becomes
 * "<id> DATA i=.. t=.. ev=<name> <details>", as PB1 boxes wrote it; any other line as it is. For the
 * simulator's views and the tests, which read the box's answers as text.
 */
export function namedLogLine(line: string): string {
  const response = parseResponse(line);
  const e = response?.kind === "DATA" ? rawLogEntry(response.fields) : undefined;
  return e === undefined ? line : `${response!.id} DATA i=${e.index} t=${e.at} ev=${eventText(e)}`;
}
