/**
 * The owner's operations, one handler per USB command (../usb/commands.ts declares each one;
 * the server runs a handler only after the request's access and values passed). Each works on
 * the box through its port (../box-port.ts) and on the store through the box's memory, and
 * never answers with a value from the request: a mistyped line may hold the secret.
 */
import { FIRMWARE_VERSION } from "../version";
import type { Board } from "../board";
import type { BoxPort } from "../box-port";
import { toHex } from "../bytes";
import { codeIdText, codeUses, isAlignedWindow, limiterWait, LIMITER_POLICY, newOwnerState, type CodeId } from "../codes/index";
import { MAX_COIL_MS, SETTINGS } from "../settings";
import { MAX_BOX_TIME } from "../time";
import { argBytes, argInt, argSettings, argText, type UsbRequest } from "../usb/commands";
import { field, LOG_PAGE_EVENTS, MAX_LINE_BYTES, PROTOCOL_VERSION, type UsbField } from "../usb/protocol";
import { answerOk, refusal, type UsbAnswer, type UsbHandlers } from "../usb/server";
import { LogEvent } from "../store/events";
import { eventFields, eventName } from "./log";

function flag(value: boolean): string {
  return value ? "1" : "0";
}

function num(value: number): string {
  return value.toString();
}

export function ownerCommands(board: Board, box: BoxPort): UsbHandlers {
  const memory = box.memory;

  const clockFields = (): UsbField[] => {
    const owner = memory.owner();
    const now = box.now();
    return [
      field("time", num(now)),
      field("set", flag(now >= 0)),
      field("backup", flag(box.hasBackupClock())),
      field("drift", num((owner === undefined ? newOwnerState() : owner).drift * 30)),
      field("lastset", num(memory.clockSetAt())),
    ];
  };

  const stored = (ok: boolean, fields: UsbField[], what: string): UsbAnswer =>
    ok ? answerOk(fields) : refusal("E_STATE", "the box could not store " + what + "; check free flash");

  return {
    HELLO: () =>
      answerOk([
        field("proto", PROTOCOL_VERSION),
        field("model", "parcelbox"),
        field("fw", FIRMWARE_VERSION),
        field("box", memory.boxId()),
        field("provisioned", flag(memory.keys !== undefined)),
        field("runtime", board.runtime),
        field("board", board.profile),
        field("maxline", num(MAX_LINE_BYTES)),
      ]),

    "CLOCK GET": () => answerOk(clockFields()),

    PROVISION: (req: UsbRequest) => {
      // Signed on a provisioned box (the only way in there): the owner replaces a secret that may
      // have leaked. Every code, the owner's TOTP and the USB key follow the new secret at once.
      const replaced = memory.keys !== undefined;
      const clock = argInt(req, "clock");
      const given = argText(req, "box");
      const id = given !== "" ? given : memory.boxId() !== "" ? memory.boxId() : "pb-" + toHex(board.system.randomBytes(3));
      // The secret, a fresh limiter and owner state, and the settings go to flash as one record,
      // all or nothing; only then is the clock set, so a refusal changes nothing.
      if (!memory.provision(argBytes(req, "secret"), id, clock, argSettings(req).map((s) => ({ name: s.key, value: argInt(req, s.key) })))) {
        return refusal("E_STATE", "the box could not store the secret; check free flash");
      }
      box.setClock(clock);
      memory.log(clock, LogEvent.Provisioned, clock, replaced ? 1 : 0, 0);
      return answerOk([field("box", id)]);
    },

    "CLOCK SET": (req: UsbRequest) => {
      const time = argInt(req, "time");
      if (!box.setClock(time)) {
        return refusal("E_STATE", "clock set, but the DS3231 did not take it: check its wiring; after a power cut the box reads the DS3231's old time again");
      }
      return answerOk([field("time", num(time))]);
    },

    STATUS: () => {
      const state = box.lockState();
      const playing = box.signalPlaying();
      const t = box.now();
      const limiter = memory.limiterAt(t);
      const fields = [
        field("lock", state === "locked" ? "locked" : "unlocked"),
        field("lid", board.lid.isOpen() ? "open" : "closed"),
        field("lockout", num(t < 0 ? 0 : limiterWait(limiter, LIMITER_POLICY, t))),
        field("wrong", num(t < 0 ? 0 : limiter.streak)),
        field("alarm", state === "forced" ? "forced" : playing === "lid-open-reminder" ? "lid-open" : "none"),
      ].concat(clockFields());
      fields.push(field("flash", num(board.flash.free())));
      fields.push(field("log", num(memory.eventCount())));
      const battery = box.power;
      fields.push(field("battery", battery[0] < 0 ? "unknown" : ["ok", "low", "critical"][battery[1]]));
      fields.push(field("batterymv", num(battery[0])));
      return answerOk(fields);
    },

    LOG: (req: UsbRequest) => {
      const from = argInt(req, "from");
      const asked = argInt(req, "count");
      const count = asked < LOG_PAGE_EVENTS ? asked : LOG_PAGE_EVENTS;
      const total = memory.eventCount();
      const events = memory.readEvents(from, count);
      const data: UsbField[][] = [];
      let next = from > total ? from : total;
      for (let i = 0; i < events.length && i < count; i++) {
        const e = events[i];
        data.push([field("i", num(e.index)), field("t", num(e.at)), field("ev", eventName(e.type))].concat(eventFields(e)));
        next = e.index + 1;
      }
      const answer = answerOk([field("count", num(data.length)), field("next", num(next)), field("total", num(total))]);
      answer.data = data;
      return answer;
    },

    REVOKE: (req: UsbRequest) => {
      const code: CodeId = { kind: argText(req, "kind") === "pickup" ? "pickup" : "delivery", start: argInt(req, "start"), hours: argInt(req, "hours"), slot: argInt(req, "slot") };
      // Only a code the owner's tool can make: a slot that exists, a window on this box's grid
      // that ends before box time runs out (docs/codes.md). Anything else is a typo.
      const window = { start: code.start, hours: code.hours };
      if (codeUses(code) === 0 || !isAlignedWindow(code.kind, window, memory.setting("zoneOffsetHours")) || code.start + code.hours > idiv(MAX_BOX_TIME, 3600)) {
        return refusal("E_RANGE", "no such code: check kind, start, hours and slot (parcelbox codes lists them)");
      }
      return stored(memory.revoke(codeIdText(code), code, box.now()), [field("code", codeIdText(code))], "the revocation");
    },

    "SETTINGS GET": () => answerOk(SETTINGS.map((s) => field(s.name, num(memory.setting(s.name))))),

    "SETTINGS SET": (req: UsbRequest) => {
      const setting = argSettings(req)[0];
      return stored(memory.setSetting(setting.key, argInt(req, setting.key), box.now()), [], "the setting");
    },

    LOCKTEST: () => {
      const lid = board.lid.isOpen() ? "open" : "closed";
      if (!box.testLock()) return refusal("E_STATE", "the lid is open: close it to test the lock");
      return answerOk([field("coilMs", num(Math.min(memory.setting("unlockPulseMs"), MAX_COIL_MS))), field("lid", lid)]);
    },

    LIFT: () => {
      const t = box.now();
      if (t < 0) return refusal("E_STATE", "set the clock first (parcelbox clock --sync)");
      return stored(memory.liftLockOut(t), [], "the change");
    },

    RESET: () => {
      memory.factoryReset(box.now(), false);
      return answerOk([]);
    },
  };
}
