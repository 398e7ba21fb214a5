/**
 * The real-interpreter runtime itself (sim/espruino-real), with small firmware files of its own:
 * boot from Storage, virtual time, the power cut at a flash write, the errors it turns into test
 * failures (uncaught exceptions, interpreter assertions, a firmware that never returns), the
 * console on USB and the memory instrument. Skipped, with the reason in the title, where the
 * interpreter is not installed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { EspruinoRealBoot, type EspruinoRealOptions } from "../../sim/espruino-real/boot.ts";
import { espruinoMissing, findEspruino } from "../../sim/espruino-real/interpreter.ts";
import { realTierTitle } from "../espruino-real/tier.ts";
import { VirtualBoard } from "../../sim/state/board.ts";

const dir = mkdtempSync(join(tmpdir(), "parcelbox-real-test-"));
let count = 0;
const opened: EspruinoRealBoot[] = [];

/** Boots `code` as .bootcde on a fresh board (Pico profile unless told otherwise). */
function boot(code: string, options: EspruinoRealOptions & { profile?: string } = {}): { board: VirtualBoard; real: EspruinoRealBoot } {
  const file = join(dir, `firmware-${count++}.js`);
  writeFileSync(file, code);
  const board = new VirtualBoard({ profile: options.profile ?? "espruino-pico", powered: false });
  const real = new EspruinoRealBoot(board, { ...options, files: [{ name: ".bootcde", path: file }] });
  opened.push(real);
  board.powerOn();
  return { board, real };
}

afterEach(() => {
  for (const real of opened.splice(0)) real.detach();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(espruinoMissing() !== undefined)(realTierTitle("the real-interpreter runtime"), () => {
  it("runs .boot0 and .bootcde from Storage, then the init handlers, at every power-up", () => {
    const { board, real } = boot(`global.order = (global.order || "") + "code,"; E.on("init", function () { global.order += "init"; });`);
    expect(real.evaluate("order")).toBe("code,init");
    expect(real.evaluate(`require("Storage").list(/^\\.boot/).join()`)).toBe(".boot0,.bootcde");
    board.powerCycle();
    expect(real.evaluate("order")).toBe("code,init");
  });

  it("keeps time virtual: timers fire at the scenario's time, and getTime() follows it", () => {
    const { board, real } = boot(`E.on("init", function () { global.fired = 0; setTimeout(function () { fired = getTime(); }, 2 * 86400000); });`);
    const start = Number(real.evaluate("getTime()"));
    board.advance(86_400_000);
    expect(real.evaluate("fired")).toBe("0");
    board.advance(86_400_000);
    expect(Number(real.evaluate("fired")) - start).toBeCloseTo(2 * 86400, 2);
    board.advance(86_400_000);
    expect(Number(real.evaluate("getTime()")) - start).toBeCloseTo(3 * 86400, 2);
  });

  it("a power cut at a flash write leaves the same torn file in Espruino's Storage as on the board's flash", () => {
    const code = `E.on("init", function () { var S = require("Storage"); if (S.read("t") === undefined) { S.write("t", "ABCDEFGH", 0, 16); S.write("t", "IJKLMN", 8); } });`;
    const file = join(dir, "torn.js");
    writeFileSync(file, code);
    const board = new VirtualBoard({ profile: "espruino-pico", powered: false });
    const real = new EspruinoRealBoot(board, { files: [{ name: ".bootcde", path: file }] });
    opened.push(real);
    // Operations: create, write "ABCDEFGH", write "IJKLMN" (the third; the power goes after 2 bytes).
    board.flash.cutPowerAt(3, 2);
    board.powerOn();
    expect(board.powered).toBe(false);
    board.powerOn();
    const mirror = Buffer.from(board.flash.read("t") as Uint8Array).toString("latin1");
    expect(mirror).toBe("ABCDEFGHIJ" + "\xff".repeat(6));
    expect(real.evaluate(`(function () { var s = require("Storage").read("t"), h = ""; for (var i = 0; i < s.length; i++) h += (256 + s.charCodeAt(i)).toString(16).substr(1); return h; })()`)).toBe(Buffer.from(mirror, "latin1").toString("hex"));
    expect(real.errors).toEqual([]);
  });

  it("an uncaught exception is a firmware error, and the interpreter carries on", () => {
    const { board, real } = boot(`E.on("init", function () { setTimeout(function () { throw new Error("boom"); }, 10); });`);
    board.advance(20);
    expect(real.errors.map((e) => e.error)).toEqual(["Uncaught Error: boom"]);
    expect(real.evaluate("1 + 1")).toBe("2");
  });

  it.skipIf(!findEspruino("espruino-debug"))("an interpreter assertion is a firmware error (the interpreter exits, as a board reboots)", () => {
    const { board, real } = boot(`var o = { g: function () { return 5; }, f: function (c) { return c ? 1 : () => this.g(); } };
      E.on("init", function () { setTimeout(function () { o.f(1); }, 10); });`, { binary: "espruino-debug" });
    board.advance(20);
    const errors = real.errors.map((e) => String(e.error));
    expect(errors[0]).toMatch(/^ASSERT\(jsvHasChildren\(obj\)\) FAILED AT src\/jsvar\.c:3324/);
    expect(errors).toContain("the interpreter exited");
  });

  it("a firmware that never returns is killed after the time limit, with an error saying so", () => {
    const { board, real } = boot(`E.on("init", function () { setTimeout(function () { for (;;) {} }, 10); });`, { timeoutMs: 4000 });
    board.advance(20);
    expect(real.errors.map((e) => e.error)).toEqual(["the interpreter did not answer within its time limit and was killed"]);
  });

  it("tells the firmware which board it runs on (process.env.BOARD of the profile)", () => {
    expect(boot("// no firmware", { profile: "espruino-wifi" }).real.evaluate("process.env.BOARD")).toBe("ESPRUINOWIFI");
  });

  it("while the console is on USB, bytes from the host reach Espruino's own prompt", () => {
    const { board } = boot("// no firmware");
    board.usb.send("6*7\r");
    board.advance(1);
    expect(board.usb.takeOutput()).toContain("=42");
  });

  it("after E.setConsole(LoopbackA), USB bytes go to USB.on('data') instead", () => {
    const { board, real } = boot(`E.on("init", function () { global.got = ""; E.setConsole(LoopbackA, { force: true }); USB.on("data", function (d) { got += d; }); });`);
    board.usb.send("6*7\r");
    board.advance(1);
    expect(real.evaluate("got")).toBe("6*7\r");
    expect(board.usb.takeOutput()).toBe("");
  });

  it("samples process.memory() at every bridge call and keeps the highest", () => {
    const { board, real } = boot(`E.on("init", function () { setTimeout(function () { var big = []; for (var i = 0; i < 300; i++) big.push(i); digitalRead("B1"); }, 10); });`);
    const before = real.memory().usage;
    real.sampleMemory(true);
    board.advance(20);
    const peak = real.memoryPeak();
    expect(peak.usage).toBeGreaterThan(before + 250);
    expect(peak.where).toBe("RB1");
  });
});
