/** The simulator's power model: a meter on the virtual board, board power profiles, the arithmetic. */
export { PowerMeter, SLEEP_GUARD_MS, onTimeMs, type ChipSleepSource, type EnergyTally, type MeterOptions } from "./meter.ts";
export { batteryLife, chargeOf, masToMah, DAY_MS, type BatteryEstimate, type ChargeBreakdown } from "./model.ts";
export {
  BOX_PERIPHERALS,
  ESP32_LIGHT_SLEEP_POWER,
  ESP32_POWER,
  ESP8266_POWER,
  FOUR_AA,
  FOUR_AA_LOW,
  PICO_POWER,
  powerProfiles,
  type Battery,
  type Peripherals,
  type PowerProfile,
} from "./profiles.ts";
export { measureIdleDay, measureDelivery, DELIVERY_WINDOW_MS, type BuildChoice, type Measured } from "./scenarios.ts";
export { chipSleepOf, countHmacs, luaHeapKb, luaProbe, type HmacCounter } from "./probes.ts";
