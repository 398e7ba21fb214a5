/** The page's pieces that need no box: its command line and the signals it lists. */
import { describe, expect, it } from "vitest";
import { DEFAULT_LINK } from "../../sim/view/session.ts";
import { DEFAULT_PORT, webOptionsFromArgs } from "../../sim/web/options.ts";
import { signals } from "../../sim/web/web-state.ts";
import type { LedColour } from "../../sim/state/outputs.ts";

describe("the web view's command line", () => {
  it("runs the Espruino build on the default port with the terminal view's USB link by default", () => {
    expect(webOptionsFromArgs([], {})).toEqual({ runtime: "espruino", port: DEFAULT_PORT, link: DEFAULT_LINK });
  });

  it("takes the runtime from $RUNTIME as `make sim` does, and --runtime over it", () => {
    expect(webOptionsFromArgs([], { RUNTIME: "nodemcu" }).runtime).toBe("nodemcu");
    expect(webOptionsFromArgs(["--runtime", "espruino"], { RUNTIME: "nodemcu" }).runtime).toBe("espruino");
  });

  it("takes --port 0 for any free port, --link and --no-usb", () => {
    expect(webOptionsFromArgs(["--port", "0", "--no-usb"], {})).toMatchObject({ port: 0, link: null });
    expect(webOptionsFromArgs(["--link", "/tmp/x"], {}).link).toBe("/tmp/x");
  });

  it("refuses an unknown runtime, a bad port and an unknown option, saying what it takes", () => {
    expect(() => webOptionsFromArgs(["--runtime", "arduino"], {})).toThrow("--runtime takes espruino or nodemcu, not arduino");
    expect(() => webOptionsFromArgs(["--port", "http"], {})).toThrow("--port takes a port number from 0 to 65535");
    expect(() => webOptionsFromArgs(["--port", "70000"], {})).toThrow("--port takes a port number");
    expect(() => webOptionsFromArgs(["--port"], {})).toThrow("--port needs a value");
    expect(() => webOptionsFromArgs(["--blank"], {})).toThrow("unknown option --blank");
  });
});

describe("the LED and buzzer signals the page lists", () => {
  const led = (changes: [number, LedColour][]) => changes.map(([atMs, value]) => ({ atMs, value }));

  it("lists each lit stretch newest first with how long it lasted, the one still lit without a length", () => {
    const history = led([[0, "off"], [100, "green"], [140, "off"], [500, "green"], [3500, "off"], [4000, "red"]]);
    expect(signals(history, (c) => (c === "off" ? undefined : c))).toEqual([
      { what: "red", forMs: undefined },
      { what: "green", forMs: 3000 },
      { what: "green", forMs: 40 },
    ]);
  });

  it("lists nothing for an output that never came on", () => {
    expect(signals([{ atMs: 0, value: false }], (on) => (on ? "beep" : undefined))).toEqual([]);
  });

  it("keeps only the newest four", () => {
    const history = [0, 1, 2, 3, 4, 5].flatMap((i) => [{ atMs: i * 10, value: true }, { atMs: i * 10 + 5, value: false }]);
    expect(signals(history, (on) => (on ? "beep" : undefined))).toHaveLength(4);
  });
});
