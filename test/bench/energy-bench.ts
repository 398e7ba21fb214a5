/**
 * The battery figure for `make bench` and docs/energy.md: an idle day and one delivery measured
 * on the built firmware (sim/energy/scenarios.ts), charged with each board's power profile
 * (sim/energy/profiles.ts), at 5 deliveries a day on 4 AA cells.
 */
import { batteryLife, chargeOf, masToMah, type BatteryEstimate, type ChargeBreakdown } from "../../sim/energy/model.ts";
import {
  BOX_PERIPHERALS,
  ESP32_LIGHT_SLEEP_POWER,
  ESP32_POWER,
  ESP8266_POWER,
  FOUR_AA,
  FOUR_AA_LOW,
  PICO_POWER,
  type PowerProfile,
} from "../../sim/energy/profiles.ts";
import { measureDelivery, measureIdleDay, type BuildChoice, type Measured } from "../../sim/energy/scenarios.ts";

export const DELIVERIES_PER_DAY = 5;

export interface EnergyRow {
  profile: PowerProfile;
  build: string;
  idle: Measured;
  delivery: Measured;
  idleCharge: ChargeBreakdown;
  deliveryCharge: ChargeBreakdown;
  life: BatteryEstimate;
  lifeLow: BatteryEstimate;
}

const CASES: { profile: PowerProfile; build: BuildChoice; name: string }[] = [
  { profile: PICO_POWER, build: { runtime: "espruino" }, name: "espruino" },
  { profile: ESP32_POWER, build: { runtime: "nodemcu", lua: "wasmoon", lightSleep: false }, name: "nodemcu (wasmoon)" },
  { profile: ESP32_LIGHT_SLEEP_POWER, build: { runtime: "nodemcu", lua: "wasmoon" }, name: "nodemcu (wasmoon)" },
  { profile: ESP8266_POWER, build: { runtime: "nodemcu", lua: "wasmoon", profile: "esp8266-nodemcu" }, name: "nodemcu (wasmoon), esp8266 profile" },
];

export async function energyRows(): Promise<EnergyRow[]> {
  const rows: EnergyRow[] = [];
  const cache = new Map<string, { idle: Measured; delivery: Measured }>();
  for (const c of CASES) {
    const key = JSON.stringify(c.build);
    let measured = cache.get(key);
    if (measured === undefined) {
      measured = { idle: await measureIdleDay(c.build), delivery: await measureDelivery(c.build) };
      cache.set(key, measured);
    }
    const { idle, delivery } = measured;
    const errors = [...idle.errors, ...delivery.errors];
    if (errors.length > 0 || !delivery.opened) throw new Error(`${c.name}: delivery failed (${errors.join(" | ")})`);
    const idleCharge = chargeOf(idle.tally, idle.hmacs, c.profile, BOX_PERIPHERALS);
    const deliveryCharge = chargeOf(delivery.tally, delivery.hmacs, c.profile, BOX_PERIPHERALS);
    rows.push({
      profile: c.profile,
      build: c.name,
      idle,
      delivery,
      idleCharge,
      deliveryCharge,
      life: batteryLife(idleCharge, deliveryCharge, DELIVERIES_PER_DAY, FOUR_AA),
      lifeLow: batteryLife(idleCharge, deliveryCharge, DELIVERIES_PER_DAY, FOUR_AA_LOW),
    });
  }
  return rows;
}

function lifeText(life: BatteryEstimate): string {
  return life.days >= 365 ? `${life.years.toFixed(1)} years` : `${life.days.toFixed(1)} days`;
}

/** Table rows: measured counts, then the modelled charge and battery life. */
export function energyTable(rows: EnergyRow[]): { headers: string[]; cells: string[][] } {
  return {
    headers: [
      "board (build measured)",
      "wake-ups / idle day",
      "wake-ups / delivery",
      "HMACs / delivery",
      "CPU s / delivery (est.)",
      "coil mAh / delivery",
      "delivery mAh",
      "idle mA (avg)",
      "mAh / day at 5",
      `life, ${FOUR_AA.capacityMah} mAh`,
      `life, ${FOUR_AA_LOW.capacityMah} mAh`,
    ],
    cells: rows.map((r) => [
      `${r.profile.label} [${r.build}]`,
      String(r.idle.tally.wakeUps),
      String(r.delivery.tally.wakeUps),
      String(r.delivery.hmacs),
      (r.deliveryCharge.cpuMs / 1000).toFixed(2),
      masToMah(r.deliveryCharge.coil).toFixed(3),
      masToMah(r.deliveryCharge.total).toFixed(3),
      (r.idleCharge.total / (r.idleCharge.windowMs / 1000)).toFixed(3),
      masToMah(r.life.dailyMas).toFixed(2),
      lifeText(r.life),
      lifeText(r.lifeLow),
    ]),
  };
}

/** Where an idle day's charge goes, mAh per day, per consumer. */
export function idleBreakdownTable(rows: EnergyRow[]): { headers: string[]; cells: string[][] } {
  const parts: [string, keyof ChargeBreakdown][] = [
    ["microcontroller asleep (or idling)", "asleep"],
    ["microcontroller awake, waiting", "idle"],
    ["CPU running (est.)", "cpu"],
    ["pull-ups held low (lid reed switch)", "pullUps"],
    ["DS3231 on 3.3 V", "ds3231"],
    ["regulator quiescent", "quiescent"],
  ];
  return {
    headers: ["idle day, mAh", ...rows.map((r) => r.profile.name)],
    cells: [
      ...parts.map(([label, key]) => [label, ...rows.map((r) => masToMah(r.idleCharge[key] as number).toFixed(3))]),
      ["total", ...rows.map((r) => masToMah(r.idleCharge.total).toFixed(3))],
    ],
  };
}

/** Where one delivery's charge goes, mAh, per consumer. */
export function deliveryBreakdownTable(rows: EnergyRow[]): { headers: string[]; cells: string[][] } {
  const parts: [string, keyof ChargeBreakdown][] = [
    ["microcontroller asleep (or idling)", "asleep"],
    ["microcontroller awake, waiting", "idle"],
    ["CPU running (est.)", "cpu"],
    ["pull-ups (keys, lid)", "pullUps"],
    ["LED", "led"],
    ["buzzer", "buzzer"],
    ["coil", "coil"],
    ["DS3231 + regulator", "ds3231"],
  ];
  return {
    headers: ["one delivery (60 s), mAh", ...rows.map((r) => r.profile.name)],
    cells: [
      ...parts.map(([label, key]) => [
        label,
        ...rows.map((r) => masToMah((r.deliveryCharge[key] as number) + (key === "ds3231" ? r.deliveryCharge.quiescent : 0)).toFixed(4)),
      ]),
      ["total", ...rows.map((r) => masToMah(r.deliveryCharge.total).toFixed(4))],
    ],
  };
}
