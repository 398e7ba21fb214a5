// `parcelbox flash`: its command line and what it says when no upload tool is installed.
// The upload itself: flash-espruino.test.ts.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CliContext } from "../../tools/cli/context.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliError } from "../../tools/cli/exit-codes.ts";
import { espruinoTools } from "../../tools/cli/flash.ts";
import { nodeMcuImage } from "../../tools/cli/flash-nodemcu.ts";
import { renderFirmwareText } from "../../tools/docs/nodemcu-firmware.ts";
import { runCli } from "../../tools/cli/main.ts";
import { bench } from "./harness.ts";

describe("parcelbox flash", () => {
  it("exits 2 without --runtime", async () => {
    expect((await bench().run("flash", "--no-build")).code).toBe(2);
  });

  it("exits 2 with a runtime it does not know", async () => {
    expect((await bench().run("flash", "--runtime", "micropython", "--no-build", "--port", "/dev/ttyACM0")).code).toBe(2);
  });

  it("for NodeMCU, prints the firmware list first (the guide's, from one source), then needs the port", async () => {
    const r = await bench().run("flash", "--runtime", "nodemcu", "--no-build", "--port", "/dev/ttyUSB-none");
    expect(r.stderr).toContain(renderFirmwareText());
    expect(r.stderr).toContain("#define LUA_USE_MODULES_RTCTIME");
    expect(r.stderr).toContain("CONFIG_NODEMCU_CMODULE_SODIUM=y");
    expect(r.code).toBe(3);
  });

  it("for NodeMCU without LFS images (no luac.cross at build time), says how to get them and exits 7", () => {
    const root = mkdtempSync(join(tmpdir(), "pb-noimg-"));
    try {
      const refusal = (() => {
        try {
          nodeMcuImage(root, "esp32");
        } catch (error) {
          return error as CliError;
        }
        return undefined;
      })();
      expect(refusal?.exitCode).toBe(7);
      expect(refusal?.message).toContain("luac.cross");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("finding the Espruino tools", () => {
  it("finds nothing in folders without them", () => {
    expect(espruinoTools(["/nonexistent/parcelbox"])).toBeUndefined();
  });

  it("without them, prints how to install them into their own folder and exits 7", async () => {
    const err: string[] = [];
    const ctx: CliContext = {
      env: { PARCELBOX_ESPRUINO_TOOLS: "/nonexistent/parcelbox" },
      output: { out: new Writable({ write: (_c, _e, done) => done() }), err: new Writable({ write: (c: Buffer, _e, done) => done(void err.push(c.toString())) }), colour: false },
      openPort: () => Promise.reject(new Error("no port in this test")),
      listPorts: async () => [],
      now: () => new Date(),
      randomBytes: (n) => Buffer.alloc(n),
      timeoutMs: 100,
    };
    expect(await runCli(["flash", "--runtime", "espruino", "--no-build", "--port", "/dev/ttyACM0"], ctx)).toBe(7);
    expect(err.join("")).toContain("npm ci --prefix tools/espruino-tools --no-audit --no-fund");
  });
});
