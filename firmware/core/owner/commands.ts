/**
 * The owner's operations, one branch per USB command (../usb/commands.ts declares each one; the
 * server runs a request only after its access and values passed). Each works on the box through
 * its port (../box-port.ts) and on the store through the box's memory, and never answers with a
 * value from the request: a mistyped line may hold the secret.
 *
 * One function with a branch per command, not a table of closures: each closure is JsVars on an
 * Espruino Pico and heap on NodeMCU for as long as USB is served.
 */
import { FIRMWARE_VERSION } from "../version";
import type { Board } from "../board";
import type { BoxPort } from "../box-port";
import type { SettingValue } from "../box-memory";
import { fromHex, toHex } from "../bytes";
import { codeIdText, codeUses, isAlignedWindow, limiterWait, LIMITER_POLICY, type CodeId } from "../codes/index";
import { MAX_COIL_MS, settingName, SETTING_COUNT, type SettingName } from "../settings";
import { MAX_BOX_TIME } from "../time";
import { argInt, argText, type UsbRequest } from "../usb/commands";
import { field, formatLine, Pb1, type UsbField } from "../usb/protocol";
import { BOX_LINE_END, type UsbRun } from "../usb/server";
import { LogEvent } from "../store/events";
import { eventFields, eventName } from "./log";

/**
 * The owner's side of every command but CHALLENGE (../usb/server.ts, UsbRun): the OK line's
 * fields, or "E_CODE message". LOG writes its DATA lines to the port one by one as it reads each
 * entry, so a page is never held in memory.
 */
