/**
 * A USB server on a tiny fake box, written in the portable subset so the same session runs from
 * the TypeScript sources, in the Espruino build and in the Lua build (./built.test.ts). Bytes
 * cross the JavaScript/Lua bridge as hex, which both bridges carry unchanged.
 */
import { fromHex, toHex } from "../../../../firmware/core/bytes";
import { deriveUsbKey } from "../../../../firmware/core/codes/keys";
import { portableHasher } from "../../../../firmware/core/hash/portable";
import { argText, type UsbRequest } from "../../../../firmware/core/usb/commands";
import { field, formatLine } from "../../../../firmware/core/host/protocol";
import { parseInteger, type UsbField } from "../../../../firmware/core/usb/protocol";
import { BOX_LINE_END, serveUsb, type UsbKeys } from "../../../../firmware/core/usb/server";

/** A checked integer argument; -1 when the request does not carry it. */
function argInt(req: UsbRequest, key: string): number {
  const value = parseInteger(argText(req, key));
  return value === undefined ? -1 : value;
}

/** One command on the fake box: the OK line's fields, or "E_CODE message". */
type Handler = (req: UsbRequest) => UsbField[] | string;

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
  const memory: { keys: { usbKey: string } | undefined } = { keys: undefined };
  const changed = (name: string, answer: UsbField[] | string): UsbField[] | string => {
    calls.push(name);
    return answer;
  };
  const clockFields = (): UsbField[] => [field("time", clock.toString()), field("set", clock >= 0 ? "1" : "0"), field("backup", "0"), field("drift", "-3"), field("lastset", clock.toString())];
  const handlers: Record<string, Handler> = {
    HELLO: () => [field("proto", "PB1"), field("box", "box-1"), field("provisioned", secret !== "" ? "1" : "0")],
    "CLOCK GET": () => clockFields(),
    PROVISION: (req: UsbRequest) => {
      secret = fromHex(argText(req, "secret")) as string;
      memory.keys = { usbKey: deriveUsbKey(portableHasher, secret) };
      clock = argInt(req, "clock");
      if (argText(req, "unlockPulseMs") !== "") pulse = argInt(req, "unlockPulseMs");
      log.push({ index: log.length, time: clock, event: "provisioned", fields: [] });
      const box = argText(req, "box");
      return changed("provision", [field("box", box === "" ? "box-1" : box)]);
    },
    "CLOCK SET": (req: UsbRequest) => {
      clock = argInt(req, "time");
      log.push({ index: log.length, time: clock, event: "clock-set", fields: [field("note", "set over usb")] });
      return changed("clockSet", []);
    },
    STATUS: () => [field("lock", "locked"), field("wrong", "2")].concat(clockFields(), [field("flash", "12345"), field("log", log.length.toString())]),
    LOG: (req: UsbRequest) => {
      const from = argInt(req, "from");
      const count = argInt(req, "count");
      let sent = 0;
      for (let i = 0; i < log.length && sent < count; i++) {
        const e = log[i];
        if (e.index < from) continue;
        out.push(formatLine(req.id + " DATA", [field("i", e.index.toString()), field("t", e.time.toString()), field("ev", e.event)].concat(e.fields)) + BOX_LINE_END);
        sent++;
      }
      return [field("count", sent.toString()), field("total", log.length.toString())];
    },
    REVOKE: () => changed("revoke", []),
    "SETTINGS GET": () => [field("unlockPulseMs", pulse.toString())],
    "SETTINGS SET": (req: UsbRequest) => {
      if (req.args.indexOf(" unlockPulseMs=") !== 0) return changed("settingsSet", "E_STATE this fake keeps unlockPulseMs only");
      pulse = argInt(req, "unlockPulseMs");
      return changed("settingsSet", []);
    },
    LOCKTEST: () => changed("lockTest", [field("coilMs", "200")]),
    LIFT: () => changed("liftLockout", []),
    RESET: () => {
      secret = "";
      memory.keys = undefined;
      return changed("factoryReset", []);
    },
  };
  const keys: UsbKeys = memory;
  const board = {
    hasher: portableHasher,
    system: {
      randomBytes: (n: number): string => {
        const bytes: string[] = [];
        for (let i = 0; i < n; i++) {
          counter = (counter * 75 + 74) % 65537;
          bytes.push(String.fromCharCode(counter & 255));
        }
        return bytes.join("");
      },
    },
    timers: { uptimeMs: (): number => uptime },
    usb: {
      write: (text: string): void => {
        out.push(text);
      },
    },
  };
  // The server takes the OK line's fields as formatLine writes them after its head.
  const receive = serveUsb(board, keys, (req) => {
    const a = handlers[req.command](req);
    return typeof a === "string" ? a : formatLine("", a);
  });
  return {
    feedHex: (chunkHex) => {
      const chunk = fromHex(chunkHex);
      if (chunk !== undefined) receive(chunk);
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
