/**
 * The power model's measurements on the BUILT firmware files: how often each build wakes in an
 * idle day, and what one delivery makes it do. These are counts, not times, so they are exact.
 */
import { describe, expect, it } from "vitest";
import { measureDelivery, measureIdleDay } from "../../sim/energy/scenarios.ts";
import { WINDOWS_PER_HOUR } from "../../firmware/core/codes/candidates.ts";

/** NodeMCU's tmr takes at most 6,870,947 ms per alarm; firmware/nodemcu/timers.ts chains links of 6,800,000 ms. */
const NODEMCU_LINK_MS = 6_800_000;

describe("wake-ups in an idle day, built firmware", () => {
  it("the Espruino build wakes once a day: the clock checkpoint", async () => {
    const day = await measureIdleDay({ runtime: "espruino" });
    expect(day.errors).toEqual([]);
    expect(day.tally.wakeUps).toBe(1);
    expect(day.tally.callbacks).toBe(1);
  });

  for (const lua of ["fengari", "wasmoon"] as const) {
    it(`the NodeMCU build (${lua}) with light sleep switched off wakes once per chained tmr link of the daily checkpoint`, async () => {
      const day = await measureIdleDay({ runtime: "nodemcu", lua, lightSleep: false });
      expect(day.errors).toEqual([]);
      expect(day.tally.wakeUps).toBe(Math.ceil(86_400_000 / NODEMCU_LINK_MS));
    });
  }

  it("an idle box draws through the lid's 1 MOhm all day (the reed switch is closed while shut), not through the chip's pull-up", async () => {
    const day = await measureIdleDay({ runtime: "espruino" });
    expect(day.tally.weakPullUpLowMs).toBe(86_400_000);
    expect(day.tally.internalPullUpLowMs).toBe(0);
  });

  for (const build of [{ runtime: "espruino" }, { runtime: "nodemcu", lua: "wasmoon" }] as const) {
    it(`${build.runtime}: the DS3231 module has power only while the box reads it (its coin cell keeps the time)`, async () => {
      const day = await measureIdleDay(build);
      expect(day.errors).toEqual([]);
      // The simulator's transfers take no virtual time: any ms powered is the pin left high.
      expect(day.tally.rtcPoweredMs).toBe(0);
    });
  }
});

describe("one delivery, built firmware", () => {
  for (const build of [{ runtime: "espruino" }, { runtime: "nodemcu", lua: "wasmoon" }] as const) {
    const name = build.runtime === "espruino" ? "espruino" : "nodemcu/wasmoon";
    it(`${name}: the code opens once, after the whole hour's candidate table (84 HMACs, one a window)`, async () => {
      const d = await measureDelivery(build);
      expect(d.errors).toEqual([]);
      expect(d.opened).toBe(true);
      expect(d.hmacs).toBe(WINDOWS_PER_HOUR);
      expect(d.tally.coilPulses).toBe(1);
      expect(d.tally.coilMs).toBe(500);
    });
  }
});
