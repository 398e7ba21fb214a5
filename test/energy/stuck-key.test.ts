/**
 * A pebble on a key (issue 16), measured on the BUILT firmware: the box counts the key as stuck
 * after STUCK_KEY_MS, stops its 10 ms scans and sleeps again, so a day with the key held costs
 * an idle day plus the key's column pull-up, not a day awake.
 */
import { describe, expect, it } from "vitest";
import { STUCK_KEY_MS } from "../../firmware/core/matrix.ts";
import { batteryLife, chargeOf, DAY_MS } from "../../sim/energy/model.ts";
import { BOX_PERIPHERALS, ESP32_LIGHT_SLEEP_POWER, FOUR_AA, PICO_POWER } from "../../sim/energy/profiles.ts";
import { measureDelivery, measureIdleDay, measureStuckKeyDay, type BuildChoice } from "../../sim/energy/scenarios.ts";

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
      const delivery = await measureDelivery(build);
      const deliveryCharge = chargeOf(delivery.tally, delivery.hmacs, power, BOX_PERIPHERALS);
      const usual = batteryLife(idleCharge, deliveryCharge, 5, FOUR_AA).days;
      const pebble = batteryLife(stuckCharge, deliveryCharge, 5, FOUR_AA).days;
      console.log(`${name}: an idle day ${(idleCharge.total / 3600).toFixed(2)} mAh, with a key held ${(stuckCharge.total / 3600).toFixed(2)} mAh; battery life at 5 deliveries a day ${Math.round(usual)} days, with a pebble on a key for good ${Math.round(pebble)} days`);
      expect(stuckCharge.total).toBeLessThan(idleCharge.total * 1.5);
      expect(pebble).toBeGreaterThan(usual * 0.7);
    }, 120_000);
  }
});
