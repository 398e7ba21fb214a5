/**
 * The USB server as it ships: the same session on the TypeScript sources, the Espruino build (in
 * the Espruino-shaped node:vm context) and the Lua build (fengari, 32-bit integers like NodeMCU;
 * wasmoon, 64-bit). Every runtime must answer byte for byte the same.
 */
import "../../../../tools/lib/intrinsics-global.ts";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tstl from "typescript-to-lua";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, fieldValue, NONCE_TTL_MS, parseResponse } from "../../../../firmware/core/host/protocol.ts";
import { createEspruinoContext } from "../../../../sim/espruino/context.ts";
import { createLuaVm, type LuaVm } from "../../../../sim/nodemcu/lua-vm.ts";
import { buildEspruino, ROOT } from "../../../../tools/build/build.ts";
import { checkLuaBundle } from "../../../../tools/build/check-lua.ts";
import { signed } from "../helpers.ts";
import { usbSession, type UsbSession } from "./session.ts";

const hex = (text: string) => Buffer.from(text, "latin1").toString("hex");
const unhex = (h: string) => Buffer.from(h, "hex").toString("latin1");

/** One runtime's session, driven through text only. */
interface Driver {
  feed(chunk: string): string;
  advance(ms: number): void;
  calls(): string;
}

function fromSession(s: UsbSession): Driver {
  return { feed: (c) => unhex(s.feedHex(hex(c))), advance: (ms) => s.advanceMs(ms), calls: () => s.calls() };
}

function buildLua(): string {
  const dir = mkdtempSync(join(tmpdir(), "parcelbox-usb-lua-"));
  const config = join(dir, "tsconfig.json");
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: { target: "ES2020", lib: ["ES2020"], module: "ESNext", moduleResolution: "Bundler", strict: true, types: [], rootDir: ROOT, outDir: dir },
      files: [
        join(ROOT, "firmware/core/lib/int-lua.d.ts"),
        join(ROOT, "node_modules/@typescript-to-lua/language-extensions/index.d.ts"),
        join(ROOT, "test/core/usb/built/lua-entry.ts"),
      ],
      tstl: { luaTarget: "5.3", luaBundle: "usb.lua", luaBundleEntry: join(ROOT, "test/core/usb/built/lua-entry.ts"), luaLibImport: "require-minimal", noImplicitSelf: true, noHeader: true },
    }),
  );
  const result = tstl.transpileProject(config, { outDir: dir });
  if (result.diagnostics.length > 0) throw new Error(result.diagnostics.map((d) => String(d.messageText)).join("\n"));
  const text = readFileSync(join(dir, "usb.lua"), "utf8");
  const problems = checkLuaBundle(text);
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  return text;
}

function luaDriver(vm: LuaVm): Driver {
  return {
    feed: (c) => unhex(vm.call("usbFeedHex", hex(c))),
    advance: (ms) => void vm.run(`usbAdvanceMs(${Math.floor(ms)})`),
    calls: () => vm.call("usbCalls"),
  };
}

/** The scripted session: every kind of line, including signed ones made from the box's nonces. */
function runScript(box: Driver): string[] {
  const transcript: string[] = [];
  const say = (chunk: string) => {
    const reply = box.feed(chunk);
    transcript.push(reply);
    return reply;
  };
  const nonce = () => fieldValue(parseResponse(say("n CHALLENGE\n").split("\r\n")[0])!.fields, "nonce")!;
  say("1 HELLO\n");
  say("2 STATUS\n");
  say(`3 PROVISION secret=${hex("0123456789abcdefghij")} clock=218278800 unlockPulseMs=900\r\n`);
  say(`4 PROVISION secret=${"ab".repeat(20)} clock=1\n`);
  say("5 HEL");
  say("LO\n6 CLOCK GET\n");
  say("7 STATUS\n");
  const n1 = nonce();
  const clockSet = signed("8", "CLOCK SET", [field("time", "218280000")], n1);
  say(clockSet + "\n");
  say(clockSet + "\n");
  say(signed("9", "STATUS", [], nonce(), "wrong secret wrong!!") + "\n");
  const late = nonce();
  box.advance(NONCE_TTL_MS + 1);
  say(signed("10", "SETTINGS SET", [field("unlockPulseMs", "100")], late) + "\n");
  say(signed("11", "SETTINGS GET", [], nonce()) + "\n");
  say(signed("12", "LOG", [field("from", "0"), field("count", "10")], nonce()) + "\n");
  say("13 " + "x".repeat(300) + "\n14 HELLO\n");
  say("15 HELLO \u0000\u00ff\u0007\n");
  say("16 FLY\n17 LOG from=0 count=5 extra=1\n18  HELLO\n%%%\n");
  // The owner replaces the secret (signed with the old one); the old key then signs nothing.
  const replacement = "ab".repeat(20);
  say(signed("19", "PROVISION", [field("secret", replacement), field("clock", "218280000")], nonce()) + "\n");
  say(signed("20", "STATUS", [], nonce()) + "\n");
  say("21 RESET confirm=erase\n");
  say(signed("22", "RESET", [field("confirm", "erase")], nonce(), unhex(replacement)) + "\n");
  say("23 HELLO\n");
  transcript.push("calls: " + box.calls());
  return transcript;
}

let expected: string[];
let espruino: Driver;
let fengariVm: LuaVm;
let wasmoonVm: LuaVm;

beforeAll(async () => {
  expected = runScript(fromSession(usbSession()));
  const js = await buildEspruino("test/core/usb/built/espruino-entry.ts");
  const ctx = createEspruinoContext({});
  ctx.run(js, "usb-session.js");
  espruino = fromSession((ctx.global.usbSession as () => UsbSession)());
  const lua = buildLua();
  fengariVm = await createLuaVm("fengari");
  fengariVm.run(lua, "usb.lua");
  wasmoonVm = await createLuaVm("wasmoon");
  wasmoonVm.run(lua, "usb.lua");
});

afterAll(() => {
  fengariVm?.close();
  wasmoonVm?.close();
});

describe("USB server on every runtime", () => {
  it("answers the scripted session as the protocol says (TypeScript sources)", () => {
    const codes = expected.flatMap((r) => r.split("\r\n").filter((l) => l !== "")).map((l) => {
      const p = parseResponse(l);
      return p ? `${p.id} ${p.kind === "ERR" ? p.code : p.kind}` : l;
    });
    expect(codes).toEqual([
      "1 OK", "2 E_STATE", "3 OK", "4 E_AUTH", "5 OK", "6 OK", "7 E_AUTH",
      "n OK", "8 OK", "8 E_REPLAY", "n OK", "9 E_AUTH", "n OK", "10 E_EXPIRED",
      "n OK", "11 OK", "n OK", "12 DATA", "12 DATA", "12 OK",
      "- E_TOO_LONG", "14 OK", "- E_BINARY", "16 E_UNKNOWN", "17 E_SYNTAX", "18 E_SYNTAX", "- E_SYNTAX",
      "n OK", "19 OK", "n OK", "20 E_AUTH", "21 E_AUTH", "n OK", "22 OK", "23 OK",
      "calls: provision,clockSet,provision,factoryReset",
    ]);
  });

  it("the Espruino build answers byte for byte the same", () => {
    expect(runScript(espruino)).toEqual(expected);
  });

  it("the Lua build on fengari (32-bit integers) answers byte for byte the same", () => {
    expect(runScript(luaDriver(fengariVm))).toEqual(expected);
  });

  it("the Lua build on wasmoon (64-bit integers) answers byte for byte the same", () => {
    expect(runScript(luaDriver(wasmoonVm))).toEqual(expected);
  });
});
