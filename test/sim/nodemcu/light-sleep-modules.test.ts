/**
 * The simulator's ESP32 light sleep (sim/nodemcu/sleep.ts): node.sleep, gpio.wakeup and
 * uart.wakeup as NodeMCU documents them. Only the sources node.sleep was given wake the chip; the
 * firmware's own light sleep is switched off here (parcelboxSleep.enable(false)), so each test
 * drives node.sleep itself from a timer callback, as firmware would.
 */
import { afterEach, describe, expect, it } from "vitest";
import { UART_WAKE_LOST_AFTER, WAKE_GPIO, WAKE_TIMER, WAKE_UART, risingEdges } from "../../../sim/nodemcu/sleep.ts";
import { bootBox as bootFirmware, closeBoxes, VMS, type TestBox } from "./helpers.ts";

/** A booted box whose firmware keeps its own light sleep off, so only the test calls node.sleep. */
async function bootBox(...args: Parameters<typeof bootFirmware>): Promise<TestBox> {
  const t = await bootFirmware(...args);
  t.lua("if parcelboxSleep then parcelboxSleep.enable(false) end");
  return t;
}

afterEach(closeBoxes);

/** Calls node.sleep(`options`) from a timer callback 1 ms from now; `reasons` collects what it returns. */
function sleepSoon(t: TestBox, options: string): void {
  t.lua(`reasons = reasons or {}
    local timer = tmr.create()
    timer:alarm(1, tmr.ALARM_SINGLE, function() reasons[#reasons + 1] = node.sleep(${options}) end)`);
  t.board.advance(1);
}

function reasons(t: TestBox): string {
  return t.lua("return table.concat(reasons, ',')");
}

/** Replaces the firmware's USB listener with one that collects the bytes in `got`. */
function collectUsb(t: TestBox): void {
  t.lua(`got = "" uart.on("data", 0, function(d) got = got .. d end, 0)`);
}

describe("rising edges of a UART byte (8N1, idle high)", () => {
  it("counts 3 for 'a', as ESP-IDF's uart_set_wakeup_threshold example says, and for '\\r'", () => {
    expect(risingEdges(0x61)).toBe(3);
    expect(risingEdges(0x0d)).toBe(3);
  });

  it("counts 1 for 0xff (only the start bit's end) and 1 for 0x00 (only the stop bit)", () => {
    expect(risingEdges(0xff)).toBe(1);
    expect(risingEdges(0x00)).toBe(1);
  });
});

