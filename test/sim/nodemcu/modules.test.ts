/**
 * The emulated NodeMCU modules themselves, on a firmware that does nothing (an empty init.lua):
 * the ESP32 facts the adapter relies on, and the refusals a device would give.
 */
import { afterEach, describe, expect, it } from "vitest";
import { bootBox, closeBoxes, VMS } from "./helpers.ts";

afterEach(closeBoxes);

const bare = { firmware: "-- empty init.lua" };

describe.each(VMS)("NodeMCU modules on %s", (vm) => {
  it("gpio.trig takes ESP32's INTR_* constants and refuses ESP8266's strings", async () => {
    const t = await bootBox(vm, {}, bare);
    expect(t.lua(`return (pcall(gpio.trig, 18, gpio.INTR_DOWN, function() end))`)).toBe("true");
    expect(t.lua(`return (pcall(gpio.trig, 18, "down", function() end))`)).toBe("false");
  });

  it("gpio.trig passes (pin, level) to its callback", async () => {
    const t = await bootBox(vm, {}, bare);
    t.lua(`gpio.config({ gpio = 26, dir = gpio.IN, pull = gpio.PULL_UP }) gpio.trig(26, gpio.INTR_UP_DOWN, function(pin, level) seen = pin .. ":" .. level end)`);
    t.board.lid.open();
    t.board.advance(0);
    expect(t.lua("return seen")).toBe("26:1");
  });

  it("gpio.trig with INTR_DOWN ignores a rising edge", async () => {
    const t = await bootBox(vm, {}, bare);
    t.lua(`gpio.config({ gpio = 26, dir = gpio.IN, pull = gpio.PULL_UP }) gpio.trig(26, gpio.INTR_DOWN, function() seen = "down" end)`);
    t.board.lid.open();
    t.board.advance(10);
    expect(t.lua("return seen")).toBe("nil");
  });

  it("has no internal pull-up on input-only GPIO34 (the board's resistor holds it high)", async () => {
    const t = await bootBox(vm, {}, bare);
    t.lua(`gpio.config({ gpio = 34, dir = gpio.IN, pull = gpio.PULL_UP })`);
    expect(t.board.pins.mode("GPIO34")).toBe("input");
    expect(t.lua("return gpio.read(34)")).toBe("1");
    expect(t.lua(`return (pcall(gpio.config, { gpio = 34, dir = gpio.OUT }))`)).toBe("false");
  });

  it("refuses a gpio number the board does not wire", async () => {
    const t = await bootBox(vm, {}, bare);
    expect(t.lua(`local ok, err = pcall(gpio.read, 2) return err`)).toContain("gpio 2 is not wired");
  });

  it("io.open of a missing file for reading returns nil and a message", async () => {
    const t = await bootBox(vm, {}, bare);
    expect(t.lua(`return io.open("absent", "r")`)).toBe("nil");
    expect(t.lua(`local f, err = io.open("absent", "r") return err`)).toBe("absent: No such file or directory");
  });

  it("a file io.open'ed with \"w\" appears on flash when closed, and reads back", async () => {
    const t = await bootBox(vm, {}, bare);
    t.lua(`f = io.open("notes", "w") f:write("hel", "lo")`);
    expect(t.board.flash.has("notes")).toBe(false);
    t.lua(`f:close()`);
    expect(Buffer.from(t.board.flash.read("notes") as Uint8Array).toString("latin1")).toBe("hello");
    expect(t.lua(`local f = io.open("notes", "r") local s = f:read("a") f:close() return s`)).toBe("hello");
    expect(t.lua(`local f = io.open("notes") local a, b = f:read(2, 10) f:close() return a .. "|" .. b .. "|" .. tostring(io.open("notes"):read(0))`)).toBe("he|llo|");
  });

  it("i2c.address acknowledges the DS3231 and nothing at an empty address", async () => {
    const t = await bootBox(vm, {}, bare);
    t.lua(`i2c.setup(i2c.SW, 21, 22, i2c.SLOW)`);
    // The DS3231 module and its pull-ups are fed from GPIO5 (profiles.ts, rtcPower): unpowered, nothing answers.
    expect(t.lua(`i2c.start(0) local ok = i2c.address(0, 0x68, i2c.TRANSMITTER) i2c.stop(0) return ok`)).toBe("false");
    t.lua(`gpio.config({ gpio = 5, dir = gpio.OUT }) gpio.write(5, 1)`);
    expect(t.lua(`i2c.start(0) local ok = i2c.address(0, 0x68, i2c.TRANSMITTER) i2c.stop(0) return ok`)).toBe("true");
    expect(t.lua(`i2c.start(0) local ok = i2c.address(0, 0x50, i2c.TRANSMITTER) i2c.stop(0) return ok`)).toBe("false");
  });

  it("i2c.setup refuses pins the bus is not wired to", async () => {
    const t = await bootBox(vm, {}, bare);
    expect(t.lua(`return (pcall(i2c.setup, 0, 25, 26, i2c.SLOW))`)).toBe("false");
  });

  it("has none of ESP8266's tmr.now, node.random and rtctime", async () => {
    const t = await bootBox(vm, {}, bare);
    expect(t.lua("return tostring(tmr.now) .. tostring(node.random) .. tostring(rtctime)")).toBe("nilnilnil");
  });

  it("node.uptime() counts microseconds since boot, as a float and a high part", async () => {
    const t = await bootBox(vm, {}, bare);
    t.board.advance(1234);
    expect(t.lua("local low, high = node.uptime() return math.type(low) .. ' ' .. math.floor(low) .. ' ' .. high")).toBe("float 1234000 0");
  });

  it("time.get() gives integer seconds and microseconds", async () => {
    const t = await bootBox(vm, {}, bare);
    t.lua("time.set(200000000)");
    t.board.advance(2500);
    expect(t.lua("local s, us = time.get() return math.type(s) .. ' ' .. s .. ' ' .. math.type(us) .. ' ' .. us")).toBe("integer 200000002 integer 500000");
  });

  it("time starts again from 0 at every boot", async () => {
    const t = await bootBox(vm, {}, bare);
    t.lua("time.set(200000000)");
    t.board.reset("watchdog");
    t.board.advance(3000);
    expect(t.lua("return (time.get())")).toBe("3");
  });

  it("sodium.random.buf(n) returns n bytes", async () => {
    const t = await bootBox(vm, {}, bare);
    expect(t.lua("return #sodium.random.buf(16)")).toBe("16");
    expect(t.lua("return sodium.random.buf(16) ~= sodium.random.buf(16)")).toBe("true");
  });

  it("has NodeMCU's constants: pulls, alarm modes, console modes", async () => {
    const t = await bootBox(vm, {}, bare);
    expect(t.lua("return table.concat({ gpio.FLOATING, gpio.PULL_UP, gpio.PULL_DOWN, gpio.PULL_UP_DOWN }, ',')")).toBe("0,1,2,3");
    expect(t.lua("return tostring(gpio.INTR_DISABLE) .. ' ' .. gpio.INTR_NONE")).toBe("nil 0");
    expect(t.lua("return table.concat({ tmr.ALARM_SINGLE, tmr.ALARM_AUTO, tmr.ALARM_SEMI }, ',')")).toBe("0,1,2");
  });

  it("a dev-esp32 build with the console module has console.mode's constants", async () => {
    const t = await bootBox(vm, {}, { ...bare, esp32Console: "console" });
    expect(t.lua("return console.NONINTERACTIVE .. ',' .. console.INTERACTIVE")).toBe("0,1");
  });

  it("gpio.config without a pull leaves the pin floating", async () => {
    const t = await bootBox(vm, {}, bare);
    t.lua(`gpio.config({ gpio = 26, dir = gpio.IN })`);
    expect(t.board.pins.mode("GPIO26")).toBe("input");
    t.lua(`gpio.config({ gpio = 26, dir = gpio.IN, pull = gpio.PULL_UP })`);
    expect(t.board.pins.mode("GPIO26")).toBe("input_pullup");
  });

  it("console.mode refuses a mode that is not one of its constants", async () => {
    const t = await bootBox(vm, {}, { ...bare, esp32Console: "console" });
    expect(t.lua("return (pcall(console.mode, 7))")).toBe("false");
  });

  it("i2c.write refuses a number outside 0..255", async () => {
    const t = await bootBox(vm, {}, bare);
    t.lua(`gpio.config({ gpio = 5, dir = gpio.OUT }) gpio.write(5, 1) i2c.setup(i2c.SW, 21, 22, i2c.SLOW) i2c.start(0) i2c.address(0, 0x68, i2c.TRANSMITTER)`);
    expect(t.lua("return (pcall(i2c.write, 0, 256))")).toBe("false");
    expect(t.lua("return (pcall(i2c.write, 0, { 1, -1 }))")).toBe("false");
    expect(t.lua("return i2c.write(0, 0, 255)")).toBe("2");
  });
});
