/**
 * The box's settings: named integers with defaults and hard ranges. The owner changes them over
 * USB (docs/protocol.md); a value outside its range is refused, never clamped silently. The
 * ranges are the hard limits no setting can exceed, e.g. the coil's MAX_COIL_MS. What each one
 * means, in words, is host-side only (./host/settings.ts, which also lists them as objects for
 * Node): the box never reads it.
 *
 * A setting is known by its index (the journal's key and the log's SettingChanged event hold it:
 * never reorder, only add), and the table is data, not objects: one string of names that stays
 * with the code (in flash on a Pico, in LFS on NodeMCU) and one list of integers, where ten
 * objects of four properties cost a Pico about 100 JsVars and NodeMCU ten tables (1.1 KB of heap).
 */
import { ZONE_MAX, ZONE_MIN } from "./codes/windows";

/** The longest the lock coil may ever be energised in one pulse, whatever the settings say. */
export const MAX_COIL_MS = 5000;

/** A setting's name: the compiler refuses a name that is not one of these (test/core/settings.test.ts checks settingNames() has each, in order). */
export type SettingName =
  | "unlockPulseMs"
  | "relockIfNotOpenedMs"
  | "lidOpenAlarmMs"
  | "entryTimeoutMs"
  | "zoneOffsetHours"
  | "homeInputEnabled"
  | "deliverySignalMs"
  | "buzzerEnabled"
  | "cells"
  | "batteryTrim";

/**
 * A setting by its index, as the box reads it (memory.setting(Setting.EntryTimeoutMs)): a `const
 * enum`, so both builds write the bare number and the box carries no names it looks up at every
 * read. In settingNames() order (test/core/settings.test.ts checks each against its name).
 */
export const enum Setting {
  UnlockPulseMs,
  RelockIfNotOpenedMs,
  LidOpenAlarmMs,
  EntryTimeoutMs,
  ZoneOffsetHours,
  HomeInputEnabled,
  DeliverySignalMs,
  BuzzerEnabled,
  Cells,
  BatteryTrim,
}

/** How many settings there are. */
export const SETTING_COUNT = 10;
/**
 * The names in index order, with a space before and after each. Returned by a function so that a
 * Pico keeps the string in flash with the code.
 */
export function settingNames(): string {
  return " unlockPulseMs relockIfNotOpenedMs lidOpenAlarmMs entryTimeoutMs zoneOffsetHours homeInputEnabled deliverySignalMs buzzerEnabled cells batteryTrim ";
}

/** Default, least and greatest value of each setting, three integers a setting, in index order. */
export const SETTING_LIMITS = [
  // unlockPulseMs: 500 ms: a lid lifted off the bolt by its own spring needs no more, and the coil
  // is most of what an opening costs the battery (docs/energy.md).
  500, 100, MAX_COIL_MS,
  // relockIfNotOpenedMs, lidOpenAlarmMs, entryTimeoutMs
  20000, 5000, 120000, 300000, 30000, 3600000, 15000, 5000, 60000,
  // zoneOffsetHours, homeInputEnabled, deliverySignalMs, buzzerEnabled
  0, ZONE_MIN, ZONE_MAX, 0, 0, 1, 5000, 0, 600000, 1, 0, 1,
  // cells: the cells fitted (firmware/boards/profiles.ts, CELLS_COUNT), 0 the board's own.
  0, 0, 4,
  // batteryTrim: per mille, the owner's multimeter against the box's reading, for a divider and ADC that read off.
  1000, 800, 1200,
];

/**
 * A setting's index (its journal key and log events use it), or -1 when `name` is none: where
 * `" " + name + " "` stands in settingNames() (native search), counted in names by jumping from
 * space to space.
 */
export function settingIndex(name: string): number {
  const names = settingNames();
  // The "\n" no name holds ends the search: Espruino 2v29's indexOf takes a needle that runs past
  // the string's end as found where the end matches its start, and names ends in " ".
  const at = (names + "\n").indexOf(" " + name + " ");
  if (at < 0 || name.indexOf(" ") >= 0) return -1;
  let index = 0;
  for (let space = names.indexOf(" ", 1); space >= 0 && space <= at; space = names.indexOf(" ", space + 1)) index++;
  return index;
}

/** The name of setting `index`, or "" when there is none. */
export function settingName(index: number): string {
  const names = settingNames();
  let at = index < 0 ? -1 : 0;
  for (let i = 0; i < index && at >= 0; i++) at = names.indexOf(" ", at + 1);
  return at < 0 || at >= names.length - 1 ? "" : names.slice(at + 1, names.indexOf(" ", at + 1));
}

/**
 * The value setting `index` has, given what is stored for it: the default when something out of
 * range or not whole is stored (e.g. by an older firmware).
 */
export function settingValue(index: number, stored: number): number {
  const at = index * 3;
  return stored < SETTING_LIMITS[at + 1] || stored > SETTING_LIMITS[at + 2] || Math.floor(stored) !== stored ? SETTING_LIMITS[at] : stored;
}
