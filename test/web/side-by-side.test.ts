/**
 * Two simulators at once (`make sim` while `make sim WEB=1` runs, or two web ones) leave each
 * other's USB link alone, and the owner's tool talks to a web box provisioned from the page,
 * through the profile folder the web simulator names.
 */
import { existsSync, mkdtempSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../tools/cli/context.ts";
import { runCli } from "../../tools/cli/main.ts";
import { listPorts } from "../../tools/cli/ports.ts";
import { openSerialPort } from "../../tools/cli/transport.ts";
import { SimSession } from "../../sim/view/session.ts";
import { startWebSimulator, WebStartError, type WebSimulator } from "../../sim/web/start.ts";
import { textSink } from "../fakes/text-sink.ts";
import { committedFigures } from "../../tools/fit/figures.ts";
import { boardFitNote } from "../../tools/fit/render.ts";

const folder = mkdtempSync(join(tmpdir(), "pbweb-side-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const web = (link: string, port = 0, configHome?: string): Promise<WebSimulator> => startWebSimulator({ runtime: "espruino", port, link, configHome });
const terminal = (link: string): Promise<SimSession> => SimSession.start({ runtime: "espruino", link });

/** The owner's tool in-process, on the real port, with XDG_CONFIG_HOME set as the page says. */
async function parcelbox(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = textSink();
  const err = textSink();
  const ctx: CliContext = {
    env,
    output: { out: out.stream, err: err.stream, colour: false },
    openPort: openSerialPort,
    listPorts,
    now: () => new Date(),
    randomBytes: (n) => Buffer.alloc(n, 7),
    timeoutMs: 5000,
  };
  const code = await runCli(argv, ctx);
  return { code, stdout: out.text(), stderr: err.text() };
}

describe("two simulators side by side", () => {
  it("a terminal simulator started while a web one runs gets no link, says whose it is, and quitting it leaves the web box's link", async () => {
    const link = join(folder, "usb-a");
    const page = await web(link);
    try {
      const webPty = page.box.session.usb?.path;
      expect(readlinkSync(link)).toBe(webPty);
      const second = await terminal(link);
      expect(second.usb?.link).toBeUndefined();
      expect(second.usb?.path).toMatch(/^\/dev\/pts\/\d+$/);
      expect(second.snapshot().usbNote).toMatch(new RegExp(`${link} is in use by another simulator \\(pid ${process.pid}\\)`));
      await second.close();
      expect(readlinkSync(link)).toBe(webPty);
    } finally {
      await page.close();
    }
    expect(existsSync(link)).toBe(false);
  });

  it("a web simulator whose page port is taken fails before touching the running one's link", async () => {
    const link = join(folder, "usb-b");
    const first = await web(link);
    try {
      const pty = first.box.session.usb?.path;
      await expect(web(link, first.server.port)).rejects.toThrow(WebStartError);
      await expect(web(link, first.server.port)).rejects.toThrow(/EADDRINUSE.*another program \(another simulator\?\) has that port/);
      expect(readlinkSync(link)).toBe(pty);
    } finally {
      await first.close();
    }
  });

  it("the web simulator started second leaves the terminal one's link, and its page says why it has none", async () => {
    const link = join(folder, "usb-c");
    const first = await terminal(link);
    try {
      const second = await web(link);
      const state = second.box.state();
      expect(state.usbLink).toBeUndefined();
      expect(state.usbNote).toContain("in use by another simulator");
      expect(state.ownerTool).toContain(`--port ${second.box.session.usb?.path}`);
      await second.close();
      expect(readlinkSync(link)).toBe(first.usb?.path);
    } finally {
      await first.close();
    }
  });
});

describe("the owner's tool and a web box provisioned from the page", () => {
  it("parcelbox status --port <link> works with the XDG_CONFIG_HOME the simulator prints and the page shows", async () => {
    const link = join(folder, "usb-d");
    const configHome = join(folder, "owner");
    const said: string[] = [];
    const page = await startWebSimulator({ runtime: "espruino", port: 0, link, configHome }, (line) => said.push(line));
    try {
      expect(said.join("\n")).toContain(`export XDG_CONFIG_HOME=${configHome}`);
      expect(page.box.act({ kind: "provision" }).ok).toBe(true);
      const state = page.box.state();
      expect(state.boardFit).toBe(boardFitNote(state.board, committedFigures()));
      expect(state.ownerTool).toBe(`XDG_CONFIG_HOME=${configHome} npx parcelbox status --port ${link}`);
      const r = await parcelbox({ XDG_CONFIG_HOME: configHome, HOME: configHome }, "status", "--port", link, "--json");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ box: state.boxId, lock: "locked" });
    } finally {
      await page.close();
    }
    // A folder the owner named is kept: the profile holds the box's secret.
    expect(existsSync(join(configHome, "parcelbox", "boxes"))).toBe(true);
  });

  it("removes its own temporary profile folder on close", async () => {
    const page = await web(join(folder, "usb-e"));
    const home = page.box.configHome;
    expect(page.box.act({ kind: "provision" }).ok).toBe(true);
    expect(existsSync(home)).toBe(true);
    await page.close();
    expect(existsSync(home)).toBe(false);
  });
});
