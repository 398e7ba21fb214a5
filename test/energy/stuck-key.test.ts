/**
 * A pebble on a key (issue 16), measured on the BUILT firmware: the box counts the key as stuck
 * after STUCK_KEY_MS, stops its 10 ms scans and sleeps again, so a day with the key held costs
 * an idle day plus the key's column pull-up, not a day awake.
 */
import { describe, expect, it } from "vitest";
import { STUCK_KEY_MS } from "../../firmware/core/matrix.ts";
import { chargeOf, DAY_MS } from "../../sim/energy/model.ts";
import { BOX_PERIPHERALS, ESP32_LIGHT_SLEEP_POWER, PICO_POWER } from "../../sim/energy/profiles.ts";
import { measureIdleDay, measureStuckKeyDay, type BuildChoice } from "../../sim/energy/scenarios.ts";

const BUILDS: { name: string; build: BuildChoice; power: typeof PICO_POWER }[] = [
  { name: "Espruino Pico", build: { runtime: "espruino" }, power: PICO_POWER },
  { name: "ESP32 NodeMCU with light sleep (wasmoon)", build: { runtime: "nodemcu", lua: "wasmoon", lightSleep: true }, power: ESP32_LIGHT_SLEEP_POWER },
];

describe("a day with a key held down, built firmware", () => {
  for (const { name, build, power } of BUILDS) {
    it(`${name}: awake only until the key counts as stuck, then asleep; the day costs near an idle day`, async () => {
      const idle = await measureIdleDay(build);
      const stuck = await measureStuckKeyDay(build);
      expect(stuck.errors).toEqual([]);
      // Awake for the scans before the key counts as stuck, and the typed digit's entry timeout.
      expect(stuck.tally.awakeMs).toBeLessThan(STUCK_KEY_MS + 20_000);
      expect(stuck.tally.asleepMs).toBeGreaterThan(DAY_MS - STUCK_KEY_MS - 20_000);
      // The scans every 10 ms until then; nothing polls afterwards.
      expect(stuck.tally.callbacks).toBeLessThan(STUCK_KEY_MS / 10 + 50);
      // The lid's pull-up as on any day, and the key's column, low through the key all day.
      expect(stuck.tally.internalPullUpLowMs + stuck.tally.externalPullUpLowMs).toBeGreaterThanOrEqual(idle.tally.internalPullUpLowMs + idle.tally.externalPullUpLowMs + DAY_MS - 1);
      const idleCharge = chargeOf(idle.tally, idle.hmacs, power, BOX_PERIPHERALS);
      const stuckCharge = chargeOf(stuck.tally, stuck.hmacs, power, BOX_PERIPHERALS);
      // Besides the pull-ups the day costs an idle day, and a little for the seconds awake
      // before the key counts as stuck: a day with a pebble is an idle day plus the column's
      // pull-up (docs/energy.md, "A pebble on a key"), not a day awake.
      expect(stuckCharge.total - stuckCharge.pullUps).toBeLessThan((idleCharge.total - idleCharge.pullUps) * 1.1);
      const columnMas = stuckCharge.pullUps - idleCharge.pullUps;
      expect(columnMas).toBeGreaterThan(0);
      console.log(`${name}: an idle day ${(idleCharge.total / 3600).toFixed(2)} mAh, with a key held ${(stuckCharge.total / 3600).toFixed(2)} mAh (the column's pull-up ${(columnMas / 3600).toFixed(2)} mAh)`);
    }, 120_000);
  }
});