export function ownerCommands(board: Board, box: BoxPort): UsbRun {
  const memory = box.memory;
  return (req: UsbRequest): UsbField[] | string => {
    const command = req.command;
    const t = box.now();
    const out: UsbField[] = [];
    /** What a refused change to flash failed to store; "" when nothing was refused. */
    let unstored = "";
    if (command === "HELLO") {
      out.push(field("proto", Pb1.Version));
      out.push(field("model", "parcelbox"));
      out.push(field("fw", FIRMWARE_VERSION));
      out.push(field("box", memory.boxId()));
      out.push(field("provisioned", memory.keys !== undefined ? "1" : "0"));
      out.push(field("runtime", board.runtime));
      out.push(field("board", board.profile));
      out.push(field("maxline", Pb1.MaxLineBytes.toString()));
    } else if (command === "PROVISION") {
      // Signed on a provisioned box (the only way in there): the owner replaces a secret that may
      // have leaked. Every code, the owner's TOTP and the USB key follow the new secret at once.
      const replaced = memory.keys !== undefined;
      const clock = argInt(req, "clock");
      const given = argText(req, "box");
      const id = given !== "" ? given : memory.boxId() !== "" ? memory.boxId() : "pb-" + toHex(board.system.randomBytes(3));
      // The settings: every key PROVISION does not declare itself (the server checked each).
      const settings: SettingValue[] = [];
      for (let i = 0; i < req.fields.length; i++) {
        const key = req.fields[i].key;
        if (key !== "secret" && key !== "clock" && key !== "box") settings.push({ name: key, value: argInt(req, key) });
      }
      // The secret, a fresh limiter and owner state, and the settings go to flash as one record,
      // all or nothing; only then is the clock set, so a refusal changes nothing.
      if (!memory.provision(fromHex(argText(req, "secret")) as string, id, clock, settings)) unstored = "the secret";
      else {
        box.setClock(clock);
        memory.log(clock, LogEvent.Provisioned, clock, replaced ? 1 : 0, 0);
        out.push(field("box", id));
      }
    } else if (command === "CLOCK SET") {
      const time = argInt(req, "time");
      if (!box.setClock(time)) return "E_STATE clock set, but the DS3231 did not take it: check its wiring; after a power cut the box reads the DS3231's old time again";
      out.push(field("time", time.toString()));
    } else if (command === "LOG") {
      const from = argInt(req, "from");
      const asked = argInt(req, "count");
      const total = memory.eventCount();
      let next = from > total ? from : total;
      // The page's entries are read at once (each read of a log segment is a copy of it on
      // NodeMCU), and each is written out as soon as its line is made: the lines are never held.
      const events = memory.readEvents(from, asked < Pb1.LogPageEvents ? asked : Pb1.LogPageEvents);
      let count = 0;
      for (; count < events.length; count++) {
        const e = events[count];
        board.usb.write(formatLine(req.id + " DATA", [field("i", e.index.toString()), field("t", e.at.toString()), field("ev", eventName(e.type))].concat(eventFields(e))) + BOX_LINE_END);
        next = e.index + 1;
      }
      out.push(field("count", count.toString()));
      out.push(field("next", next.toString()));
      out.push(field("total", total.toString()));
    } else if (command === "REVOKE") {
      const code: CodeId = { kind: argText(req, "kind") === "pickup" ? "pickup" : "delivery", start: argInt(req, "start"), hours: argInt(req, "hours"), slot: argInt(req, "slot") };
      // Only a code the owner's tool can make: a slot that exists, a window on this box's grid
      // that ends before box time runs out (docs/codes.md). Anything else is a typo.
      if (codeUses(code) === 0 || !isAlignedWindow(code.kind, code, memory.setting("zoneOffsetHours")) || code.start + code.hours > idiv(MAX_BOX_TIME, 3600)) {
        return "E_RANGE no such code: check kind, start, hours and slot (parcelbox codes lists them)";
      }
      if (!memory.revoke(codeIdText(code), code, t)) unstored = "the revocation";
      else out.push(field("code", codeIdText(code)));
    } else if (command === "SETTINGS GET") {
      for (let i = 0; i < SETTING_COUNT; i++) out.push(field(settingName(i), memory.setting(settingName(i) as SettingName).toString()));
    } else if (command === "SETTINGS SET") {
      // Its one field is the setting (the server checked there is exactly one).
      const key = req.fields[0].key;
      if (!memory.setSetting(key, argInt(req, key), t)) unstored = "the setting";
    } else if (command === "LOCKTEST") {
      const lid = board.lid.isOpen() ? "open" : "closed";
      if (!box.testLock()) return "E_STATE the lid is open: close it to test the lock";
      out.push(field("coilMs", Math.min(memory.setting("unlockPulseMs"), MAX_COIL_MS).toString()));
      out.push(field("lid", lid));
    } else if (command === "LIFT") {
      if (t < 0) return "E_STATE set the clock first (parcelbox clock --sync)";
      if (!memory.liftLockOut(t)) unstored = "the change";
    } else if (command === "RESET") {
      memory.factoryReset(t, false);
    } else if (command === "STATUS") {
      const state = box.lockState();
      const playing = box.signalPlaying();
      const limiter = memory.limiterAt(t);
      out.push(field("lock", state === "locked" ? "locked" : "unlocked"));
      out.push(field("lid", board.lid.isOpen() ? "open" : "closed"));
      out.push(field("lockout", (t < 0 ? 0 : limiterWait(limiter, LIMITER_POLICY, t)).toString()));
      out.push(field("wrong", (t < 0 ? 0 : limiter.streak).toString()));
      out.push(field("alarm", state === "forced" ? "forced" : playing === "lid-open-reminder" ? "lid-open" : "none"));
    }
    if (command === "STATUS" || command === "CLOCK GET") {
      const owner = memory.owner();
      out.push(field("time", t.toString()));
      out.push(field("set", t >= 0 ? "1" : "0"));
      out.push(field("backup", box.hasBackupClock() ? "1" : "0"));
      // No owner state yet is no drift learned (newOwnerState's drift).
      out.push(field("drift", (owner === undefined ? 0 : owner.drift * 30).toString()));
      out.push(field("lastset", memory.clockSetAt().toString()));
    }
    if (command === "STATUS") {
      const battery = box.power;
      out.push(field("flash", board.flash.free().toString()));
      out.push(field("log", memory.eventCount().toString()));
      out.push(field("battery", battery[0] < 0 ? "unknown" : battery[1] === 2 ? "critical" : battery[1] === 1 ? "low" : "ok"));
      out.push(field("batterymv", battery[0].toString()));
    }
    return unstored === "" ? out : "E_STATE the box could not store " + unstored + "; check free flash";
  };
}
