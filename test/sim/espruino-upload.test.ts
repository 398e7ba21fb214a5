// The simulated Espruino's prompt takes an upload the way EspruinoTools sends one (its core/
// codeWriter.js and plugins/saveOnSend.js): `\x10` lines without echo, Ctrl-C, reset(), the code
// written to .bootcde in 1 KB Storage writes, load(); and the board boots from .bootcde.
// These need no EspruinoTools: test/cli/flash-espruino.test.ts runs the real tools end to end.
import { describe, expect, it } from "vitest";
import { EspruinoBoot } from "../../sim/espruino/boot.ts";
import { openBrackets } from "../../sim/espruino/prompt.ts";
import { VirtualBoard } from "../../sim/state/board.ts";

function blank(code = ""): { board: VirtualBoard; sim: EspruinoBoot } {
  const board = new VirtualBoard({ profile: "espruino-pico", flashBytes: 64 * 1024 });
  return { board, sim: new EspruinoBoot(board, code, "build.js") };
}

/** Sends host bytes and lets the interpreter run; returns what it printed. */
function type(board: VirtualBoard, text: string, ms = 10): string {
  board.usb.takeOutput();
  board.usb.send(text);
  board.advance(ms);
  return board.usb.takeOutput();
}

/** What EspruinoTools sends for "save on send" (SAVE_ON_SEND 1) of `code`, in one burst. */
function toolsUpload(code: string): string {
  const lines = ["\x10reset();", "\x10print()"];
  for (let at = 0; at < code.length; at += 1024) {
    const chunk = JSON.stringify(code.slice(at, at + 1024));
    lines.push(at === 0 ? `\x10require("Storage").write(".bootcde",${chunk},0,${code.length});` : `\x10require("Storage").write(".bootcde",${chunk},${at});`);
  }
  return `${lines.join("\n")}\n\x10load()\n\n`;
}

const FIRMWARE = `global.booted = (global.booted || 0) + 1; E.on("init", function () { global.initRan = true; });\n// ${"padding ".repeat(400)}\n`;

describe("the simulated Espruino prompt", () => {
  it("echoes a typed line and prints its value and a prompt", () => {
    const { board } = blank();
    expect(type(board, "1+1\r")).toBe("1+1\r\n=2\r\n>");
  });

  it("runs a \\x10 line without echo, value or prompt: only what it prints comes back", () => {
    const { board } = blank();
    expect(type(board, '\x10print("<","<<",JSON.stringify({a:1}),">>",">")\n')).toBe('< << {"a":1} >> >\r\n');
  });

  it("Ctrl-C throws away the half-typed line", () => {
    const { board, sim } = blank();
    type(board, "global.x = 1; global.y = ");
    type(board, "\x03global.z = 3\r");
    expect(sim.global.z).toBe(3);
    expect(sim.global.x).toBeUndefined();
  });

  it("keeps reading while brackets are open, and ESC LF continues a line without running it", () => {
    const { board, sim } = blank();
    expect(type(board, "function f() {\r")).toBe("function f() {\r\n:");
    type(board, "return 7 }\r");
    type(board, "\x10global.w = f()\x1b\n+ 1\n");
    expect(sim.global.w).toBe(8);
  });

  it("prints an uncaught error and carries on", () => {
    const { board } = blank();
    expect(type(board, "nope()\r")).toContain("Uncaught ReferenceError: nope is not defined");
    expect(type(board, "2\r")).toContain("=2");
  });

  it("counts brackets outside strings and comments only", () => {
    expect(openBrackets('f("(", {}')).toBe(1);
    expect(openBrackets("a[0] // (")).toBe(0);
    expect(openBrackets("'\\'(' + `{`")).toBe(0);
  });

  it("reports process.env with the version, the board and the console", () => {
    const { sim } = blank();
    const env = JSON.parse(String(sim.context?.run("JSON.stringify(process.env)", "probe"))) as Record<string, unknown>;
    expect(env).toMatchObject({ VERSION: "2v29", BOARD: "PICO_R1_3", CONSOLE: "USB" });
  });
});

describe("reset(), load() and saved code", () => {
  it("reset() clears the interpreter's variables and runs no saved code", () => {
    const { board, sim } = blank(FIRMWARE);
    expect(sim.global.booted).toBe(1);
    type(board, "\x10global.mark = 1\n\x10reset();\n");
    expect(sim.global.mark).toBeUndefined();
    expect(sim.global.booted).toBeUndefined();
    expect(board.resets.map((r) => r.reason)).toEqual(["reset()"]);
  });

  it("bytes sent in the same burst after reset() reach the new interpreter", () => {
    const { board, sim } = blank();
    type(board, "\x10reset();\n\x10global.after = 5\n");
    expect(sim.global.after).toBe(5);
  });

  it("E.setBootCode saves .bootcde, which load() and power-up run instead of the given file", () => {
    const { board, sim } = blank(FIRMWARE);
    type(board, '\x10E.setBootCode("global.fromFlash = true;")\n\x10load()\n');
    expect(Buffer.from(board.flash.read(".bootcde") ?? []).toString()).toBe("global.fromFlash = true;");
    expect(sim.global.fromFlash).toBe(true);
    expect(sim.global.booted).toBeUndefined();
    board.powerCycle(10);
    expect(sim.global.fromFlash).toBe(true);
  });

  it("without .bootcde a power-up runs the file the board was given", () => {
    const { board, sim } = blank(FIRMWARE);
    board.powerCycle(10);
    expect(sim.global.booted).toBe(1);
    expect(sim.global.initRan).toBe(true);
  });

  it("save() refuses with a message that names .bootcde", () => {
    const { board } = blank();
    expect(type(board, "save()\r")).toContain(".bootcde");
  });
});

describe("an upload as EspruinoTools sends it", () => {
  it("writes the code to .bootcde in 1 KB chunks and load() starts it with its init handlers", () => {
    const { board, sim } = blank();
    const out = type(board, toolsUpload(FIRMWARE), 50);
    expect(out).not.toContain("Uncaught");
    expect(Buffer.from(board.flash.read(".bootcde") ?? []).toString("latin1")).toBe(FIRMWARE);
    expect(sim.global.booted).toBe(1);
    expect(sim.global.initRan).toBe(true);
  });

  it("a blank board shows no saved code before the upload", () => {
    const { board, sim } = blank();
    expect(board.flash.list()).toEqual([]);
    expect(sim.global.booted).toBeUndefined();
  });
});
