/**
 * The built Lua firmware with ESP32 light sleep switched on (firmware/nodemcu/light-sleep.ts):
 * an idle box sleeps nearly all the time, and each wake source still reaches the box (a key, the
 * smart-home input, USB after a wake-up line, its own daily timer). On by default; switched off,
 * the box never sleeps; on ESP8266 it cannot be switched on.
 */
import "../../../tools/lib/intrinsics-global.ts";
import { afterEach, describe, expect, it } from "vitest";
import { chooseWindow, codeText, deriveKeys } from "../../../firmware/core/codes/host.ts";
import { BOX_EPOCH_UNIX } from "../../../firmware/core/time.ts";
import { WAKE_PREAMBLE, WAKE_SETTLE_MS } from "../../../firmware/core/host/protocol.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { SimBox } from "../../../sim/box.ts";
import type { NodeMcuBox } from "../../../sim/nodemcu/loader.ts";
import { WAKE_GPIO, WAKE_TIMER, WAKE_UART } from "../../../sim/nodemcu/sleep.ts";
import { UNIX_2026_11_28, VMS } from "./helpers.ts";

const SECRET = Buffer.from("3132333435363738393031323334353637383930", "hex");
const DAY_MS = 86_400_000;
/** firmware/nodemcu/light-sleep.ts: awake this long after USB bytes. */
const USB_AWAKE_MS = 60_000;

const open: SimBox[] = [];
afterEach(() => {
  for (const box of open.splice(0)) box.close();
});

interface Sleepy {
  box: SimBox;
  nodemcu: NodeMcuBox;
}

/** A provisioned box (light sleep on, the default), USB unplugged, past the USB session's awake window. */
async function sleepyBox(vm: (typeof VMS)[number], options: { enable?: boolean; profile?: string; settings?: Record<string, number> } = {}): Promise<Sleepy> {
  const box = await SimBox.start({ runtime: "nodemcu", lua: vm, unixTime: UNIX_2026_11_28, profile: options.profile });
  open.push(box);
  box.provision(SECRET, UNIX_2026_11_28, options.settings);
  // SimBox keeps its NodeMCU loader private; the tests only read its sleep record and run Lua.
  const nodemcu = (box as unknown as { nodemcu: NodeMcuBox }).nodemcu;
  if (options.enable === false) nodemcu.lua("parcelboxSleep.enable(false)");
  box.board.usb.connected = false;
  box.advance(USB_AWAKE_MS + 1_000);
  return { box, nodemcu };
}

function now(s: Sleepy): number {
  return s.box.board.scheduler.nowMs;
}

/** A delivery code for a window starting now, made as the owner's tool makes it. */
function deliveryCode(s: Sleepy): string {
  const at = UNIX_2026_11_28 - BOX_EPOCH_UNIX + Math.floor(now(s) / 1000);
  const window = chooseWindow("delivery", at, at + 8 * 3600, 0);
  if (window === undefined) throw new Error("no delivery window");
  return codeText(nodeHasher, deriveKeys(nodeHasher, SECRET.toString("latin1")).codeKey, { kind: "delivery", start: window.start, hours: window.hours, slot: 0 });
}

