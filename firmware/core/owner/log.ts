/**
 * The audit log in words: each stored event (integers, docs/storage.md) as the name and
 * key=value fields the USB LOG command and the owner's tool show. test/core/store/storage-doc.test.ts
 * holds LOG_EVENTS to docs/storage.md's table.
 */
import { codeIdText } from "../codes/code";
import { settingName } from "../settings";
import { LogEvent, Opener, type AuditEvent } from "../store/events";
import { field, type UsbField } from "../usb/protocol";

/**
 * Each event type at its code (index 0 is no event): its name in LOG's `ev=`, then the names LOG
 * gives its `a` and `b`, when it shows them as plain numbers. A new event is one line here.
 */
export const LOG_EVENTS = [
  "",
  "power-up",
  "open",
  "wrong-code streak digits",
  "lockout until streak",
  "lid-opened",
  "lid-closed",
  "lid-left-open seconds",
  "lid-forced",
  "not-opened",
  "clock-set from to",
  "clock-moved-up found checkpoint",
  "provisioned at replaced",
  "revoked",
  "setting",
  "factory-reset",
  "lockout-lifted until",
  "clock-backup-behind found checkpoint",
  "key-stuck",
  "battery",
] as const;

type FirstWord<T extends string> = T extends `${infer W} ${string}` ? W : T;
/** An event's name as LOG's `ev=` writes it: the compiler refuses any other. */
export type LogEventName = Exclude<FirstWord<(typeof LOG_EVENTS)[number]>, "">;

/** Who opened, by the `c` of an open event (Opener), as LOG's `by=` writes it. */
const OPENERS = ["lock-test", "delivery", "owner", "home", "lock-test", "pickup", "lock-test"];

/** An event's name; `event-<type>` for a type this firmware does not know. */
export function eventName(type: number): string {
  const text = type > 0 && type < LOG_EVENTS.length ? LOG_EVENTS[type] : "event-" + type.toString();
  const space = text.indexOf(" ");
  return space < 0 ? text : text.slice(0, space);
}

/** An event's fields after its name, as LOG shows them (docs/storage.md, "Event types"). */
export function eventFields(e: AuditEvent): UsbField[] {
  const type = e.type;
  if (type === LogEvent.PowerUp) return [field("clock", e.a === 1 ? "known" : "unknown")];
  if (type === LogEvent.SettingChanged) {
    const name = settingName(e.a);
    return [field("name", name === "" ? "setting-" + e.a.toString() : name), field("value", e.b.toString())];
  }
  if (type === LogEvent.Open || type === LogEvent.Revoked) {
    // b is codeDetail(hours, slot, uses left) (../store/events.ts) for a delivery or pickup code.
    const pickup = e.c === Opener.PickupCode;
    const code = field("code", codeIdText({ kind: pickup ? "pickup" : "delivery", start: e.a, hours: idiv(e.b, 65536), slot: idiv(e.b, 256) % 256 }));
    if (type === LogEvent.Revoked) return [code];
    const by = field("by", e.c > 0 && e.c < OPENERS.length ? OPENERS[e.c] : "lock-test");
    if (pickup || e.c === Opener.DeliveryCode) return [by, code, field("usesLeft", (e.b % 256).toString())];
    return e.c === Opener.OwnerCode ? [by, field("step", e.a.toString()), field("drift", e.b.toString())] : [by];
  }
  if (type === LogEvent.FactoryReset) return [field("by", e.a === 1 ? "button" : "usb")];
  if (type === LogEvent.KeyStuck) return [field("key", String.fromCharCode(e.a))];
  if (type === LogEvent.Battery) return [field("level", e.a === 2 ? "critical" : "low"), field("mv", e.b.toString())];
  // The plain events: the words after the name name a and b.
  const fields: UsbField[] = [];
  const text = type > 0 && type < LOG_EVENTS.length ? LOG_EVENTS[type] : "";
  let from = text.indexOf(" ");
  for (let arg = 0; from >= 0; arg++) {
    const to = text.indexOf(" ", from + 1);
    fields.push(field(text.slice(from + 1, to < 0 ? text.length : to), (arg === 0 ? e.a : e.b).toString()));
    from = to;
  }
  return fields;
}
