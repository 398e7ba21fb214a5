/**
 * The audit log in words: each stored event (integers, docs/storage.md) as the name and
 * key=value fields the USB LOG command and the owner's tool show. test/core/store/storage-doc.test.ts
 * holds LOG_EVENTS to docs/storage.md's table.
 */
import { codeIdText } from "../codes/code";
import { splitText } from "../bytes";
import { settingName } from "../settings";
import { LogEvent, Opener, type AuditEvent } from "../store/events";

/**
 * Each event type on its own line, line k for type k (line 0, empty, is no event): its name in
 * LOG's `ev=`, then the names LOG gives its `a` and `b`, when it shows them as plain numbers. One string, not an array: an Espruino Pico pays JsVars for each element. A new
 * event is one line here.
 */
export const LOG_EVENTS = `
power-up
open
wrong-code streak digits
lockout until streak
lid-opened
lid-closed
lid-left-open seconds
lid-forced
not-opened
clock-set from to
clock-moved-up found checkpoint
provisioned at replaced
revoked
setting
factory-reset
lockout-lifted until
clock-backup-behind found checkpoint
key-stuck
battery`;

type Lines<S extends string> = S extends `${infer L}\n${infer R}` ? L | Lines<R> : S;
type FirstWord<T extends string> = T extends `${infer W} ${string}` ? W : T;
/** An event's name as LOG's `ev=` writes it: the compiler refuses any other. */
export type LogEventName = Exclude<FirstWord<Lines<typeof LOG_EVENTS>>, "">;

/**
 * An event as LOG shows it after `ev=`: its name, then its fields as " key=value" (docs/storage.md,
 * "Event types"); `event-<type>` alone for a type this firmware does not know. Every value is a
 * number or one of the box's words, so none needs formatLine's escapes.
 */
export function eventText(e: AuditEvent): string {
  const type = e.type;
  // Line `type` of LOG_EVENTS, cut into its words: the name, then what a and b are called.
  const lines = splitText(LOG_EVENTS, "\n");
  const words = type >= 1 && type < lines.length ? splitText(lines[type], " ") : [];
  if (words.length === 0) return "event-" + type;
  const name = words[0];
  if (type === LogEvent.PowerUp) return name + " clock=" + (e.a === 1 ? "known" : "unknown");
  if (type === LogEvent.SettingChanged) return name + " name=" + (settingName(e.a) === "" ? "setting-" + e.a : settingName(e.a)) + " value=" + e.b;
  if (type === LogEvent.Open || type === LogEvent.Revoked) {
    // b is codeDetail(hours, slot, uses left) (../store/events.ts) for a delivery or pickup code.
    const pickup = e.c === Opener.PickupCode;
    const code = " code=" + codeIdText({ kind: pickup ? "pickup" : "delivery", start: e.a, hours: idiv(e.b, 65536), slot: idiv(e.b, 256) % 256 });
    if (type === LogEvent.Revoked) return name + code;
    // Who opened, by the event's c (Opener); a code never written reads as a lock test.
    const by = name + " by=" + (pickup ? "pickup" : e.c === Opener.DeliveryCode ? "delivery" : e.c === Opener.OwnerCode ? "owner" : e.c === Opener.HomeInput ? "home" : "lock-test");
    if (pickup || e.c === Opener.DeliveryCode) return by + code + " usesLeft=" + (e.b % 256);
    return e.c === Opener.OwnerCode ? by + " step=" + e.a + " drift=" + e.b : by;
  }
  if (type === LogEvent.FactoryReset) return name + " by=" + (e.a === 1 ? "button" : "usb");
  if (type === LogEvent.KeyStuck) return name + " key=" + String.fromCharCode(e.a);
  if (type === LogEvent.Battery) return name + " level=" + (e.a === 2 ? "critical" : "low") + " mv=" + e.b;
  // The plain events: the words after the name name a and b.
  if (words.length < 2) return name;
  if (words.length < 3) return name + " " + words[1] + "=" + e.a;
  return name + " " + words[1] + "=" + e.a + " " + words[2] + "=" + e.b;
}

/** An event's name as LOG's `ev=` writes it (eventText's first word). */
export function eventName(type: number): string {
  const text = eventText({ index: 0, at: 0, type: type, a: 0, b: 0, c: 0 });
  const space = text.indexOf(" ");
  return space < 0 ? text : text.substring(0, space);
}