describe.each(VMS)("ESP32 light sleep on the built Lua file (%s)", (vm) => {
  it("an idle box sleeps all but a few milliseconds of a day, woken once by its daily timer", async () => {
    const s = await sleepyBox(vm);
    expect(s.nodemcu.sleep.asleep).toBe(true);
    const start = now(s);
    const spans = s.nodemcu.sleep.spans.length;
    s.box.advance(DAY_MS);
    expect(s.nodemcu.sleep.asleepMs(start, now(s))).toBeGreaterThan(DAY_MS - 100);
    const woken = s.nodemcu.sleep.spans.slice(spans - 1).filter((span) => span.endMs !== undefined && span.endMs > start);
    expect(woken.map((span) => span.reason)).toEqual([WAKE_TIMER]);
    expect(s.box.errors()).toEqual([]);
  });

  it("a firmware timer hours away fires on time although the chip slept through it", async () => {
    const s = await sleepyBox(vm);
    // Nothing runs on a sleeping chip: a key wakes it first, and the timer is armed while it scans.
    s.box.board.keypad.press("5");
    s.box.advance(20);
    expect(s.nodemcu.sleep.asleep).toBe(false);
    const due = now(s) + 3 * 3_600_000;
    s.nodemcu.lua(`fired_at = -1 parcelboxBoard.timers.after(${3 * 3_600_000}, function() fired_at = parcelboxBoard.timers.uptimeMs() end)`);
    s.box.board.keypad.release("5");
    s.box.advance(4 * 3_600_000);
    expect(Number(s.nodemcu.lua("return fired_at"))).toBe(due);
    expect(s.box.errors()).toEqual([]);
  });

  it("a key pressed while asleep wakes it, and a delivery code typed then opens the lock", async () => {
    const s = await sleepyBox(vm);
    expect(s.nodemcu.sleep.asleep).toBe(true);
    const pulses = s.box.board.coil.pulseCount;
    s.box.type(`${deliveryCode(s)}#`);
    s.box.advance(3_000);
    expect(s.box.board.coil.pulseCount).toBe(pulses + 1);
    expect(s.nodemcu.sleep.spans.some((span) => span.reason === WAKE_GPIO)).toBe(true);
    expect(s.box.errors()).toEqual([]);
  });

  it("falls asleep again once the delivery's signals are over", async () => {
    const s = await sleepyBox(vm);
    s.box.type(`${deliveryCode(s)}#`);
    s.box.advance(3_000);
    s.box.board.lid.open();
    s.box.advance(20_000);
    s.box.board.lid.close();
    s.box.advance(30_000);
    expect(s.nodemcu.sleep.asleep).toBe(true);
    expect(s.box.board.coil.energised).toBe(false);
  });

  it("the smart-home input (GPIO35), turned on, wakes it and opens the lock", async () => {
    const s = await sleepyBox(vm, { settings: { homeInputEnabled: 1 } });
    const pulses = s.box.board.coil.pulseCount;
    s.box.board.homeOpen.close();
    s.box.advance(200);
    s.box.board.homeOpen.open();
    s.box.advance(2_000);
    expect(s.box.board.coil.pulseCount).toBe(pulses + 1);
  });

  it("is on from boot by default", async () => {
    const box = await SimBox.start({ runtime: "nodemcu", lua: vm, unixTime: UNIX_2026_11_28 });
    open.push(box);
    const nodemcu = (box as unknown as { nodemcu: NodeMcuBox }).nodemcu;
    expect(nodemcu.lua("return tostring(parcelboxSleep.enabled())")).toBe("true");
  });

  it("a request sent bare to the sleeping box is lost (its first bytes wake the chip), so nothing answers", async () => {
    const s = await sleepyBox(vm);
    s.box.board.usb.connected = true;
    s.box.board.usb.takeOutput();
    s.box.board.usb.send("q1 CLOCK GET\r\n");
    s.box.advance(500);
    expect(s.box.board.usb.takeOutput()).not.toContain("q1 ");
    expect(s.nodemcu.sleep.spans[s.nodemcu.sleep.spans.length - 1].reason).toBe(WAKE_UART);
  });

  it("a request after WAKE_PREAMBLE and WAKE_SETTLE_MS, as the owner's tool sends it, is answered", async () => {
    const s = await sleepyBox(vm);
    s.box.board.usb.connected = true;
    s.box.board.usb.takeOutput();
    s.box.board.usb.send(WAKE_PREAMBLE);
    s.box.advance(WAKE_SETTLE_MS);
    s.box.board.usb.send("q2 CLOCK GET\r\n");
    s.box.advance(500);
    expect(s.box.board.usb.takeOutput()).toContain("q2 OK");
  });

  it("after a wake-up line and a pause, USB requests are answered (STATUS, signed) and the box stays awake for the session", async () => {
    const s = await sleepyBox(vm);
    s.box.board.usb.connected = true;
    s.box.board.usb.send("\r\n");
    s.box.advance(50);
    expect(s.nodemcu.sleep.asleep).toBe(false);
    const answer = s.box.authenticated(SECRET, "STATUS");
    expect(answer[answer.length - 1]).toMatch(/ OK /);
    s.box.advance(USB_AWAKE_MS - 5_000);
    expect(s.nodemcu.sleep.asleep).toBe(false);
    s.box.advance(10_000);
    expect(s.nodemcu.sleep.asleep).toBe(true);
  });

  it("a wake-up line alone keeps it awake for the USB window only, then it sleeps again", async () => {
    const s = await sleepyBox(vm);
    s.box.board.usb.send("\r\n");
    s.box.advance(USB_AWAKE_MS - 1_000);
    expect(s.nodemcu.sleep.asleep).toBe(false);
    s.box.advance(2_000);
    expect(s.nodemcu.sleep.asleep).toBe(true);
  });

  it("stays awake when light sleep is switched off", async () => {
    const s = await sleepyBox(vm, { enable: false });
    const before = s.nodemcu.sleep.spans.length;
    s.box.advance(DAY_MS);
    expect(s.nodemcu.sleep.spans.length).toBe(before);
    expect(s.nodemcu.sleep.asleep).toBe(false);
    expect(s.nodemcu.lua("return tostring(parcelboxSleep.enabled())")).toBe("false");
  });
});

describe.each(VMS)("ESP8266 on the built Lua file (%s)", (vm) => {
  it("has no light sleep to switch on: its NodeMCU has no gpio.wakeup and a WiFi-based node.sleep, so its build leaves it out", async () => {
    const s = await sleepyBox(vm, { profile: "esp8266-nodemcu" });
    expect(s.nodemcu.lua("return tostring(parcelboxSleep) .. tostring(parcelboxBox ~= nil)")).toBe("niltrue");
    s.box.advance(DAY_MS);
    expect(s.nodemcu.sleep.spans).toEqual([]);
    expect(s.box.errors()).toEqual([]);
  });
});
