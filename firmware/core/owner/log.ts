/**
 * The audit log in words: each stored event (integers, docs/storage.md) as the name and
 * key=value fields the USB LOG command and the owner's tool show. Names are docs/storage.md's
 * "name" column (test/core/store/storage-doc.test.ts holds the two together).
 */
import { codeIdText } from "../codes/code";
import { SETTINGS } from "../settings";
import type { AuditEvent } from "../store/audit-log";
import { detailHours, detailSlot, detailUsesLeft, LogEvent, Opener } from "../store/events";
import type { UsbField } from "../usb/protocol";

/** Each event type's name, at its code (index 0 is no event). */
export const LOG_EVENT_NAMES = [
  "",
  "power-up",
  "open",
  "wrong-code",
  "lockout",
  "lid-opened",
  "lid-closed",
  "lid-left-open",
  "lid-forced",
  "not-opened",
  "clock-set",
  "clock-moved-up",
  "provisioned",
  "revoked",
  "setting",
  "factory-reset",
  "lockout-lifted",
  "clock-backup-behind",
  "key-stuck",
  "battery",
] as const;

/** An event's name as LOG's `ev=` writes it: the compiler refuses any other. */
export type LogEventName = Exclude<(typeof LOG_EVENT_NAMES)[number], "">;

export function eventName(type: number): string {
  const name = type > 0 && type < LOG_EVENT_NAMES.length ? LOG_EVENT_NAMES[type] : undefined;
  return name === undefined ? "event-" + type.toString() : name;
}

function f(key: string, value: number | string): UsbField {
  return { key: key, value: typeof value === "number" ? value.toString() : value };
}

function openerName(c: number): string {
  if (c === Opener.DeliveryCode) return "delivery";
  if (c === Opener.PickupCode) return "pickup";
  if (c === Opener.OwnerCode) return "owner";
  if (c === Opener.HomeInput) return "home";
  return "lock-test";
}

/** The code id (docs/codes.md form) an open or revoke event names. */
function codeId(e: AuditEvent): string {
  return codeIdText({ kind: e.c === Opener.PickupCode ? "pickup" : "delivery", start: e.a, hours: detailHours(e.b), slot: detailSlot(e.b) });
}

export function eventFields(e: AuditEvent): UsbField[] {
  switch (e.type) {
    case LogEvent.PowerUp:
      return [f("clock", e.a === 1 ? "known" : "unknown")];
    case LogEvent.Open: {
      const by = openerName(e.c);
      if (by === "delivery" || by === "pickup") return [f("by", by), f("code", codeId(e)), f("usesLeft", detailUsesLeft(e.b))];
      if (by === "owner") return [f("by", by), f("step", e.a), f("drift", e.b)];
      return [f("by", by)];
    }
    case LogEvent.WrongCode:
      return [f("streak", e.a), f("digits", e.b)];
    case LogEvent.LockOut:
      return [f("until", e.a), f("streak", e.b)];
    case LogEvent.LidLeftOpen:
      return [f("seconds", e.a)];
    case LogEvent.ClockSet:
      return [f("from", e.a), f("to", e.b)];
    case LogEvent.ClockCheckpointJump:
    case LogEvent.ClockBackupBehind:
      return [f("found", e.a), f("checkpoint", e.b)];
    case LogEvent.Provisioned:
      return [f("at", e.a), f("replaced", e.b)];
    case LogEvent.Revoked:
      return [f("code", codeId(e))];
    case LogEvent.SettingChanged: {
      const spec = SETTINGS[e.a];
      return [f("name", spec === undefined ? "setting-" + e.a.toString() : spec.name), f("value", e.b)];
    }
    case LogEvent.LockOutLifted:
      return [f("until", e.a)];
    case LogEvent.FactoryReset:
      return [f("by", e.a === 1 ? "button" : "usb")];
    case LogEvent.KeyStuck:
      return [f("key", String.fromCharCode(e.a))];
    case LogEvent.Battery:
      return [f("level", e.a === 2 ? "critical" : "low"), f("mv", e.b)];
    default:
      return [];
  }
}
