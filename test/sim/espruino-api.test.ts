// The simulated Espruino API (sim/espruino) on a virtual board, driven by small inline firmware.
import { describe, expect, it } from "vitest";
import { EspruinoBoot } from "../../sim/espruino/boot.ts";
import { VirtualBoard } from "../../sim/state/board.ts";

const NOV_2026 = Date.UTC(2026, 10, 28, 9) / 1000;

function run(code: string, board = new VirtualBoard()): { board: VirtualBoard; sim: EspruinoBoot; g: Record<string, unknown> } {
  const sim = new EspruinoBoot(board, code, "test.js");
  return { board, sim, g: sim.global };
}

const LID_WATCH = `
  global.events = [];
  pinMode(A5, "input_pullup");
  global.watch = setWatch(function (e) { events.push(e.state); }, A5, WATCH_OPTIONS);
`;

describe("Espruino context: the language", () => {
  it("lacks what Espruino lacks", () => {
    const { sim } = run("");
    expect(sim.context?.run("typeof Map + typeof Math.imul", "probe")).toBe("undefinedundefined");
  });

  it("offers built-in modules through require, and no others", () => {
    const { sim } = run("");
    expect(sim.context?.run(`typeof require("Storage").write + typeof require("crypto").SHA256`, "probe")).toBe("functionfunction");
    expect(() => sim.context?.run(`require("fs")`, "probe")).toThrow(/Module fs not found/);
  });

  it("runs E.on('init') handlers after the file", () => {
    const { g } = run(`global.order = ["file"]; E.on("init", function () { order.push("init"); });`);
    expect(g.order).toEqual(["file", "init"]);
  });
});

describe("Espruino context: setWatch", () => {
  const watch = (options: string) => run(LID_WATCH.replace("WATCH_OPTIONS", options));

  it("queues the event for the main loop instead of running it inside the pin change", () => {
    const { board, g } = watch(`{ edge: "both", repeat: true }`);
    board.lid.open();
    expect(g.events).toEqual([]);
    board.advance(0);
    expect(g.events).toEqual([true]);
  });

  it("reports only the wanted edge", () => {
    const { board, g } = watch(`{ edge: "falling", repeat: true }`);
    board.lid.open();
    board.lid.close();
    board.advance(1);
    expect(g.events).toEqual([false]);
  });

  it("with debounce reports one event once the level has held", () => {
    const { board, g } = watch(`{ edge: "both", repeat: true, debounce: 50 }`);
    board.lid.open();
    board.advance(5);
    board.lid.close();
    board.advance(5);
    board.lid.open();
    board.advance(49);
    expect(g.events).toEqual([]);
    board.advance(1);
    expect(g.events).toEqual([true]);
  });

  it("without repeat fires once", () => {
    const { board, g } = watch(`{ edge: "both" }`);
    board.lid.open();
    board.advance(1);
    board.lid.close();
    board.advance(1);
    expect(g.events).toEqual([true]);
  });

  it("clearWatch drops an event already queued", () => {
    const { board, sim, g } = watch(`{ edge: "both", repeat: true }`);
    board.lid.open();
    sim.context?.run("clearWatch(watch)", "probe");
    board.advance(1);
    expect(g.events).toEqual([]);
  });
});

describe("Espruino context: pins and timers", () => {
  it("digitalPulse energises for exactly its time, from a hardware timer even if the interpreter hangs", () => {
    const { board, sim } = run(`digitalPulse(B4, 1, 300);`);
    sim.runtime.hang();
    board.advance(1000);
    expect(board.coil.longestMs).toBe(300);
    expect(board.coil.energised).toBe(false);
  });

  it("digitalRead of a floating input reads 0, and the board says it floats", () => {
    // B3: the service button, open; the lid (A5) has its 1 MOhm pull-up on the board.
    const { board, sim } = run(`pinMode(B3, "input");`);
    expect(sim.context?.run("digitalRead(B3)", "probe")).toBe(0);
    expect(board.pins.level("B3")).toBe("floating");
  });

  it("setTimeout runs on virtual time", () => {
    const { board, g } = run(`global.fired = 0; setTimeout(function () { fired = getTime(); }, 1500);`);
    board.advance(1499);
    expect(g.fired).toBe(0);
    board.advance(1);
    expect(g.fired).toBe(1.5);
  });

  it("clearTimeout stops a timer and setInterval repeats", () => {
    const { board, g } = run(`
      global.ticks = 0;
      clearTimeout(setTimeout(function () { ticks = 100; }, 10));
      setInterval(function () { ticks++; }, 1000);`);
    board.advance(3500);
    expect(g.ticks).toBe(3);
  });

  it("an uncaught error is printed and the main loop goes on", () => {
    const { board, sim, g } = run(`
      global.after = false;
      setTimeout(function () { throw new Error("boom"); }, 1);
      setTimeout(function () { after = true; }, 2);`);
    board.advance(5);
    expect(sim.errors).toHaveLength(1);
    expect(board.usb.takeOutput()).toContain("Uncaught Error: boom");
    expect(g.after).toBe(true);
  });
});

