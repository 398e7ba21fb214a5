/**
 * The box's side of the USB protocol (docs/protocol.md): UsbBoxServices implemented on the box,
 * and the server that reads, checks and authenticates every line before calling them.
 */
import { toHex, type ByteString } from "./bytes";
import type { Box } from "./box";
import { FIRMWARE_VERSION } from "./api";
import type { Change } from "./store/state";
import { codeIdText, codeUses, isAlignedWindow, LIMITER_POLICY, limiterValues, limiterLift, newLimiter, ownerClockWasSet, SECRET_BYTES, type CodeId } from "./codes/index";
import { MAX_BOX_TIME } from "./time";
import { MAX_COIL_MS, settingProblem, SETTINGS } from "./settings";
import { eventFields, eventName } from "./box-log";
import { E_RANGE, E_STATE } from "./usb/protocol";
import { UsbServer } from "./usb/server";
import type { UsbField } from "./usb/protocol";
import { usbFail, usbOk, type UsbBoxServices, type UsbCodeId, type UsbLogEntry, type UsbSetting } from "./usb/services";

function field(key: string, value: string): UsbField {
  return { key: key, value: value };
}

export class BoxUsb {
  private readonly server: UsbServer;

  constructor(private readonly box: Box) {
    const board = box.board;
    this.server = new UsbServer({
      services: this.services(),
      hasher: board.hasher,
      randomBytes: (n) => board.system.randomBytes(n),
      uptimeMs: () => board.timers.uptimeMs(),
      write: (text) => board.usb.write(text),
    });
  }

  receive(chunk: string): void {
    this.server.receive(chunk);
  }

  event(kind: string, fields: UsbField[]): void {
    this.server.event(kind, fields);
  }

  private services(): UsbBoxServices {
    const box = this.box;
    const memory = box.memory;
    const now = (): number => box.clock.now();
    return {
      identify: () => ({ model: "parcelbox", firmware: FIRMWARE_VERSION, boxId: memory.boxId(), runtime: box.board.runtime, board: box.board.profile }),
      isProvisioned: () => memory.isProvisioned(),
      inServiceMode: () => box.inServiceMode(),
      provision: (secret: ByteString, boxId: string, clock: number, settings: UsbSetting[]) => {
        if (secret.length !== SECRET_BYTES) return usbFail(E_RANGE, "secret must be " + SECRET_BYTES + " bytes");
        for (let i = 0; i < settings.length; i++) {
          const problem = settingProblem(settings[i].name, settings[i].value);
          if (problem !== undefined) return usbFail(E_RANGE, problem);
        }
        const id = boxId !== "" ? boxId : memory.boxId() !== "" ? memory.boxId() : "pb-" + toHex(box.board.system.randomBytes(3));
        // The secret, a fresh limiter and owner state, and the settings go to flash as one record,
        // all or nothing; only then is the clock set, so a refusal changes nothing.
        const changes: Change[] = [
          { kind: "provision", secret: secret, boxId: id, at: clock },
          { kind: "limiter", values: limiterValues(newLimiter(LIMITER_POLICY, clock)) },
          { kind: "owner-totp", values: [] },
        ];
        for (let i = 0; i < settings.length; i++) changes.push({ kind: "setting", name: settings[i].name, value: settings[i].value });
        if (!memory.store.apply(changes)) return usbFail(E_STATE, "the box could not store the secret; check free flash");
        box.clock.set(clock, "provision");
        memory.logProvisioned(clock);
        box.reloadKeys();
        return usbOk([field("box", id)]);
      },
      clockGet: () => {
        const owner = box.owner();
        return { now: now(), backup: box.clock.hasBackup(), driftSeconds: owner.drift * 30, lastSet: -1 };
      },
      clockSet: (boxSeconds: number) => {
        const kept = box.clock.set(boxSeconds, "usb");
        // The learned owner-code offset belonged to the old setting (codes/owner.ts).
        memory.setOwner(ownerClockWasSet(box.owner()));
        if (!kept) return usbFail(E_STATE, "clock set, but the DS3231 did not take it: check its wiring; after a power cut the box reads the DS3231's old time again");
        return usbOk([field("time", boxSeconds.toString())]);
      },
      status: () => {
        const state = box.lock.state();
        const t = now();
        return {
          lock: state === "locked" ? "locked" : "unlocked",
          lid: box.board.lid.isOpen() ? "open" : "closed",
          lockoutSeconds: box.lockoutSeconds(),
          wrongAttempts: t < 0 ? 0 : box.limiter(t).streak,
          alarm: state === "forced" ? "forced" : box.player.current() === "lid-open-reminder" ? "lid-open" : "none",
          flashFree: box.board.flash.free(),
        };
      },
      logCount: () => memory.store.eventCount(),
      logRead: (from: number, count: number) => {
        const events = memory.store.readEvents(from, count);
        const out: UsbLogEntry[] = [];
        for (let i = 0; i < events.length; i++) {
          const e = events[i];
          out.push({ index: e.index, time: e.at, event: eventName(e.type), fields: eventFields(e) });
        }
        return out;
      },
      revoke: (id: UsbCodeId) => {
        const code: CodeId = { kind: id.kind, start: id.start, hours: id.hours, slot: id.slot };
        // Only a code the owner's tool can make: a slot that exists, a window on this box's grid
        // that ends before box time runs out (docs/codes.md). Anything else is a typo.
        const window = { start: code.start, hours: code.hours };
        if (codeUses(code) === 0 || !isAlignedWindow(code.kind, window, box.setting("zoneOffsetHours")) || code.start + code.hours > idiv(MAX_BOX_TIME, 3600)) {
          return usbFail(E_RANGE, "no such code: check kind, start, hours and slot (parcelbox codes lists them)");
        }
        if (!memory.revoke(codeIdText(code), code, now())) return usbFail(E_STATE, "the box could not store the revocation; check free flash");
        return usbOk([field("code", codeIdText(code))]);
      },
      settingsGet: () => {
        const values = box.settings();
        return SETTINGS.map((s) => ({ name: s.name, value: values[s.name] }));
      },
      settingsSet: (name: string, value: number) => {
        const problem = settingProblem(name, value);
        if (problem !== undefined) return usbFail(E_RANGE, problem);
        if (!memory.setSetting(name, value, now())) return usbFail(E_STATE, "the box could not store the setting; check free flash");
        return usbOk([]);
      },
      lockTest: () => {
        const lid = box.board.lid.isOpen() ? "open" : "closed";
        if (!box.unlock("test")) return usbFail(E_STATE, "the lid is open: close it to test the lock");
        // The test opens the box: the log records it like any other opening.
        memory.logOpen(now(), "test", undefined, -1, undefined);
        box.usb.event("open", [field("by", "test")]);
        return usbOk([field("coilMs", Math.min(box.setting("unlockPulseMs"), MAX_COIL_MS).toString()), field("lid", lid)]);
      },
      liftLockout: () => {
        const t = now();
        if (t < 0) return usbFail(E_STATE, "set the clock first (parcelbox clock --sync)");
        const before = box.limiter(t).lockedUntil;
        if (!memory.setLimiter(limiterLift(LIMITER_POLICY, t))) return usbFail(E_STATE, "the box could not store the change");
        memory.logLockOutLifted(t, before);
        return usbOk([]);
      },
      factoryReset: () => {
        memory.store.factoryReset();
        memory.logFactoryReset(now());
        box.reloadKeys();
        return usbOk([]);
      },
      usbKey: () => {
        const keys = box.keysOrUndefined();
        return keys === undefined ? "" : keys.usbKey;
      },
    };
  }
}
