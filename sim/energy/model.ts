/**
 * The energy model: what a metered stretch of simulated time (./meter.ts) costs on a board
 * (./profiles.ts), and how long a battery lasts at a daily workload. Pure arithmetic on its
 * inputs; charges are in mA·s (mAs), 3600 mAs = 1 mAh.
 */
import type { EnergyTally } from "./meter.ts";
import type { Battery, Peripherals, PowerProfile } from "./profiles.ts";

export const DAY_MS = 86_400_000;
const MAS_PER_MAH = 3600;

/** Charge drawn from the battery over a metered window, by consumer, mAs. */
export interface ChargeBreakdown {
  windowMs: number;
  /** The microcontroller asleep (or, on a firmware that never sleeps, idling instead). */
  asleep: number;
  /** Awake, waiting for a timer due soon. */
  idle: number;
  /** Running code: callbacks and candidate HMACs (estimated CPU time). */
  cpu: number;
  pullUps: number;
  led: number;
  buzzer: number;
  coil: number;
  ds3231: number;
  quiescent: number;
  /** The battery divider, across the pack all the time. */
  divider: number;
  total: number;
  /** Estimated CPU-busy time, ms. */
  cpuMs: number;
}

/**
 * The charge of `tally` on `profile`. `hmacs` is the number of candidate HMACs computed in the
 * window (the simulator runs them on the host, so their device time is an estimate). The CPU's
 * busy time replaces idle time in the window and is charged at the active current; when it is
 * longer than the awake time the simulator saw, the rest is charged on top (the device would
 * simply stay awake longer).
 */
export function chargeOf(tally: EnergyTally, hmacs: number, profile: PowerProfile, parts: Peripherals): ChargeBreakdown {
  const s = (ms: number): number => ms / 1000;
  const cpuMs = tally.callbacks * profile.cpuMsPerCallback + hmacs * profile.cpuMsPerHmac;
  const idleMs = Math.max(0, tally.awakeMs - cpuMs);
  const asleepMa = profile.firmwareSleeps ? profile.sleepMa : profile.idleMa;
  const internalPullUpMa = (parts.supplyVolts / profile.pullUpOhms) * 1000;
  const externalPullUpMa = (parts.supplyVolts / parts.externalPullUpOhms) * 1000;
  const lidPullUpMa = (parts.supplyVolts / parts.lidPullUpOhms) * 1000;
  const b: ChargeBreakdown = {
    windowMs: tally.windowMs,
    asleep: s(tally.asleepMs) * asleepMa,
    idle: s(idleMs) * profile.idleMa,
    cpu: s(cpuMs) * profile.activeMa,
    pullUps: s(tally.internalPullUpLowMs) * internalPullUpMa + s(tally.externalPullUpLowMs) * externalPullUpMa + s(tally.weakPullUpLowMs) * lidPullUpMa,
    led: s(tally.greenMs + tally.redMs) * parts.ledMa,
    buzzer: s(tally.buzzerMs) * parts.buzzerMa,
    coil: s(tally.coilMs) * parts.coilMa,
    ds3231: s(tally.rtcPoweredMs) * parts.ds3231Ma,
    quiescent: s(tally.poweredMs) * profile.boardQuiescentMa,
    divider: s(tally.windowMs) * ((parts.packVolts / profile.dividerOhms) * 1000),
    total: 0,
    cpuMs,
  };
  b.total = b.asleep + b.idle + b.cpu + b.pullUps + b.led + b.buzzer + b.coil + b.ds3231 + b.quiescent + b.divider;
  return b;
}

export interface BatteryEstimate {
  /** Charge per day, mAs, and as an average current, mA. */
  dailyMas: number;
  averageMa: number;
  days: number;
  years: number;
}

/**
 * Battery life at `deliveriesPerDay`, from a metered idle day and one metered delivery. Each
 * delivery window replaces the same length of idle time, so the idle baseline is not counted twice.
 */
export function batteryLife(idleDay: ChargeBreakdown, delivery: ChargeBreakdown, deliveriesPerDay: number, battery: Battery): BatteryEstimate {
  if (idleDay.windowMs <= 0) throw new Error("the idle measurement covers no time");
  const idlePerMs = idleDay.total / idleDay.windowMs;
  const busyMs = deliveriesPerDay * delivery.windowMs;
  if (busyMs > DAY_MS) throw new Error("more delivery time than a day has");
  const dailyMas = idlePerMs * (DAY_MS - busyMs) + deliveriesPerDay * delivery.total;
  const days = (battery.capacityMah * MAS_PER_MAH) / dailyMas;
  return { dailyMas, averageMa: dailyMas / (DAY_MS / 1000), days, years: days / 365.25 };
}

export function masToMah(mas: number): number {
  return mas / MAS_PER_MAH;
}

/** Something the box does several times a day, metered once (a delivery, an owner opening). */
export interface DayEvent {
  label: string;
  perDay: number;
  charge: ChargeBreakdown;
}

/**
 * The charge of one day, mAs: the idle baseline for the time no event takes, plus each event's
 * own charge (an event's window replaces the same length of idle time, so nothing counts twice).
 */
export function dailyCharge(idleDay: ChargeBreakdown, events: DayEvent[]): number {
  if (idleDay.windowMs <= 0) throw new Error("the idle measurement covers no time");
  let busyMs = 0;
  let eventsMas = 0;
  for (const e of events) {
    busyMs += e.perDay * e.charge.windowMs;
    eventsMas += e.perDay * e.charge.total;
  }
  if (busyMs > DAY_MS) throw new Error("more event time than a day has");
  return (idleDay.total / idleDay.windowMs) * (DAY_MS - busyMs) + eventsMas;
}

/** Days `usableMah` lasts at `dailyMas`. */
export function daysOn(usableMah: number, dailyMas: number): number {
  return (usableMah * MAS_PER_MAH) / dailyMas;
}
