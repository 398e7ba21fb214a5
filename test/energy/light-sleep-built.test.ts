/**
 * ESP32 light sleep measured on the BUILT Lua file (firmware/nodemcu/light-sleep.ts switched on
 * after provisioning): the chip's own record of its sleep is what the meter charges.
 */
import { describe, expect, it } from "vitest";
import { WINDOWS_PER_HOUR } from "../../firmware/core/codes/candidates.ts";
import { DAY_MS } from "../../sim/energy/model.ts";
import { measureDelivery, measureIdleDay } from "../../sim/energy/scenarios.ts";

describe("ESP32 NodeMCU with light sleep on, built firmware", () => {
  for (const lua of ["fengari", "wasmoon"] as const) {
    it(`(${lua}) sleeps through an idle day but for its one daily wake-up`, async () => {
      const day = await measureIdleDay({ runtime: "nodemcu", lua, lightSleep: true });
      expect(day.errors).toEqual([]);
      expect(day.tally.wakeUps).toBe(1);
      expect(day.tally.asleepMs).toBeGreaterThan(DAY_MS - 100);
    });
  }

  it("(fengari, 32-bit like the chip) still sleeps after its uptime wraps at 24.8 days: the owner's last USB session is not read as recent again", async () => {
    // Provisioned over USB an hour before the meter starts; 2^31 ms of uptime is 24.86 days.
    const month = await measureIdleDay({ runtime: "nodemcu", lua: "fengari", lightSleep: true }, 30);
    expect(month.errors).toEqual([]);
    expect(month.tally.wakeUps).toBe(30);
    expect(month.tally.asleepMs).toBeGreaterThan(30 * DAY_MS - 3000);
  });

  it("opens for a delivery and sleeps most of the minute around it", async () => {
    const d = await measureDelivery({ runtime: "nodemcu", lua: "wasmoon", lightSleep: true });
    expect(d.errors).toEqual([]);
    expect(d.opened).toBe(true);
    expect(d.hmacs).toBe(WINDOWS_PER_HOUR);
    expect(d.tally.coilMs).toBe(500);
    // Awake while keys are down, the coil, LED or buzzer is on, or a timer is due within 1.5 s.
    expect(d.tally.awakeMs).toBeLessThan(10_000);
    expect(d.tally.asleepMs + d.tally.awakeMs).toBe(60_000);
  });

  it("the ESP8266 build is not changed by asking for light sleep: it has none", async () => {
    const asked = await measureIdleDay({ runtime: "nodemcu", lua: "wasmoon", profile: "esp8266-nodemcu", lightSleep: true });
    const off = await measureIdleDay({ runtime: "nodemcu", lua: "wasmoon", profile: "esp8266-nodemcu", lightSleep: false });
    expect(asked.errors).toEqual([]);
    expect(asked.tally).toEqual(off.tally);
    // Awake all day as far as the chip goes: 13 runs of the chained daily timer, as with sleep off.
    expect(asked.tally.wakeUps).toBe(13);
  });
});
