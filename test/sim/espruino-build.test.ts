// The BUILT firmware (the Storage files of `make build`: tools/build/espruino-storage.ts) booted on
// the virtual board: the Espruino adapter's Board, probed through the `parcelboxBoard` global
// main.ts exposes, by its source names (the build renames them: sim/espruino/mangled.ts).
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Board } from "../../firmware/core/board.ts";
import { STUCK_KEY_MS } from "../../firmware/core/matrix.ts";
import { bootEspruino, ESPRUINO_BUILD_FILE, type EspruinoBoot } from "../../sim/espruino/boot.ts";
import { unmangled } from "../../sim/espruino/mangled.ts";
import { VirtualBoard, type BoardOptions } from "../../sim/state/board.ts";

const NOV_2026_BOX = Date.UTC(2026, 10, 28, 9) / 1000 - 1577836800;

interface Box {
  board: VirtualBoard;
  sim: EspruinoBoot;
  /** The adapter's Board of the current boot. */
  adapter(): Board;
  scans: string[];
}

function boot(options: BoardOptions = {}): Box {
  const board = new VirtualBoard(options);
  const sim = bootEspruino(board);
  const scans: string[] = [];
  const adapter = (): Board => unmangled(sim.global.parcelboxBoard as Board);
  adapter().keypad.onScan((pressed, atMs) => scans.push(`${pressed}@${atMs}`));
  return { board, sim, adapter, scans };
}

/** Presses and releases keys the way a finger does: 80 ms down, 120 ms up. */
function type(box: Box, keys: string): void {
  for (const key of keys) {
    box.board.keypad.press(key);
    box.board.advance(80);
    box.board.keypad.release(key);
    box.board.advance(120);
  }
}

beforeAll(() => {
  if (!existsSync(ESPRUINO_BUILD_FILE)) throw new Error(`${ESPRUINO_BUILD_FILE} is missing: run make build first`);
});

