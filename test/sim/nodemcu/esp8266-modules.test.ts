/**
 * The emulated ESP8266 flavour of NodeMCU's modules on a firmware that does nothing (an empty
 * init.lua) on the esp8266-nodemcu board: the facts the adapter relies on, and the refusals a
 * device would give. Pins are D indexes (D5 = GPIO14, D12 = GPIO10).
 */
import { afterEach, describe, expect, it } from "vitest";
import { bootBox, closeBoxes, VMS } from "./helpers.ts";

afterEach(closeBoxes);

const ESP8266 = { profile: "esp8266-nodemcu" };
const bare = { firmware: "-- empty init.lua" };

describe.each(VMS)("ESP8266 NodeMCU modules on %s", (vm) => {
  it("has gpio.mode and gpio.serout, and neither gpio.config nor the console module", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    expect(t.lua("return type(gpio.mode) .. type(gpio.serout) .. type(gpio.config) .. type(console)")).toBe("functionfunctionnilnil");
  });

  it("gpio.mode maps INPUT/INT with PULLUP, OUTPUT and OPENDRAIN onto the pins", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    t.lua("gpio.mode(5, gpio.INT, gpio.PULLUP) gpio.mode(6, gpio.INPUT) gpio.mode(8, gpio.OUTPUT) gpio.mode(7, gpio.OPENDRAIN, gpio.PULLUP)");
    expect(["D5", "D6", "D8", "D7"].map((p) => t.board.pins.mode(p))).toEqual(["input_pullup", "input", "output", "opendrain_pullup"]);
  });

  it("gpio.trig takes ESP8266's strings and refuses ESP32's constants", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    t.lua("gpio.mode(12, gpio.INT, gpio.PULLUP)");
    expect(t.lua(`return (pcall(gpio.trig, 12, "both", function() end))`)).toBe("true");
    expect(t.lua(`return (pcall(gpio.trig, 12, 3, function() end))`)).toBe("false");
    expect(t.lua(`return (pcall(gpio.trig, 12, "sideways", function() end))`)).toBe("false");
  });

  it("gpio.trig passes (level, when, eventcount), counting edges that came before the callback ran", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    t.board.advance(7);
    t.lua(`seen = {} gpio.mode(12, gpio.INT, gpio.PULLUP) gpio.trig(12, "both", function(level, when, count) seen[#seen + 1] = level .. ":" .. when .. ":" .. count end)`);
    t.board.lid.open();
    t.board.lid.close();
    t.board.lid.open();
    t.board.advance(0);
    expect(t.lua("return table.concat(seen, ',')")).toBe("1:7000:3");
  });

  it("gpio.trig \"down\" ignores a rising edge", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    t.lua(`gpio.mode(12, gpio.INT, gpio.PULLUP) gpio.trig(12, "down", function() seen = "down" end)`);
    t.board.lid.open();
    t.board.advance(10);
    expect(t.lua("return seen")).toBe("nil");
  });

  it("gpio.trig does not fire on a pin that is not in INT mode", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    t.lua(`gpio.mode(12, gpio.INPUT, gpio.PULLUP) gpio.trig(12, "both", function() seen = "edge" end)`);
    t.board.lid.open();
    t.board.advance(10);
    expect(t.lua("return seen")).toBe("nil");
  });

  it("gpio.serout sets the start level and toggles after each delay, then calls back", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    t.lua(`gpio.mode(8, gpio.OUTPUT) gpio.serout(8, gpio.HIGH, {30000, 20000, 10000, 0}, 1, function() done = true end)`);
    const levels: string[] = [];
    for (const ms of [0, 29, 31, 49, 51, 59, 61]) {
      t.board.advance(ms - (levels.length === 0 ? 0 : [0, 29, 31, 49, 51, 59, 61][levels.length - 1]));
      levels.push(`${ms}:${t.board.pins.read("D8")}`);
    }
    expect(levels).toEqual(["0:1", "29:1", "31:0", "49:0", "51:1", "59:1", "61:0"]);
    expect(t.lua("return done")).toBe("true");
  });

  it("a new gpio.serout replaces a running one", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    t.lua(`gpio.mode(8, gpio.OUTPUT) gpio.serout(8, 1, {100000, 0}, 1, function() first = true end)`);
    t.board.advance(10);
    t.lua(`gpio.serout(8, 0, {10}, 1, function() second = true end)`);
    t.board.advance(200);
    expect(t.board.pins.read("D8")).toBe(0);
    expect(t.lua("return tostring(first) .. tostring(second)")).toBe("niltrue");
  });

  it("keeps tmr.now, node.random and rtctime, and has none of ESP32's time, sodium and node.uptime", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    expect(t.lua("return type(tmr.now) .. type(node.random) .. type(rtctime)")).toBe("functionfunctiontable");
    expect(t.lua("return tostring(time) .. tostring(sodium) .. tostring(node.uptime)")).toBe("nilnilnil");
  });

  it("tmr.now() wraps at 2^31 microseconds", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    t.board.advance(2_147_484);
    expect(t.lua("return tmr.now()")).toBe(String((2_147_484_000 % 2 ** 31)));
  });

  it("gives a Lua prompt on UART 0 until uart.on takes the port with run_input 0", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    t.board.usb.send("print(6 * 7)\n");
    t.board.advance(0);
    expect(t.board.usb.takeOutput()).toBe("print(6 * 7)\n42\n> ");
    t.lua(`got = {} uart.on("data", 0, function(d) got[#got + 1] = d end, 0)`);
    t.board.usb.send("x = 1\n");
    t.board.advance(0);
    expect(t.board.usb.takeOutput()).toBe("");
    expect(t.lua("return tostring(x) .. '|' .. table.concat(got)")).toBe("nil|x = 1\n");
  });

  it("uart.write sends to UART 0 and refuses a UART the board does not wire", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    t.lua(`uart.write(0, "ok", 10)`);
    expect(t.board.usb.takeOutput()).toBe("ok\n");
    expect(t.lua(`return (pcall(uart.write, 1, "x"))`)).toBe("false");
  });

  it("i2c.setup takes the D indexes of the DS3231's bus (SDA D2, SCL D1) and finds the expander", async () => {
    const t = await bootBox(vm, ESP8266, bare);
    t.lua(`i2c.setup(0, 2, 1, i2c.SLOW)`);
    expect(t.lua(`i2c.start(0) local ok = i2c.address(0, 0x20, i2c.TRANSMITTER) i2c.stop(0) return ok`)).toBe("true");
    expect(t.lua(`return (pcall(i2c.setup, 0, 21, 22, i2c.SLOW))`)).toBe("false");
  });
});
