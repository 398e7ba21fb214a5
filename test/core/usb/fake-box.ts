/** A fake box behind the USB server: records every call, keeps a little state, no hardware. */
import "../../../tools/lib/intrinsics-global.ts";
import { deriveUsbKey } from "../../../firmware/core/usb/auth.ts";
import { field } from "../../../firmware/core/usb/protocol.ts";
import { usbFail, usbOk, type UsbBoxServices, type UsbCodeId, type UsbLogEntry, type UsbSetting } from "../../../firmware/core/usb/services.ts";
import { UsbServer } from "../../../firmware/core/usb/server.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";

/** Methods that change the box; tests check none ran after refused lines. */
export const STATE_CHANGING = ["provision", "clockSet", "revoke", "settingsSet", "lockTest", "liftLockout", "factoryReset"];

export interface FakeBox {
  services: UsbBoxServices;
  calls: string[];
  state: { secret: string; boxId: string; service: boolean; clock: number; lastSet: number; wrong: number; alarm: string; settings: UsbSetting[]; revoked: UsbCodeId[]; log: UsbLogEntry[] };
}

export function fakeBox(): FakeBox {
  const calls: string[] = [];
  const state: FakeBox["state"] = {
    secret: "",
    boxId: "box-7f3a",
    service: false,
    clock: -1,
    lastSet: -1,
    wrong: 0,
    alarm: "none",
    settings: [{ name: "unlockPulseMs", value: 1500 }, { name: "buzzerEnabled", value: 1 }],
    revoked: [],
    log: [],
  };
  const logEvent = (event: string, fields: UsbLogEntry["fields"]): void => {
    state.log.push({ index: state.log.length, time: state.clock, event, fields });
  };
  const services: UsbBoxServices = {
    identify: () => ({ model: "parcelbox", firmware: "0.1.0", boxId: state.boxId, runtime: "node", board: "sim" }),
    isProvisioned: () => state.secret !== "",
    inServiceMode: () => state.service,
    provision: (secret, boxId, clock, settings) => {
      calls.push("provision");
      for (const s of settings) if (!state.settings.some((x) => x.name === s.name)) return usbFail("E_RANGE", "unknown setting " + s.name);
      state.secret = secret;
      if (boxId !== "") state.boxId = boxId;
      state.clock = clock;
      state.lastSet = clock;
      for (const s of settings) state.settings.find((x) => x.name === s.name)!.value = s.value;
      logEvent("provisioned", []);
      return usbOk([field("box", state.boxId)]);
    },
    clockGet: () => ({ now: state.clock, backup: true, driftSeconds: 0, lastSet: state.lastSet }),
    clockSet: (t) => {
      calls.push("clockSet");
      state.clock = t;
      state.lastSet = t;
      logEvent("clock-set", [field("to", String(t))]);
      return usbOk([]);
    },
    status: () => ({ lock: state.alarm === "forced" ? "unlocked" : "locked", lid: state.alarm === "forced" ? "open" : "closed", lockoutSeconds: 0, wrongAttempts: state.wrong, alarm: state.alarm, flashFree: 40000 }),
    logCount: () => state.log.length,
    logRead: (from, count) => state.log.filter((e) => e.index >= from).slice(0, count),
    revoke: (id) => {
      calls.push("revoke");
      state.revoked.push(id);
      logEvent("revoked", [field("kind", id.kind)]);
      return usbOk([]);
    },
    settingsGet: () => state.settings.map((s) => ({ ...s })),
    settingsSet: (name, value) => {
      calls.push("settingsSet");
      const s = state.settings.find((x) => x.name === name);
      if (!s) return usbFail("E_RANGE", "unknown setting " + name);
      s.value = value;
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
      state.secret = "";
      state.log = [];
      return usbOk([]);
    },
    usbKey: () => (state.secret === "" ? "" : deriveUsbKey(nodeHasher, state.secret)),
  };
  return { services, calls, state };
}

/** A server on a fake box with a controllable uptime and counting random bytes. */
export function serverOn(box: FakeBox): { server: UsbServer; out: string[]; clock: { ms: number } } {
  const out: string[] = [];
  const clock = { ms: 1000 };
  let counter = 0;
  const server = new UsbServer({
    services: box.services,
    hasher: nodeHasher,
    randomBytes: (n) => {
      counter++;
      let s = "";
      for (let i = 0; i < n; i++) s += String.fromCharCode((counter * 31 + i * 7) & 255);
      return s;
    },
    uptimeMs: () => clock.ms,
    write: (text) => {
      for (const line of text.split("\r\n")) if (line !== "") out.push(line);
    },
  });
  return { server, out, clock };
}
