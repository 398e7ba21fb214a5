/**
 * The owner's side of the box: the USB port (../usb/), provisioning, the clock, the log and the
 * rest of the owner's operations. It reaches the box only through the BoxPort an entry point hands
 * it (../box-port.ts), and the box never imports it, so it can be left out, or loaded only while
 * USB is connected, without the box noticing.
 *
 * The operations are one function with a branch per USB command (../usb/commands.ts declares each
 * one; the server runs a request only after its access and values passed), written inline where
 * the server is started: not a table of closures, nor a factory of one, since each function is
 * JsVars on an Espruino Pico and heap on NodeMCU for as long as USB is served. Each works on the
 * box through its port and on the store through the box's memory, and never answers with a value
 * from the request: a mistyped line may hold the secret.
 */
import type { Board } from "../board";
import type { BoxPort } from "../box-port";
import { BOX_LINE_END, serveUsb } from "../usb/server";
import { FIRMWARE_VERSION } from "../version";
import { fromHex, toHex } from "../bytes";
import { codeIdText, codeUses, isAlignedWindow, limiterWait, LIMITER_POLICY, Limiter, Owner as OwnerField, type CodeId } from "../codes/index";
import { MAX_COIL_MS, settingName, Setting, SETTING_COUNT } from "../settings";
import { Signal } from "../signals";
import { Lock } from "../lock";
import { argText, type UsbRequest } from "../usb/commands";
import { parseInteger, Proto } from "../usb/protocol";
import { EventField, LogEvent } from "../store/events";

/** The last whole box hour, idiv(MAX_BOX_TIME, 3600), written out so the box does not divide for it (test/core/usb/server.test.ts holds the two equal). */
export const enum Owner {
  MaxBoxHour = 596523,
}

