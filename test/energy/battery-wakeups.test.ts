/**
 * Reading the battery costs no wake-up of its own (docs/energy.md): the box reads it at the wakes
 * it has anyway. A pack falling through the low level over two weeks of an idle box, on the built
 * firmware, gives exactly the wake-ups of a steady pack (counted as test/energy/built-firmware does),
 * and the warning in the log once a day from the day the reading crosses the level.
 */
import { describe, expect, it } from "vitest";
import { batteryLevels } from "../../firmware/boards/profiles.ts";
import { BoxReader } from "../../sim/scenario/box-reads.ts";
import { DAY_MS } from "../../sim/energy/model.ts";
import { boxOnBattery, ENERGY_SECRET, meterFor, type BuildChoice } from "../../sim/energy/scenarios.ts";

const DAYS = 14;

/** Wake-ups over DAYS idle days, with the pack steady or falling 10 mV a day through the low level; and the battery events logged. */
async function idleFortnight(build: BuildChoice, falling: boolean): Promise<{ wakeUps: number; events: Record<string, string>[]; low: number; errors: string[] }> {
  const box = await boxOnBattery(build);
  const low = batteryLevels(box.board.profile, 0)[0];
  box.board.battery.set(low + 70);
  if (falling) box.board.battery.ramp(low + 70 - 10 * DAYS, DAYS * DAY_MS);
  const meter = meterFor(box, build);
  box.advance(DAYS * DAY_MS);
  const wakeUps = meter.read().wakeUps;
  meter.close();
  box.board.usb.connected = true;
  const events = new BoxReader(box, ENERGY_SECRET).log().filter((e) => e.ev === "battery");
  const errors = box.errors();
  box.close();
  return { wakeUps, events, low, errors };
}

describe("battery readings ride on the wakes the box has anyway", () => {
  const builds: { name: string; build: BuildChoice; perDay: number }[] = [
    { name: "espruino", build: { runtime: "espruino" }, perDay: 1 },
    { name: "nodemcu (fengari), ESP32 light sleep", build: { runtime: "nodemcu", lua: "fengari" }, perDay: 1 },
    { name: "nodemcu (wasmoon), ESP32 light sleep", build: { runtime: "nodemcu", lua: "wasmoon" }, perDay: 1 },
  ];
  for (const { name, build, perDay } of builds) {
    it(`${name}: a pack falling through the low level costs no extra wake-up, and is logged once a day from the crossing`, async () => {
      const steady = await idleFortnight(build, false);
      const falling = await idleFortnight(build, true);
      expect(steady.errors).toEqual([]);
      expect(falling.errors).toEqual([]);
      expect(steady.wakeUps).toBe(DAYS * perDay);
      expect(falling.wakeUps).toBe(steady.wakeUps);
      expect(steady.events).toEqual([]);
      // 70 mV above the level at the start, 10 mV a day: the daily readings cross it in the 7th or 8th day.
      expect(falling.events.length).toBeGreaterThanOrEqual(DAYS - 8);
      expect(falling.events.length).toBeLessThanOrEqual(DAYS - 6);
      const first = falling.events[0];
      expect(first.level).toBe("low");
      expect(Number(first.mv)).toBeLessThan(falling.low);
      expect(Number(first.mv)).toBeGreaterThan(falling.low - 20);
      const days = falling.events.map((e) => Math.floor(Number(e.t) / 86_400));
      expect(new Set(days).size).toBe(days.length);
    });
  }
});
