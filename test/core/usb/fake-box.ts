/**
 * A fake box behind the USB server: records every call, keeps a little state, no hardware. Its
 * operations are plain methods (FakeServices), which tests may wrap or replace; fakeServerPorts
 * turns them into the server's handlers, reading each request's checked arguments.
 */
import "../../../tools/lib/intrinsics-global.ts";
import { deriveUsbKey } from "../../../firmware/core/codes/keys.ts";
import { fromHex } from "../../../firmware/core/bytes.ts";
import { argText, declaration, type UsbRequest } from "../../../firmware/core/usb/commands.ts";
import { parseInteger, type UsbErrorCode, type UsbField } from "../../../firmware/core/usb/protocol.ts";
import { field, formatLine, MAX_LINE_BYTES, PROTOCOL_VERSION } from "../../../firmware/core/host/protocol.ts";
import { BOX_LINE_END, serveUsb, type UsbKeys, type UsbRun } from "../../../firmware/core/usb/server.ts";
import type { UsbServer } from "./helpers.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";

/** A checked integer argument; -1 when the request does not carry it. */
function argInt(req: UsbRequest, key: string): number {
  const value = parseInteger(argText(req, key));
  return value === undefined ? -1 : value;
}

export interface UsbCodeId {
  kind: "delivery" | "pickup";
  start: number;
  hours: number;
  slot: number;
}

export interface UsbSetting {
  name: string;
  value: number;
}

/** A log entry as the box sends it: its numbers (docs/storage.md, "Event types"), which the owner's side names. */
export interface UsbLogEntry {
  index: number;
  time: number;
  type: number;
  a: number;
  b: number;
  c: number;
}

/** What a fake operation did: OK with fields, or an error. */
export interface UsbOutcome {
  ok: boolean;
  code: UsbErrorCode | "";
  message: string;
  fields: UsbField[];
}

export function usbOk(fields: UsbField[]): UsbOutcome {
  return { ok: true, code: "", message: "", fields };
}

export function usbFail(code: UsbErrorCode, message: string): UsbOutcome {
  return { ok: false, code, message, fields: [] };
}

/** The fake box's operations, one per command (the test's stand-in for firmware/core/owner). */
export interface FakeServices {
  /** proto: the box's protocol version when it is not this tool's. */
  identify(): { proto?: string; model: string; firmware: string; boxId: string; runtime: string; board: string };
  isProvisioned(): boolean;
  provision(secret: string, boxId: string, clock: number, settings: UsbSetting[]): UsbOutcome;
  clockGet(): { now: number; backup: boolean; driftSeconds: number; lastSet: number };
  clockSet(boxSeconds: number): UsbOutcome;
  status(): { lock: string; lid: string; lockoutSeconds: number; wrongAttempts: number; alarm: string; flashFree: number };
  logCount(): number;
  logRead(from: number, count: number): UsbLogEntry[];
  revoke(id: UsbCodeId): UsbOutcome;
  settingsGet(): UsbSetting[];
  settingsSet(name: string, value: number): UsbOutcome;
  lockTest(): UsbOutcome;
  liftLockout(): UsbOutcome;
  factoryReset(): UsbOutcome;
  usbKey(): string;
}

/** Methods that change the box; tests check none ran after refused lines. */
export const STATE_CHANGING = ["provision", "clockSet", "revoke", "settingsSet", "lockTest", "liftLockout", "factoryReset"];

export interface FakeBox {
  services: FakeServices;
  calls: string[];
  state: { secret: string; boxId: string; clock: number; lastSet: number; wrong: number; alarm: string; battery: string; batteryMv: number; settings: UsbSetting[]; revoked: UsbCodeId[]; log: UsbLogEntry[] };
}