/** Starts serving the USB port for the box: reads every chunk, answers, and forwards the box's news as `* EVENT` lines. */
export function startOwnerSide(board: Board, box: BoxPort): void {
  const memory = box.memory;
  // The owner's side of every command but CHALLENGE (../usb/server.ts, UsbRun): the OK line's
  // fields as " key=value"..., or "E_CODE reason" (docs/protocol.md, "Refusals"). Every value it
  // writes is a number or one of the box's own words or names (a box id is letters, digits, ".",
  // "_", "-"), so none needs formatLine's escapes. LOG writes its DATA lines to the port one by
  // one as it reads each entry, so a page is never held in memory.
  const receive = serveUsb(board, memory, (req: UsbRequest): string => {
    const command = req.command;
    const t = box.now();
    let out = "";
    /** LOCKTEST's and STATUS's lid field, read before the command runs. */
    const lid = " lid=" + (board.lid.isOpen() ? "open" : "closed");
    /** Whether a change to flash was refused. */
    let unstored = false;
    if (command === "HELLO") {
      out = " proto=" + Proto.Version + " model=parcelbox fw=" + FIRMWARE_VERSION + " box=" + memory.boxId() + " provisioned=" + (memory.keys !== undefined ? 1 : 0) + " runtime=" + board.runtime + " board=" + board.profile + " maxline=" + Proto.MaxLineBytes;
    } else if (command === "PROVISION") {
      // Signed on a provisioned box (the only way in there): the owner replaces a secret that may
      // have leaked. Every code, the owner's TOTP and the USB key follow the new secret at once.
      const replaced = memory.keys !== undefined;
      const clock = parseInteger(argText(req, "clock")) as number;
      const given = argText(req, "box");
      const id = given !== "" ? given : memory.boxId() !== "" ? memory.boxId() : "pb-" + toHex(board.system.randomBytes(3));
      // The secret, a fresh limiter and owner state, and the settings (every key PROVISION does not
      // declare itself, as the parser read them) go to flash as one record, all or nothing; only
      // then is the clock set, so a refusal changes nothing.
      unstored = !memory.provision(fromHex(argText(req, "secret")) as string, id, clock, req.settings);
      if (!unstored) {
        box.setClock(clock);
        memory.log(clock, LogEvent.Provisioned, clock, replaced ? 1 : 0, 0);
        out = " box=" + id;
      }
    } else if (command === "CLOCK SET") {
      const time = parseInteger(argText(req, "time")) as number;
      // Set, but a fitted DS3231 did not read it back: the time is lost at the next power cut.
      if (!box.setClock(time)) return "E_STATE rtc";
      out = " time=" + time;
    } else if (command === "LOG") {
      const from = parseInteger(argText(req, "from")) as number;
      const asked = parseInteger(argText(req, "count")) as number;
      const total = memory.eventCount();
      let next = from > total ? from : total;
      // The page's entries are read at once (each read of a log segment is a copy of it on
      // NodeMCU), and each is written out as soon as its line is made: the lines are never held.
      // Six integers an event (EventField), written as they are: the owner's side names them
      // (../host/log.ts, docs/protocol.md "LOG").
      const events = memory.readEvents(from, asked < Proto.LogPageEvents ? asked : Proto.LogPageEvents);
      for (let k = 0; k < events.length; k += EventField.Size) {
        board.usb.write(req.id + " DATA i=" + events[k] + " t=" + events[k + EventField.At] + " e=" + events[k + EventField.Type] + " a=" + events[k + EventField.A] + " b=" + events[k + EventField.B] + " c=" + events[k + EventField.C] + BOX_LINE_END);
        next = events[k] + 1;
      }
      out = " count=" + idiv(events.length, EventField.Size) + " next=" + next + " total=" + total;
    } else if (command === "REVOKE") {
      const code: CodeId = { kind: argText(req, "kind") === "pickup" ? "pickup" : "delivery", start: parseInteger(argText(req, "start")) as number, hours: parseInteger(argText(req, "hours")) as number, slot: parseInteger(argText(req, "slot")) as number };
      // Only a code the owner's tool can make: a slot that exists, a window on this box's grid
      // that ends before box time runs out (docs/codes.md). Anything else is a typo.
      if (codeUses(code) === 0 || !isAlignedWindow(code.kind, code, memory.setting(Setting.ZoneOffsetHours)) || code.start + code.hours > Owner.MaxBoxHour) return "E_RANGE code";
      unstored = !memory.revoke(codeIdText(code), code, t);
      out = " code=" + codeIdText(code);
    } else if (command === "SETTINGS GET") {
      for (let i = 0; i < SETTING_COUNT; i++) out += " " + settingName(i) + "=" + memory.setting(i);
    } else if (command === "SETTINGS SET") {
      // Its one field is the setting (the parser checked there is exactly one).
      const setting = req.settings[0];
      unstored = !memory.setSetting(setting.name, setting.value, t);
    } else if (command === "LOCKTEST") {
      if (!box.testLock()) return "E_STATE lid";
      out = " coilMs=" + Math.min(memory.setting(Setting.UnlockPulseMs), MAX_COIL_MS) + lid;
    } else if (command === "LIFT") {
      if (t < 0) return "E_STATE clock";
      unstored = !memory.liftLockOut(t);
    } else if (command === "RESET") {
      memory.factoryReset(t, false);
    } else if (command === "STATUS") {
      const state = box.lockState();
      const limiter = memory.limiterAt(t);
      const playing = box.signalPlaying();
      out = " lock=" + (state === Lock.Locked ? "locked" : "unlocked") + lid + " lockout=" + (t < 0 ? 0 : limiterWait(limiter, LIMITER_POLICY, t)) + " wrong=" + (t < 0 ? 0 : limiter[Limiter.Streak]) + " alarm=" + (state === Lock.Forced ? "forced" : playing === Signal.LidOpenReminder ? "lid-open" : "none");
    }
    if (command === "STATUS" || command === "CLOCK GET") {
      const owner = memory.owner();
      // No owner state yet is no drift learned (newOwnerState's drift).
      out += " time=" + t + " set=" + (t >= 0 ? 1 : 0) + " backup=" + (box.hasBackupClock() ? 1 : 0) + " drift=" + (owner === undefined ? 0 : owner[OwnerField.Drift] * 30) + " lastset=" + memory.clockSetAt();
    }
    if (command === "STATUS") {
      const battery = box.power;
      out += " flash=" + board.flash.free() + " log=" + memory.eventCount() + " battery=" + (battery[0] < 0 ? "unknown" : battery[1] === 2 ? "critical" : battery[1] === 1 ? "low" : "ok") + " batterymv=" + battery[0];
    }
    return unstored ? "E_STATE flash" : out;
  });
  board.usb.onData((chunk) => {
    box.awake();
    receive(chunk);
  });
  // The box's news goes out as `* EVENT` lines; it carries numbers and its own words only, so no value needs a `%` escape.
  box.onNews((kind, fields) => {
    let line = Proto.EventId + " EVENT " + kind;
    for (let i = 0; i < fields.length; i++) line += " " + fields[i].key + "=" + fields[i].value;
    board.usb.write(line + BOX_LINE_END);
  });
}
