/**
 * The built Lua file on a virtual ESP8266 box (profile esp8266-nodemcu): the firmware picks the
 * ESP8266 profile from the gpio module, drives keypad rows, LEDs, buzzer and delivery output
 * through the PCF8574 at 0x20, pulses the coil with gpio.serout and owns UART 0 (USB). The
 * outputs on the expander (EX4-EX7) are wired active low: a 0 bit is on, a 1 bit off.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SimBox } from "../../../sim/box.ts";
import { bootBox, closeBoxes, collected, collector, VMS, type TestBox } from "./helpers.ts";
import { CONTACT_DEBOUNCE_MS } from "../../../firmware/boards/profiles.ts";

afterEach(closeBoxes);

const ESP8266 = { profile: "esp8266-nodemcu" };
const EXPANDER = 0x20;

function expanderWrites(t: TestBox, since: number): number[] {
  return t.board.i2c.transfers
    .slice(since)
    .filter((x) => x.kind === "write" && x.address === EXPANDER)
    .map((x) => x.bytes[0]);
}

describe.each(VMS)("ESP8266 board on %s", (vm) => {
  it("powered up with the service button (D3, GPIO0) held, sits in its ROM bootloader: no Lua runs until the next power-up", async () => {
    const t = await bootBox(vm, ESP8266);
    t.board.serviceButton.press();
    t.board.powerOff();
    t.board.advance(1000);
    t.board.powerOn();
    t.board.advance(100);
    expect(t.box.inRomBootloader).toBe(true);
    expect(() => t.lua("return 1")).toThrow(/off/);
    t.board.serviceButton.release();
    t.board.powerOff();
    t.board.powerOn();
    t.board.advance(100);
    expect(t.box.inRomBootloader).toBe(false);
    expect(t.lua("return parcelboxBoard.profile")).toBe("esp8266-nodemcu");
  });

  it("boots the built file as the esp8266-nodemcu profile without a Lua error", async () => {
    const t = await bootBox(vm, ESP8266);
    t.board.advance(100);
    expect(t.lua("return parcelboxBoard.profile")).toBe("esp8266-nodemcu");
    expect(t.box.failures).toEqual([]);
  });

  it("sets the expander at boot: keypad rows low, LEDs, buzzer and delivery output off (high)", async () => {
    const t = await bootBox(vm, ESP8266);
    expect(t.board.expander?.outputLatch).toBe(0xf0);
    expect([t.board.led.colour, t.board.buzzer.on, t.board.deliveryOut.on]).toEqual(["off", false, false]);
  });

  it("scans the keypad with one expander write per row and reports the key", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua(`${collector("scans")} parcelboxBoard.keypad.onScan(collect)`);
    const before = t.board.i2c.transfers.length;
    t.board.keypad.press("5");
    t.board.advance(5);
    expect(collected(t, "scans")).toEqual(["5@0"]);
    // Rows 0-3 low in turn (the others released), then all low again: the idle state. The
    // outputs (high nibble) stay high: off.
    expect(expanderWrites(t, before)).toEqual([0xfe, 0xfd, 0xfb, 0xf7, 0xf0]);
  });

  it("reports each key of a typed sequence and an empty scan after release", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua(`${collector("scans")} parcelboxBoard.keypad.onScan(collect)`);
    for (const key of ["1", "#", "0"]) {
      t.board.keypad.press(key);
      t.board.advance(25);
      t.board.keypad.release(key);
      t.board.advance(30);
    }
    const keys = collected(t, "scans").map((s) => s.split("@")[0]);
    expect(keys.filter((k) => k !== "")).toEqual(["1", "1", "1", "#", "#", "#", "0", "0", "0"]);
    expect(keys.filter((k) => k === "")).toHaveLength(3);
    expect(t.board.pins.shorts).toEqual([]);
  });

  it("schedules nothing soon and writes nothing to the expander while no key is pressed", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua(`${collector("scans")} parcelboxBoard.keypad.onScan(collect)`);
    const before = t.board.i2c.transfers.length;
    t.board.advance(60_000);
    expect(collected(t, "scans")).toEqual([]);
    expect(expanderWrites(t, before)).toEqual([]);
    expect(t.pending()).toBe(0);
  });

  it("schedules nothing once the key is released", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua(`${collector("scans")} parcelboxBoard.keypad.onScan(collect)`);
    t.board.keypad.press("9");
    t.board.advance(15);
    t.board.keypad.release("9");
    t.board.advance(20);
    expect(t.pending()).toBe(0);
  });

  it("shows the LED colours through the expander, amber in one write", async () => {
    const t = await bootBox(vm, ESP8266);
    const before = t.board.i2c.transfers.length;
    const seen = t.board.led.history.length;
    for (const colour of ["green", "amber", "red", "off"]) t.lua(`parcelboxBoard.signals.led("${colour}")`);
    expect(t.board.led.history.slice(seen).map((c) => c.value)).toEqual(["green", "amber", "red", "off"]);
    // EX4 green, EX5 red, each lit by a 0 bit.
    expect(expanderWrites(t, before)).toEqual([0xe0, 0xc0, 0xd0, 0xf0]);
  });

  it("switches buzzer (EX6) and delivery output (EX7) without disturbing each other or the rows", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua(`parcelboxBoard.signals.buzzer(true) parcelboxBoard.outputs.deliverySignal(true)`);
    expect([t.board.buzzer.on, t.board.deliveryOut.on]).toEqual([true, true]);
    t.lua(`parcelboxBoard.signals.buzzer(false)`);
    expect([t.board.buzzer.on, t.board.deliveryOut.on]).toEqual([false, true]);
    // EX7 low (delivery output on), EX6 high (buzzer off), rows low.
    expect(t.board.expander?.outputLatch).toBe(0x70);
  });

  it("keeps the outputs set while a key scan drives the rows", async () => {
    const t = await bootBox(vm, ESP8266);
    const seen = t.board.led.history.length;
    t.lua(`parcelboxBoard.signals.led("green") parcelboxBoard.keypad.onScan(function() end)`);
    t.board.keypad.press("4");
    t.board.advance(5);
    expect(t.board.led.history.slice(seen).map((c) => c.value)).toEqual(["green"]);
  });
});

describe.each(VMS)("ESP8266 lock coil on %s", (vm) => {
  it("is pulsed by gpio.serout on D8 for exactly the pulse's length", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua(`calls = {} local serout = gpio.serout gpio.serout = function(...) calls[#calls + 1] = table.concat({...}, " ", 1, 2) return serout(...) end`);
    t.lua("parcelboxBoard.coil.pulse(350)");
    t.board.advance(349);
    expect(t.board.coil.energised).toBe(true);
    t.board.advance(1);
    expect(t.board.coil.energised).toBe(false);
    expect(t.board.coil.pulses).toEqual([{ startMs: 0, endMs: 350 }]);
    expect(t.lua("return calls[1]")).toBe("8 1");
  });

  it("ends the pulse on the hardware timer even when Lua never runs the done callback", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua("gpio.write = function() error('Lua is stalled') end parcelboxBoard.coil.pulse(1500)");
    t.board.advance(1500);
    expect(t.board.coil.energised).toBe(false);
    expect(t.board.coil.longestMs).toBe(1500);
  });

  it("splits a pulse longer than one hardware-timer step and energises it for the whole length", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua("parcelboxBoard.coil.pulse(5000)");
    t.board.advance(6000);
    const pulses = t.board.coil.pulses;
    const energised = pulses.reduce((sum, p) => sum + ((p.endMs ?? 0) - p.startMs), 0);
    expect(energised).toBeCloseTo(5000, 6);
    expect(t.board.coil.longestMs).toBeLessThanOrEqual(1600);
    expect(t.board.coil.energised).toBe(false);
  });

  it("is released at once by release(), and a running sequence cannot switch it on again", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua("parcelboxBoard.coil.pulse(5000)");
    t.board.advance(100);
    t.lua("parcelboxBoard.coil.release()");
    expect(t.board.coil.energised).toBe(false);
    t.board.advance(6000);
    expect(t.board.coil.pulseCount).toBe(1);
    expect(t.board.coil.longestMs).toBe(100);
  });
});

describe.each(VMS)("ESP8266 lid and USB on %s", (vm) => {
  it("reads the lid on D12 (GPIO10) and reports a change once settled", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua(`${collector("lid")} parcelboxBoard.lid.onChange(collect)`);
    expect(t.lua("return parcelboxBoard.lid.isOpen()")).toBe("false");
    t.board.lid.open();
    t.board.advance(CONTACT_DEBOUNCE_MS + 10);
    expect(collected(t, "lid")).toEqual(["true"]);
  });

  it("talks USB through uart 0 and gives the host no Lua prompt", async () => {
    const t = await bootBox(vm, ESP8266);
    t.board.usb.takeOutput();
    t.board.usb.send("pwned = 1\r\n");
    t.board.advance(10);
    expect(t.lua("return pwned")).toBe("nil");
    const out = t.board.usb.takeOutput();
    expect(out).toMatch(/^pwned ERR E_UNKNOWN\r?\n/);
    expect(out).not.toContain("> ");
  });

  it("sends the firmware's bytes, binary ones included, through uart.write", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua(`local b = {} for i = 0, 255 do b[#b + 1] = string.char(i) end parcelboxBoard.usb.write(table.concat(b))`);
    expect(t.board.usb.takeOutput()).toBe(String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)));
  });

  it("kicks the watchdog with tmr.wdclr", async () => {
    const t = await bootBox(vm, ESP8266);
    const before = t.box.boot.watchdogKicks;
    t.lua("parcelboxBoard.system.kickWatchdog()");
    expect(t.box.boot.watchdogKicks).toBe(before + 1);
  });
});

describe.each(VMS)("ESP8266 through the simulator facade on %s", (vm) => {
  it("SimBox with the esp8266-nodemcu profile boots it and scans through the expander", async () => {
    const sim = await SimBox.start({ runtime: "nodemcu", lua: vm, profile: "esp8266-nodemcu" });
    try {
      const before = sim.board.i2c.transfers.length;
      sim.type("1");
      expect(sim.board.profile.name).toBe("esp8266-nodemcu");
      expect(sim.board.i2c.transfers.slice(before).some((x) => x.kind === "write" && x.address === EXPANDER)).toBe(true);
      expect(sim.errors()).toEqual([]);
    } finally {
      sim.close();
    }
  });
});