export function fakeBox(): FakeBox {
  const calls: string[] = [];
  const state: FakeBox["state"] = {
    secret: "",
    boxId: "box-7f3a",
    clock: -1,
    lastSet: -1,
    wrong: 0,
    alarm: "none",
    battery: "ok",
    batteryMv: 6120,
    settings: [{ name: "unlockPulseMs", value: 1500 }, { name: "buzzerEnabled", value: 1 }],
    revoked: [],
    log: [],
  };
  const logEvent = (type: number, a: number, b: number, c = 0): void => {
    state.log.push({ index: state.log.length, time: state.clock, type, a, b, c });
  };
  const services: FakeServices = {
    identify: () => ({ model: "parcelbox", firmware: "0.1.0", boxId: state.boxId, runtime: "node", board: "sim" }),
    isProvisioned: () => state.secret !== "",
    provision: (secret, boxId, clock, settings) => {
      calls.push("provision");
      for (const s of settings) if (!state.settings.some((x) => x.name === s.name)) return usbFail("E_RANGE", "unknown setting " + s.name);
      state.secret = secret;
      if (boxId !== "") state.boxId = boxId;
      state.clock = clock;
      state.lastSet = clock;
      for (const s of settings) state.settings.find((x) => x.name === s.name)!.value = s.value;
      logEvent(12, state.clock, 0); // provisioned
      return usbOk([field("box", state.boxId)]);
    },
    clockGet: () => ({ now: state.clock, backup: true, driftSeconds: 0, lastSet: state.lastSet }),
    clockSet: (t) => {
      calls.push("clockSet");
      state.clock = t;
      state.lastSet = t;
      logEvent(10, -1, t); // clock-set
      return usbOk([]);
    },
    status: () => ({ lock: state.alarm === "forced" ? "unlocked" : "locked", lid: state.alarm === "forced" ? "open" : "closed", lockoutSeconds: 0, wrongAttempts: state.wrong, alarm: state.alarm, flashFree: 40000 }),
    logCount: () => state.log.length,
    logRead: (from, count) => state.log.filter((e) => e.index >= from).slice(0, count),
    revoke: (id) => {
      calls.push("revoke");
      state.revoked.push(id);
      logEvent(13, id.start, id.hours * 65536 + id.slot * 256, id.kind === "pickup" ? 5 : 1); // revoked
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

function answer(outcome: UsbOutcome): UsbField[] | string {
  return outcome.ok ? outcome.fields : outcome.code + " " + outcome.message;
}

/** The settings a request carries: the keys its command does not declare. */
function argSettings(req: UsbRequest): UsbField[] {
  const text = declaration(req.command);
  const fields = req.args.trim() === "" ? [] : req.args.trim().split(" ").map((t) => field(t.slice(0, t.indexOf("=")), t.slice(t.indexOf("=") + 1)));
  return fields.filter((f) => !text.includes(`;${f.key}=`) && !text.includes(`;${f.key}?`));
}

/**
 * What the server is handed on the fake box (the test's stand-in for firmware/core/owner): the
 * keys, and a run over the box's services (LOG writes its DATA lines with `write`).
 */
export function fakeOwnerSide(box: FakeBox, write: (text: string) => void): { keys: UsbKeys; run: UsbRun } {
  const s = (): FakeServices => box.services;
  const clockFields = (): UsbField[] => {
    const c = s().clockGet();
    return [field("time", String(c.now)), field("set", c.now >= 0 ? "1" : "0"), field("backup", c.backup ? "1" : "0"), field("drift", String(c.driftSeconds)), field("lastset", String(c.lastSet))];
  };
  const handlers: Record<string, (req: UsbRequest) => UsbField[] | string> = {
      HELLO: () => {
        const who = s().identify();
        return [
          field("proto", who.proto ?? PROTOCOL_VERSION), field("model", who.model), field("fw", who.firmware), field("box", who.boxId),
          field("provisioned", s().isProvisioned() ? "1" : "0"),
          field("runtime", who.runtime), field("board", who.board), field("maxline", String(MAX_LINE_BYTES)),
        ];
      },
      "CLOCK GET": () => clockFields(),
      PROVISION: (req: UsbRequest) =>
        answer(s().provision(fromHex(argText(req, "secret"))!, argText(req, "box"), argInt(req, "clock"), argSettings(req).map((f) => ({ name: f.key, value: argInt(req, f.key) })))),
      "CLOCK SET": (req: UsbRequest) => answer(s().clockSet(argInt(req, "time"))),
      STATUS: () => {
        const st = s().status();
        return [
          field("lock", st.lock), field("lid", st.lid), field("lockout", String(st.lockoutSeconds)), field("wrong", String(st.wrongAttempts)), field("alarm", st.alarm),
          ...clockFields(), field("flash", String(st.flashFree)), field("log", String(s().logCount())),
          field("battery", box.state.battery), field("batterymv", String(box.state.batteryMv)),
        ];
      },
      LOG: (req: UsbRequest) => {
        const from = argInt(req, "from");
        const count = argInt(req, "count");
        const total = s().logCount();
        const entries = s().logRead(from, count).slice(0, count);
        for (const e of entries) write(formatLine(`${req.id} DATA`, [field("i", String(e.index)), field("t", String(e.time)), field("e", String(e.type)), field("a", String(e.a)), field("b", String(e.b)), field("c", String(e.c))]) + BOX_LINE_END);
        return [field("count", String(entries.length)), field("next", String(entries.length > 0 ? entries[entries.length - 1].index + 1 : Math.max(from, total))), field("total", String(total))];
      },
      REVOKE: (req: UsbRequest) =>
        answer(s().revoke({ kind: argText(req, "kind") === "pickup" ? "pickup" : "delivery", start: argInt(req, "start"), hours: argInt(req, "hours"), slot: argInt(req, "slot") })),
      "SETTINGS GET": () => s().settingsGet().map((x) => field(x.name, String(x.value))),
      "SETTINGS SET": (req: UsbRequest) => {
        const f = argSettings(req)[0];
        return answer(s().settingsSet(f.key, argInt(req, f.key)));
      },
      LOCKTEST: () => answer(s().lockTest()),
      LIFT: () => answer(s().liftLockout()),
      RESET: () => answer(s().factoryReset()),
  };
  return {
    keys: {
      get keys() {
        const usbKey = s().usbKey();
        return usbKey === "" ? undefined : { usbKey };
      },
    },
    // The server takes the OK line's fields as formatLine writes them after its head.
    run: (req) => {
      const a = handlers[req.command](req);
      return typeof a === "string" ? a : formatLine("", a);
    },
  };
}

/** A server on the fake box with the given randomness, uptime and output. */
export function fakeServer(box: FakeBox, ports: { randomBytes(n: number): string; uptimeMs(): number; write(text: string): void }): UsbServer {
  const { keys, run } = fakeOwnerSide(box, ports.write);
  const receive = serveUsb({ hasher: nodeHasher, system: { randomBytes: ports.randomBytes }, timers: { uptimeMs: ports.uptimeMs }, usb: { write: ports.write } }, keys, run);
  return { receive };
}

/** A server on a fake box with a controllable uptime and counting random bytes. */
export function serverOn(box: FakeBox): { server: UsbServer; out: string[]; clock: { ms: number } } {
  const out: string[] = [];
  const clock = { ms: 1000 };
  let counter = 0;
  const server = fakeServer(box, {
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
