/**
 * A USB server on a tiny fake box, written in the portable subset so the same session runs from
 * the TypeScript sources, in the Espruino build and in the Lua build (./built.test.ts). Bytes
 * cross the JavaScript/Lua bridge as hex, which both bridges carry unchanged.
 */
import { fromHex, toHex } from "../../../../firmware/core/bytes";
import { portableHasher } from "../../../../firmware/core/hash/portable";
import { deriveUsbKey } from "../../../../firmware/core/usb/auth";
import { field } from "../../../../firmware/core/usb/protocol";
import { UsbServer } from "../../../../firmware/core/usb/server";
import { usbFail, usbOk, type UsbBoxServices, type UsbLogEntry } from "../../../../firmware/core/usb/services";

/** @noSelf */
export interface UsbSession {
  /** Feeds a chunk (hex) and returns what the box sent back (hex). */
  feedHex(chunkHex: string): string;
  setService(on: boolean): void;
  advanceMs(ms: number): void;
  /** What state-changing box methods ran, comma-separated. */
  calls(): string;
}

export function usbSession(): UsbSession {
  let secret = "";
  let service = false;
  let clock = -1;
  let pulse = 1500;
  let uptime = 0;
  let counter = 0;
  const calls: string[] = [];
  const log: UsbLogEntry[] = [];
  const out: string[] = [];
  const services: UsbBoxServices = {
    identify: () => ({ model: "parcelbox", firmware: "0.1.0", boxId: "box-1", runtime: "test", board: "sim" }),
    isProvisioned: () => secret !== "",
    inServiceMode: () => service,
    provision: (s, boxId, c, settings) => {
      calls.push("provision");
      secret = s;
      clock = c;
      for (let i = 0; i < settings.length; i++) if (settings[i].name === "unlockPulseMs") pulse = settings[i].value;
      log.push({ index: log.length, time: clock, event: "provisioned", fields: [] });
      return usbOk([field("box", boxId === "" ? "box-1" : boxId)]);
    },
    clockGet: () => ({ now: clock, backup: false, driftSeconds: -3, lastSet: clock }),
    clockSet: (t) => {
      calls.push("clockSet");
      clock = t;
      log.push({ index: log.length, time: clock, event: "clock-set", fields: [field("note", "set over usb")] });
      return usbOk([]);
    },
    status: () => ({ lock: "locked", lid: "closed", lockoutSeconds: 0, wrongAttempts: 2, alarm: "none", flashFree: 12345 }),
    logCount: () => log.length,
    logRead: (from, count) => log.filter((e) => e.index >= from).slice(0, count),
    revoke: () => {
      calls.push("revoke");
      return usbOk([]);
    },
    settingsGet: () => [{ name: "unlockPulseMs", value: pulse }],
    settingsSet: (name, value) => {
      calls.push("settingsSet");
      if (name !== "unlockPulseMs") return usbFail("E_RANGE", "unknown setting " + name);
      pulse = value;
      return usbOk([]);
    },
    lockTest: () => {
      calls.push("lockTest");
      return usbOk([field("coilMs", "200")]);
    },
    liftLockout: () => {
      calls.push("liftLockout");
      return usbOk([]);
    },
    factoryReset: () => {
      calls.push("factoryReset");
      secret = "";
      return usbOk([]);
    },
    usbKey: () => (secret === "" ? "" : deriveUsbKey(portableHasher, secret)),
  };
  const server = new UsbServer({
    services: services,
    hasher: portableHasher,
    randomBytes: (n) => {
      const bytes: string[] = [];
      for (let i = 0; i < n; i++) {
        counter = (counter * 75 + 74) % 65537;
        bytes.push(String.fromCharCode(counter & 255));
      }
      return bytes.join("");
    },
    uptimeMs: () => uptime,
    write: (text) => {
      out.push(text);
    },
  });
  return {
    feedHex: (chunkHex) => {
      const chunk = fromHex(chunkHex);
      if (chunk !== undefined) server.receive(chunk);
      const sent = out.join("");
      out.length = 0;
      return toHex(sent);
    },
    setService: (on) => {
      service = on;
    },
    advanceMs: (ms) => {
      uptime = uptime + ms;
    },
    calls: () => calls.join(","),
  };
}