describe("Espruino context: clock", () => {
  it("getTime follows virtual time after setTime", () => {
    const { board, sim } = run(`setTime(${NOV_2026});`);
    board.advance(86_400_000);
    expect(sim.context?.run("getTime()", "probe")).toBe(NOV_2026 + 86_400);
  });

  it("loses the time in a power cut and starts again near 0", () => {
    const { board, sim } = run("");
    sim.context?.run(`setTime(${NOV_2026})`, "probe");
    board.powerCycle(10_000);
    board.advance(2000);
    expect(sim.context?.run("getTime()", "probe")).toBe(2);
  });

  it("runs fast or slow with the microcontroller clock's drift (the Pico's RC oscillator)", () => {
    const { board, sim } = run("");
    board.rtc.driftPpm = 100_000;
    sim.context?.run(`setTime(${NOV_2026})`, "probe");
    board.advance(10_000);
    expect(sim.context?.run("getTime()", "probe")).toBe(NOV_2026 + 11);
  });

  it("reads the DS3231 through I2C1", () => {
    const board = new VirtualBoard({ ds3231UnixSeconds: NOV_2026 });
    // The module and its pull-ups are fed from A0 (profiles.ts, rtcPower): unpowered, nothing acknowledges.
    const { sim } = run(`I2C1.setup({ sda: B9, scl: B8 }); try { I2C1.writeTo(0x68, 0); global.before = "answered"; } catch (e) { global.before = "no ack"; } digitalWrite(A0, 1); I2C1.writeTo(0x68, 0); global.regs = I2C1.readFrom(0x68, 7);`, board);
    expect(sim.global.before).toBe("no ack");
    expect([...(sim.global.regs as Uint8Array)]).toEqual([0x00, 0x00, 0x09, 6, 0x28, 0x11, 0x26]);
  });
});

describe("Espruino context: Storage", () => {
  const storage = (code: string) => run(`var s = require("Storage"); ${code}`);

  it("write with a size creates the file erased beyond the data", () => {
    const { board } = storage(`s.write("log", "ab", 0, 4);`);
    expect(Buffer.from(board.flash.read("log") as Uint8Array).toString("latin1")).toBe("ab\xff\xff");
  });

  it("writes at an offset into erased space", () => {
    const { sim } = storage(`s.write("log", "ab", 0, 4); s.write("log", "cd", 2);`);
    expect(sim.context?.run(`s.read("log")`, "probe")).toBe("abcd");
  });

  // As Espruino 2v29 (test/sim/espruino-real-storage.test.ts runs the same calls on it).
  it("refuses a write at an offset over written bytes and writes nothing", () => {
    const { board, sim } = storage(`s.write("log", "ab", 0, 4);`);
    expect(() => sim.context?.run(`s.write("log", "zz", 0 + 1)`, "probe")).toThrow(/File already written with different data/);
    expect(board.flash.violations).toEqual([]);
    expect(sim.context?.run(`s.read("log")`, "probe")).toBe("ab\xff\xff");
  });

  it("a write at an offset into a missing file throws", () => {
    const { sim } = storage("");
    expect(() => sim.context?.run(`s.write("none", "x", 3)`, "probe")).toThrow(/Unable to find or create file/);
  });

  it("rewriting a file deletes the old one first: a cut between loses both", () => {
    const { board, sim } = storage(`s.write("state", "v1");`);
    board.flash.cutPowerAt(2);
    sim.context?.run(`try { s.write("state", "v2"); } catch (e) {}`, "probe");
    expect(board.powered).toBe(false);
    expect(board.flash.list()).toEqual([]);
  });

  it("keeps the first 28 characters of a longer name", () => {
    const { sim } = storage(`s.write("${"n".repeat(29)}", "x");`);
    expect(sim.context?.run(`s.list().join()`, "probe")).toBe("n".repeat(28));
  });

  it("lists files and reports free space", () => {
    const { sim } = storage(`s.write("a", "1"); s.write("b", "2");`);
    expect(sim.context?.run(`s.list().join()`, "probe")).toBe("a,b");
    expect(sim.context?.run(`s.getFree() > 0`, "probe")).toBe(true);
  });
});

describe("Espruino context: console, USB and watchdog", () => {
  it("with the console on USB, a typed line reaches the interpreter prompt", () => {
    const { board } = run("");
    board.usb.send("1+1\r");
    board.advance(1);
    expect(board.usb.takeOutput()).toContain("=2");
  });

  it("after E.setConsole(LoopbackA) USB bytes go to USB.on('data') and no prompt answers", () => {
    const { board, g } = run(`global.got = ""; E.setConsole(LoopbackA, { force: true }); USB.on("data", function (d) { got += d; });`);
    board.usb.send("1+1\r");
    board.advance(1);
    expect(g.got).toBe("1+1\r");
    expect(board.usb.takeOutput()).toBe("");
  });

  it("a watchdog that is not kicked resets the board", () => {
    const { board } = run(`E.enableWatchdog(1, false);`);
    board.advance(1000);
    expect(board.bootCount).toBe(2);
    expect(board.resets.map((r) => r.reason)).toEqual(["watchdog"]);
  });

  it("an automatic watchdog does not reset a board whose interpreter runs", () => {
    const { board } = run(`E.enableWatchdog(1, true); setInterval(function () {}, 5000);`);
    board.advance(60_000);
    expect(board.bootCount).toBe(1);
  });

  it("an automatic watchdog resets a board whose interpreter hangs", () => {
    const { board, sim } = run(`E.enableWatchdog(1, true);`);
    sim.runtime.hang();
    board.advance(1000);
    expect(board.bootCount).toBe(2);
  });

  it("code that catches the power cut can no longer touch the board", () => {
    const { board, sim } = run(`var s = require("Storage");`);
    board.flash.cutPowerAt(1);
    sim.context?.run(`try { s.write("a", "1"); } catch (e) {} try { digitalWrite(B5, 1); } catch (e) {}`, "probe");
    expect(board.led.colour).toBe("off");
  });
});