describe("built Espruino firmware on the virtual board", () => {
  it("boots without uncaught errors, and without the test-only hash API (build/espruino/conformance.js has it)", () => {
    const box = boot();
    expect(box.sim.errors).toEqual([]);
    expect(box.sim.global.parcelbox).toBeUndefined();
    expect(box.adapter().profile).toBe("espruino-pico");
    expect(box.adapter().runtime).toBe("espruino");
  });

  it("boots the box file built for the board's profile (tools/build/espruino-storage.ts)", () => {
    expect(boot({ profile: "espruino-wifi" }).adapter().profile).toBe("espruino-wifi");
  });

  it("reports a pressed key from the keypad scan, then an empty scan when it is released", () => {
    const box = boot();
    box.board.advance(1000);
    type(box, "5");
    const pressed = box.scans.map((s) => s.split("@")[0]);
    expect(pressed[0]).toBe("5");
    expect(pressed.filter((p) => p === "5").length).toBeGreaterThanOrEqual(7);
    expect(pressed[pressed.length - 1]).toBe("");
  });

  it("stamps scans with uptime and scans about every 10 ms while a key is down", () => {
    const box = boot();
    box.board.advance(1000);
    type(box, "1");
    const times = box.scans.map((s) => Number(s.split("@")[1]));
    expect(times[0]).toBe(1000);
    expect(times[1] - times[0]).toBe(10);
  });

  it("reports two keys held together in matrix order", () => {
    const box = boot();
    box.board.keypad.press("#");
    box.board.keypad.press("2");
    box.board.advance(30);
    expect(box.scans.map((s) => s.split("@")[0])).toContain("2#");
  });

  it("reads every key of the matrix at its place", () => {
    const box = boot();
    type(box, "123456789*0#");
    const keys = box.scans.map((s) => s.split("@")[0]).filter((p, i, all) => p !== "" && p !== all[i - 1]);
    expect(keys.join("")).toBe("123456789*0#");
  });

  it("runs no timer once the keys are up and the entry has timed out, and reports nothing more while idle", () => {
    const box = boot();
    type(box, "42");
    const count = box.scans.length;
    box.board.advance(60_000);
    // Only the box's daily housekeeping wake may remain: nothing due within the next hour.
    expect(box.sim.runtime.nextTimerInMs() ?? Infinity).toBeGreaterThan(3_600_000);
    box.board.advance(3_600_000);
    expect(box.scans.length).toBe(count);
  });

  it("a column shorted to ground reads as its four keys held; after STUCK_KEY_MS they are stuck and scanning stops", () => {
    const box = boot();
    box.board.pins.connect("fault", box.board.profile.pins.keypadColumns[0], "GND");
    box.board.advance(100);
    expect(box.scans[box.scans.length - 1].split("@")[0]).toBe("147*");
    // The scan keeps polling every 10 ms (besides the box's daily wake)...
    expect(box.sim.runtime.nextTimerInMs()).toBeLessThanOrEqual(10);
    // ...until the keys count as stuck: then nothing polls (the entry's timeout aside).
    box.board.advance(STUCK_KEY_MS + 20_000);
    expect(box.scans[box.scans.length - 1].split("@")[0]).toBe("");
    expect(box.sim.runtime.nextTimerInMs() ?? Infinity).toBeGreaterThan(3_600_000);
  });

  it("a key held past STUCK_KEY_MS is left out and nothing polls; keys of the other columns still scan; its release frees it", () => {
    const box = boot();
    box.board.advance(1000);
    box.board.keypad.press("5");
    box.board.advance(STUCK_KEY_MS + 20_000);
    expect(box.scans[box.scans.length - 1].split("@")[0]).toBe("");
    expect(box.sim.runtime.nextTimerInMs() ?? Infinity).toBeGreaterThan(3_600_000);
    const seen = (): string[] => box.scans.map((s) => s.split("@")[0]).filter((p, i, all) => p !== "" && p !== all[i - 1]);
    box.scans.length = 0;
    type(box, "1");
    type(box, "2");
    expect(seen()).toEqual(["1"]);
    box.board.keypad.release("5");
    box.board.advance(100);
    box.scans.length = 0;
    type(box, "5");
    expect(seen()).toEqual(["5"]);
  });

  it("pulses the coil from digitalPulse for the time asked, and releases on demand", () => {
    const box = boot();
    box.adapter().coil.pulse(400);
    box.board.advance(1000);
    expect(box.board.coil.longestMs).toBe(400);
    box.adapter().coil.pulse(5000);
    box.board.advance(100);
    box.adapter().coil.release();
    expect(box.board.coil.energised).toBe(false);
  });

  it("ends a coil pulse even when the interpreter hangs (hardware timer)", () => {
    const box = boot();
    box.adapter().coil.pulse(300);
    box.sim.runtime.hang();
    box.board.advance(1000);
    expect(box.board.coil.longestMs).toBe(300);
  });

  it("reports the lid after its debounce: open is true", () => {
    const box = boot();
    const seen: boolean[] = [];
    box.adapter().lid.onChange((open) => seen.push(open));
    box.board.lid.open();
    box.board.advance(100);
    expect(seen).toEqual([true]);
    expect(box.adapter().lid.isOpen()).toBe(true);
  });

  it("drives the LED colours and the buzzer", () => {
    const box = boot();
    box.adapter().signals.led("amber");
    box.adapter().signals.buzzer(true);
    expect(box.board.led.colour).toBe("amber");
    expect(box.board.buzzer.on).toBe(true);
  });

  it("keeps flash files in Storage, visible in the sim flash", () => {
    const box = boot();
    const flash = box.adapter().flash;
    expect(flash.create("events.0", 8)).toBe(true);
    expect(flash.write("events.0", 0, "ab")).toBe(true);
    expect(flash.read("events.0")).toBe("ab\xff\xff\xff\xff\xff\xff");
    // Beside the box's own store files (pb.*).
    expect(box.board.flash.list()).toContain("events.0");
  });

  it("reads a part of a flash file: from an offset, at most a length, fewer where the file ends", () => {
    const flash = boot().adapter().flash;
    flash.create("events.0", 8);
    flash.write("events.0", 0, "abcdef");
    expect(flash.read("events.0", 2, 3)).toBe("cde");
    expect(flash.read("events.0", 4)).toBe("ef\xff\xff");
    expect(flash.read("events.0", 6, 16)).toBe("\xff\xff");
    expect(flash.read("events.0", 0, 0)).toBe("");
    expect(flash.read("missing", 0, 4)).toBeUndefined();
  });

  it("refuses a flash write over written bytes and leaves them as they were", () => {
    const box = boot();
    const flash = box.adapter().flash;
    flash.create("state", 4);
    flash.write("state", 0, "ab");
    expect(flash.write("state", 1, "xy")).toBe(false);
    expect(flash.read("state")).toBe("ab\xff\xff");
    expect(box.board.flash.violations).toEqual([]);
  });

  it("refuses a flash write past the file's end or before its start, and takes one that ends at its last byte", () => {
    // The port checks the range and the erased bytes in the file as Storage holds it (its tag byte first).
    const box = boot();
    const flash = box.adapter().flash;
    flash.create("state", 4);
    expect(flash.write("state", 3, "xy")).toBe(false);
    expect(flash.write("state", -1, "x")).toBe(false);
    expect(flash.write("other", 0, "x")).toBe(false);
    expect(flash.write("state", 2, "xy")).toBe(true);
    expect(flash.write("state", 1, "z")).toBe(true);
    expect(flash.write("state", 0, "ab")).toBe(false);
    expect(flash.read("state")).toBe("\xffzxy");
  });

  it("refuses to create a flash file whose name exists, or one larger than the flash", () => {
    const box = boot();
    const flash = box.adapter().flash;
    flash.create("state", 4);
    flash.write("state", 0, "a");
    expect(flash.create("state", 4)).toBe(false);
    expect(flash.read("state")).toBe("a\xff\xff\xff");
    expect(flash.create("huge", box.board.flash.capacityBytes)).toBe(false);
  });

  it("keeps flash files across a power cycle", () => {
    const box = boot();
    box.adapter().flash.create("state", 2);
    box.adapter().flash.write("state", 1, "z");
    box.board.powerCycle(1000);
    expect(box.adapter().flash.read("state")).toBe("\xffz");
  });

  it("follows virtual time once the clock is set", () => {
    const box = boot({ ds3231: false });
    expect(box.adapter().clock.now()).toBe(-1);
    box.adapter().clock.set(NOV_2026_BOX);
    box.board.advance(2 * 86_400_000);
    expect(box.adapter().clock.now()).toBe(NOV_2026_BOX + 2 * 86_400);
  });

  it("keeps uptime monotonic when the clock is set", () => {
    const box = boot({ ds3231: false });
    box.board.advance(5000);
    box.adapter().clock.set(NOV_2026_BOX);
    expect(box.adapter().timers.uptimeMs()).toBe(5000);
  });

  it("sets the clock from the DS3231 after a power cycle", () => {
    const box = boot();
    expect(box.adapter().clock.hasBackup()).toBe(true);
    box.adapter().clock.set(NOV_2026_BOX);
    box.board.powerCycle(60_000);
    expect(box.adapter().clock.now()).toBe(NOV_2026_BOX + 60);
  });

  it("without a DS3231 the clock is unknown after a power cycle", () => {
    const box = boot({ ds3231: false });
    box.adapter().clock.set(NOV_2026_BOX);
    box.board.powerCycle(60_000);
    expect(box.adapter().clock.hasBackup()).toBe(false);
    expect(box.adapter().clock.now()).toBe(-1);
  });

  it("owns the USB port: bytes reach onData and no interpreter prompt answers", () => {
    const box = boot();
    const got: string[] = [];
    box.adapter().usb.onData((chunk) => got.push(chunk));
    box.board.usb.send("1+1\r");
    box.board.advance(1);
    expect(got).toEqual(["1+1\r"]);
    // No interpreter evaluates it ("=2"): the firmware's USB protocol refuses the line.
    expect(box.board.usb.takeOutput()).toMatch(/^- ERR E_SYNTAX /);
    box.adapter().usb.write("ok\n");
    expect(box.board.usb.takeOutput()).toBe("ok\n");
  });

  it("enables deep sleep, and no watchdog (which would reset a deep-sleeping STM32)", () => {
    const box = boot();
    expect(box.sim.parts?.watchdog.enabled).toBe(false);
    expect(box.sim.parts?.deepSleep.enabled).toBe(true);
  });

  it("would sleep deeply when idle with USB unplugged, and not while a key is held", () => {
    const box = boot();
    box.board.usb.connected = false;
    expect(box.sim.wouldDeepSleep()).toBe(true);
    box.board.keypad.press("7");
    box.board.advance(5);
    expect(box.sim.wouldDeepSleep()).toBe(false);
  });

  it("reports the service button and the home relay", () => {
    const box = boot();
    const service: boolean[] = [];
    let homeOpens = 0;
    box.adapter().inputs.onService((pressed) => service.push(pressed));
    box.adapter().inputs.onHomeOpen(() => homeOpens++);
    box.board.serviceButton.press();
    box.board.homeOpen.close();
    box.board.advance(100);
    expect(service).toEqual([true]);
    expect(box.adapter().inputs.servicePressed()).toBe(true);
    expect(homeOpens).toBe(1);
  });

  it("drives the delivery output", () => {
    const box = boot();
    box.adapter().outputs.deliverySignal(true);
    expect(box.board.deliveryOut.on).toBe(true);
  });

  it("draws random bytes from E.hwRand", () => {
    const a = boot({ seed: 7 }).adapter().system.randomBytes(10);
    const b = boot({ seed: 7 }).adapter().system.randomBytes(10);
    const c = boot({ seed: 8 }).adapter().system.randomBytes(10);
    expect(a).toHaveLength(10);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
