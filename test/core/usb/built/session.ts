/**
 * A USB server on a tiny fake box, written in the portable subset so the same session runs from
 * the TypeScript sources, in the Espruino build and in the Lua build (./built.test.ts). Bytes
 * cross the JavaScript/Lua bridge as hex, which both bridges carry unchanged.
 */
import { fromHex, toHex } from "../../../../firmware/core/bytes";
import { deriveUsbKey } from "../../../../firmware/core/codes/keys";
import { portableHasher } from "../../../../firmware/core/hash/portable";
import { argBytes, argInt, argSettings, argText, type UsbRequest } from "../../../../firmware/core/usb/commands";
import { field, type UsbField } from "../../../../firmware/core/usb/protocol";
import { answerOk, refusal, UsbServer, type UsbAnswer, type UsbHandlers } from "../../../../firmware/core/usb/server";

/** @noSelf */
export interface UsbSession {
  /** Feeds a chunk (hex) and returns what the box sent back (hex). */
  feedHex(chunkHex: string): string;
  advanceMs(ms: number): void;
  /** What state-changing handlers ran, comma-separated. */
  calls(): string;
}

interface LogEntry {
  index: number;
  time: number;
  event: string;
  fields: UsbField[];
}

export function usbSession(): UsbSession {
  let secret = "";
  let clock = -1;
  let pulse = 1500;
  let uptime = 0;
  let counter = 0;
  const calls: string[] = [];
  const log: LogEntry[] = [];
  const out: string[] = [];
  const changed = (name: string, answer: UsbAnswer): UsbAnswer => {
    calls.push(name);
    return answer;
  };
  const clockFields = (): UsbField[] => [field("time", clock.toString()), field("set", clock >= 0 ? "1" : "0"), field("backup", "0"), field("drift", "-3"), field("lastset", clock.toString())];
  const handlers: UsbHandlers = {
    HELLO: () => answerOk([field("proto", "PB1"), field("box", "box-1"), field("provisioned", secret !== "" ? "1" : "0")]),
    "CLOCK GET": () => answerOk(clockFields()),
    PROVISION: (req: UsbRequest) => {
      secret = argBytes(req, "secret");
      clock = argInt(req, "clock");
      const settings = argSettings(req);
      for (let i = 0; i < settings.length; i++) if (settings[i].key === "unlockPulseMs") pulse = argInt(req, "unlockPulseMs");
      log.push({ index: log.length, time: clock, event: "provisioned", fields: [] });
      const box = argText(req, "box");
      return changed("provision", answerOk([field("box", box === "" ? "box-1" : box)]));
    },
    "CLOCK SET": (req: UsbRequest) => {
      clock = argInt(req, "time");
      log.push({ index: log.length, time: clock, event: "clock-set", fields: [field("note", "set over usb")] });
      return changed("clockSet", answerOk([]));
    },
    STATUS: () => answerOk([field("lock", "locked"), field("wrong", "2")].concat(clockFields(), [field("flash", "12345"), field("log", log.length.toString())])),
    LOG: (req: UsbRequest) => {
      const from = argInt(req, "from");
      const count = argInt(req, "count");
      const data: UsbField[][] = [];
      for (let i = 0; i < log.length && data.length < count; i++) {
        const e = log[i];
        if (e.index >= from) data.push([field("i", e.index.toString()), field("t", e.time.toString()), field("ev", e.event)].concat(e.fields));
      }
      const answer = answerOk([field("count", data.length.toString()), field("total", log.length.toString())]);
      answer.data = data;
      return answer;
    },
    REVOKE: () => changed("revoke", answerOk([])),
    "SETTINGS GET": () => answerOk([field("unlockPulseMs", pulse.toString())]),
    "SETTINGS SET": (req: UsbRequest) => {
      const setting = argSettings(req)[0];
      if (setting.key !== "unlockPulseMs") return changed("settingsSet", refusal("E_STATE", "this fake keeps unlockPulseMs only"));
      pulse = argInt(req, "unlockPulseMs");
      return changed("settingsSet", answerOk([]));
    },
    LOCKTEST: () => changed("lockTest", answerOk([field("coilMs", "200")])),
    LIFT: () => changed("liftLockout", answerOk([])),
    RESET: () => {
      secret = "";
      return changed("factoryReset", answerOk([]));
    },
  };
  const server = new UsbServer({
    handlers: handlers,
    isProvisioned: () => secret !== "",
    usbKey: () => (secret === "" ? "" : deriveUsbKey(portableHasher, secret)),
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
    advanceMs: (ms) => {
      uptime = uptime + ms;
    },
    calls: () => calls.join(","),
  };
}