describe.each(VMS)("ESP32 light sleep emulation on %s", (vm) => {
  it("node.sleep with only a timer ignores keys, the lid and USB bytes, and returns TIMER when it is due", async () => {
    const t = await bootBox(vm);
    collectUsb(t);
    sleepSoon(t, "{ secs = 10 }");
    expect(t.box.sleep.asleep).toBe(true);
    t.board.keypad.press("1");
    t.board.lid.open();
    t.board.usb.send("hello\r\n");
    t.board.advance(9_000);
    expect(t.box.sleep.asleep).toBe(true);
    t.board.advance(1_000);
    expect(t.box.sleep.asleep).toBe(false);
    expect(reasons(t)).toBe(String(WAKE_TIMER));
    expect(t.lua("return node.wakeup.TIMER")).toBe(String(WAKE_TIMER));
    // The bytes came while the UART was asleep and not a wake source: gone.
    expect(t.lua("return got")).toBe("");
    expect(t.box.failures).toEqual([]);
  });

  it("with gpio = true only a pin marked by gpio.wakeup wakes it, at its level", async () => {
    const t = await bootBox(vm);
    // GPIO18 is the keypad's first column (keys 1 4 7 *); key 2 pulls GPIO19.
    t.lua("gpio.wakeup(18, gpio.INTR_LOW)");
    sleepSoon(t, "{ gpio = true }");
    t.board.keypad.press("2");
    t.board.advance(100);
    expect(t.box.sleep.asleep).toBe(true);
    t.board.keypad.release("2");
    t.board.keypad.press("4");
    t.board.advance(1);
    expect(t.box.sleep.asleep).toBe(false);
    expect(reasons(t)).toBe(String(WAKE_GPIO));
  });

  it("a pin marked by gpio.wakeup does not wake it when node.sleep was not given gpio = true", async () => {
    const t = await bootBox(vm);
    t.lua("gpio.wakeup(18, gpio.INTR_LOW)");
    sleepSoon(t, "{ secs = 5 }");
    t.board.keypad.press("1");
    t.board.advance(4_000);
    expect(t.box.sleep.asleep).toBe(true);
    t.board.advance(1_000);
    expect(reasons(t)).toBe(String(WAKE_TIMER));
  });

  it("a wake pin already at its level wakes it at once (the wake-up is level-triggered)", async () => {
    const t = await bootBox(vm);
    t.board.lid.open();
    t.board.advance(100);
    // The lid reads high while open: a wake-up on high is already true.
    t.lua("gpio.wakeup(26, gpio.INTR_HIGH)");
    sleepSoon(t, "{ gpio = true }");
    t.board.advance(1);
    expect(reasons(t)).toBe(String(WAKE_GPIO));
  });

  it("gpio.wakeup takes only level types, as ESP-IDF's gpio_wakeup_enable", async () => {
    const t = await bootBox(vm);
    expect(t.lua("return (pcall(gpio.wakeup, 18, gpio.INTR_DOWN))")).toBe("false");
    expect(t.lua("return (pcall(gpio.wakeup, 18, gpio.INTR_NONE))")).toBe("true");
  });

  it("after a GPIO wake-up the pin's callback runs once gpio.trig has given it its edge back", async () => {
    const t = await bootBox(vm);
    t.lua(`calls = 0
      gpio.trig(35, gpio.INTR_DOWN, function() calls = calls + 1 end)
      gpio.wakeup(35, gpio.INTR_LOW)
      local timer = tmr.create()
      timer:alarm(1, tmr.ALARM_SINGLE, function()
        node.sleep({ gpio = true })
        gpio.wakeup(35, gpio.INTR_NONE)
        gpio.trig(35, gpio.INTR_DOWN, function() calls = calls + 1 end)
      end)`);
    t.board.advance(1);
    t.board.homeOpen.close();
    t.board.advance(50);
    expect(t.lua("return calls")).toBe("1");
  });

  it("a level interrupt left as gpio.wakeup set it fires again after each callback while the level lasts", async () => {
    const t = await bootBox(vm);
    t.lua(`calls = 0
      gpio.trig(35, gpio.INTR_DOWN, function() calls = calls + 1 end)
      gpio.wakeup(35, gpio.INTR_LOW)`);
    t.board.homeOpen.close();
    t.board.advance(10);
    expect(Number(t.lua("return calls"))).toBeGreaterThan(5);
    t.board.homeOpen.open();
    // A firing the interrupt posted before the level went may still run; then nothing more.
    t.board.advance(5);
    const calls = t.lua("return calls");
    t.board.advance(10);
    expect(t.lua("return calls")).toBe(calls);
  });

  it("UART 0 wakes it once uart.wakeup's edges are seen; that byte and the next few are lost, later ones arrive", async () => {
    const t = await bootBox(vm);
    collectUsb(t);
    t.lua("uart.wakeup(0, 3)");
    sleepSoon(t, "{ uart = 0 }");
    t.board.usb.send(`\r${"x".repeat(UART_WAKE_LOST_AFTER)}hello`);
    t.board.advance(1);
    expect(reasons(t)).toBe(String(WAKE_UART));
    expect(t.lua("return got")).toBe("hello");
    t.board.usb.send("STATUS\r\n");
    t.board.advance(1);
    expect(t.lua("return got")).toBe("helloSTATUS\r\n");
  });

  it("bytes too few for the threshold leave it asleep, and are lost", async () => {
    const t = await bootBox(vm);
    collectUsb(t);
    t.lua("uart.wakeup(0, 5)");
    sleepSoon(t, "{ uart = 0, secs = 2 }");
    // 0xff makes a single rising edge: four of them stay under 5.
    t.board.usb.send("\xff\xff\xff\xff");
    t.board.advance(1_000);
    expect(t.box.sleep.asleep).toBe(true);
    t.board.advance(1_000);
    expect(reasons(t)).toBe(String(WAKE_TIMER));
    expect(t.lua("return got")).toBe("");
  });

  it("UART wake-up needs uart.wakeup first, takes at least 3 edges, and only UART 0 or 1", async () => {
    const t = await bootBox(vm);
    expect(t.lua("return (pcall(uart.wakeup, 0, 2))")).toBe("false");
    // The firmware set UART 0's threshold at boot (its light sleep is on by default): UART 1 has none.
    t.lua("ok = 'unset' local timer = tmr.create() timer:alarm(1, tmr.ALARM_SINGLE, function() ok = pcall(node.sleep, { uart = 1 }) end)");
    t.board.advance(1);
    expect(t.lua("return tostring(ok)")).toBe("false");
    expect(t.lua("return (pcall(node.sleep, { uart = 2 }))")).toBe("false");
  });

  it("pauses tmr alarms while asleep: 2 s left at the sleep are 2 s after the wake-up", async () => {
    const t = await bootBox(vm);
    t.lua(`fired_at = -1
      local alarm = tmr.create()
      alarm:alarm(2001, tmr.ALARM_SINGLE, function() fired_at = parcelboxBoard.timers.uptimeMs() end)`);
    const start = t.board.scheduler.nowMs;
    sleepSoon(t, "{ secs = 10 }");
    t.board.advance(15_000);
    expect(Number(t.lua("return fired_at"))).toBe(start + 12_001);
  });

  it("records each sleep: when it began, when it ended and why", async () => {
    const t = await bootBox(vm);
    const start = t.board.scheduler.nowMs;
    sleepSoon(t, "{ secs = 3 }");
    t.board.advance(5_000);
    expect(t.box.sleep.spans).toEqual([{ startMs: start + 1, endMs: start + 3_001, reason: WAKE_TIMER }]);
    expect(t.box.sleep.asleepMs(start, start + 5_000)).toBe(3_000);
  });

  it("a power cut ends the sleep, and the next boot is awake", async () => {
    const t = await bootBox(vm);
    sleepSoon(t, "{}");
    t.board.powerCycle(100);
    expect(t.box.sleep.asleep).toBe(false);
    expect(t.box.sleep.spans[0].reason).toBe(-1);
    expect(t.lua("return type(parcelboxBoard)")).toBe("table");
  });
});

describe.each(VMS)("ESP8266 NodeMCU on %s keeps its own module set", (vm) => {
  it("has no node.sleep, node.wakeup, gpio.wakeup or uart.wakeup", async () => {
    const t = await bootBox(vm, { profile: "esp8266-nodemcu" });
    expect(t.lua("return tostring(node.sleep) .. tostring(node.wakeup) .. tostring(gpio.wakeup) .. tostring(uart.wakeup)")).toBe("nilnilnilnil");
  });
});
