/**
 * The audit log in words: each stored event (integers, docs/storage.md) as the name and
 * key=value fields the USB LOG command and the owner's tool show.
 */
import {
  detailHours,
  detailSlot,
  detailUsesLeft,
  EVENT_CLOCK_BACKUP_BEHIND,
  EVENT_CLOCK_CHECKPOINT_JUMP,
  EVENT_CLOCK_SET,
  EVENT_FACTORY_RESET,
  EVENT_LID_CLOSED,
  EVENT_LID_FORCED,
  EVENT_LID_LEFT_OPEN,
  EVENT_LID_OPENED,
  EVENT_LOCK_OUT,
  EVENT_LOCK_OUT_LIFTED,
  EVENT_NOT_OPENED_RELOCK,
  EVENT_OPEN,
  EVENT_POWER_UP,
  EVENT_PROVISIONED,
  EVENT_REVOKED,
  EVENT_SETTING_CHANGED,
  EVENT_WRONG_CODE,
  OPEN_BY_DELIVERY_CODE,
  OPEN_BY_HOME_INPUT,
  OPEN_BY_LOCK_TEST,
  OPEN_BY_OWNER_CODE,
  OPEN_BY_PICKUP_CODE,
} from "./store/events";
import type { AuditEvent } from "./store/audit-log";
import { SETTINGS } from "./settings";
import type { UsbField } from "./usb/protocol";

const NAMES: string[] = [];
NAMES[EVENT_POWER_UP] = "power-up";
NAMES[EVENT_OPEN] = "open";
NAMES[EVENT_WRONG_CODE] = "wrong-code";
NAMES[EVENT_LOCK_OUT] = "lockout";
NAMES[EVENT_LID_OPENED] = "lid-opened";
NAMES[EVENT_LID_CLOSED] = "lid-closed";
NAMES[EVENT_LID_LEFT_OPEN] = "lid-left-open";
NAMES[EVENT_LID_FORCED] = "lid-forced";
NAMES[EVENT_NOT_OPENED_RELOCK] = "not-opened";
NAMES[EVENT_CLOCK_SET] = "clock-set";
NAMES[EVENT_CLOCK_CHECKPOINT_JUMP] = "clock-moved-up";
NAMES[EVENT_CLOCK_BACKUP_BEHIND] = "clock-backup-behind";
NAMES[EVENT_PROVISIONED] = "provisioned";
NAMES[EVENT_REVOKED] = "revoked";
NAMES[EVENT_SETTING_CHANGED] = "setting";
NAMES[EVENT_FACTORY_RESET] = "factory-reset";
NAMES[EVENT_LOCK_OUT_LIFTED] = "lockout-lifted";

export function eventName(type: number): string {
  const name = NAMES[type];
  return name === undefined ? "event-" + type.toString() : name;
}

function f(key: string, value: number | string): UsbField {
  return { key: key, value: typeof value === "number" ? value.toString() : value };
}

function openerName(c: number): string {
  if (c === OPEN_BY_DELIVERY_CODE) return "delivery";
  if (c === OPEN_BY_PICKUP_CODE) return "pickup";
  if (c === OPEN_BY_OWNER_CODE) return "owner";
  if (c === OPEN_BY_HOME_INPUT) return "home";
  if (c === OPEN_BY_LOCK_TEST) return "lock-test";
  return "service";
}

/** The code id (docs/codes.md form) an open or revoke event names. */
function codeId(e: AuditEvent): string {
  const kind = e.c === OPEN_BY_PICKUP_CODE ? "P" : "D";
  return kind + "-" + e.a.toString() + "-" + detailHours(e.b).toString() + "-" + detailSlot(e.b).toString();
}

export function eventFields(e: AuditEvent): UsbField[] {
  switch (e.type) {
    case EVENT_POWER_UP:
      return [f("clock", e.a === 1 ? "known" : "unknown")];
    case EVENT_OPEN: {
      const by = openerName(e.c);
      if (by === "delivery" || by === "pickup") return [f("by", by), f("code", codeId(e)), f("usesLeft", detailUsesLeft(e.b))];
      if (by === "owner") return [f("by", by), f("step", e.a), f("drift", e.b)];
      return [f("by", by)];
    }
    case EVENT_WRONG_CODE:
      return [f("streak", e.a), f("digits", e.b)];
    case EVENT_LOCK_OUT:
      return [f("until", e.a), f("streak", e.b)];
    case EVENT_LID_LEFT_OPEN:
      return [f("seconds", e.a)];
    case EVENT_CLOCK_SET:
      return [f("from", e.a), f("to", e.b)];
    case EVENT_CLOCK_CHECKPOINT_JUMP:
      return [f("found", e.a), f("checkpoint", e.b)];
    case EVENT_CLOCK_BACKUP_BEHIND:
      return [f("found", e.a), f("checkpoint", e.b)];
    case EVENT_PROVISIONED:
      return [f("at", e.a)];
    case EVENT_REVOKED:
      return [f("code", codeId(e))];
    case EVENT_SETTING_CHANGED: {
      const spec = SETTINGS[e.a];
      return [f("name", spec === undefined ? "setting-" + e.a.toString() : spec.name), f("value", e.b)];
    }
    case EVENT_LOCK_OUT_LIFTED:
      return [f("until", e.a)];
    default:
      return [];
  }
}
