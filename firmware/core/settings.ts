/**
 * The box's settings: named integers with defaults and hard ranges. The owner changes them over
 * USB (docs/protocol.md); a value outside its range is refused, never clamped silently. The
 * ranges are the hard limits no setting can exceed, e.g. the coil's MAX_COIL_MS. What each one
 * means, in words, is host-side only (./host/settings.ts): the box never reads it.
 */
import { ZONE_MAX, ZONE_MIN } from "./codes/windows";

/** The longest the lock coil may ever be energised in one pulse, whatever the settings say. */
export const MAX_COIL_MS = 5000;

export interface SettingSpec<N extends string = string> {
  name: N;
  defaultValue: number;
  min: number;
  max: number;
}

function setting<N extends string>(name: N, defaultValue: number, min: number, max: number): SettingSpec<N> {
  return { name: name, defaultValue: defaultValue, min: min, max: max };
}

/** The log records a setting change by its index here: never reorder this list, only add. */
export const SETTINGS = [
  // 500 ms: a lid lifted off the bolt by its own spring needs no more, and the coil is most of
  // what an opening costs the battery (docs/energy.md).
  setting("unlockPulseMs", 500, 100, MAX_COIL_MS),
  setting("relockIfNotOpenedMs", 20000, 5000, 120000),
  setting("lidOpenAlarmMs", 300000, 30000, 3600000),
  setting("entryTimeoutMs", 15000, 5000, 60000),
  setting("zoneOffsetHours", 0, ZONE_MIN, ZONE_MAX),
  setting("homeInputEnabled", 0, 0, 1),
  setting("deliverySignalMs", 5000, 0, 600000),
  setting("buzzerEnabled", 1, 0, 1),
  // The cells fitted (firmware/boards/profiles.ts, CELLS_COUNT): 0 the board's own.
  setting("cells", 0, 0, 4),
  // Per mille: the owner's multimeter against the box's reading, for a divider and ADC that read off.
  setting("batteryTrim", 1000, 800, 1200),
];

/** A setting's name: the compiler refuses a name that is not in SETTINGS. */
export type SettingName = (typeof SETTINGS)[number]["name"];

/** Every setting by name, as the box uses them. */
export type Settings = Record<SettingName, number>;

export function settingSpec(name: string): SettingSpec<SettingName> | undefined {
  return SETTINGS.find((s) => s.name === name);
}

/**
 * The value a setting has, given what is stored for it: the default when nothing or something
 * out of range is stored (e.g. by an older firmware).
 */
export function settingValue(spec: SettingSpec, stored: number | undefined): number {
  if (stored === undefined || stored < spec.min || stored > spec.max || Math.floor(stored) !== stored) return spec.defaultValue;
  return stored;
}

/** Why `value` cannot be given to setting `name`, or undefined when it can. */
export function settingProblem(name: string, value: number): string | undefined {
  const spec = settingSpec(name);
  if (spec === undefined) return "unknown setting " + name;
  if (Math.floor(value) !== value) return name + " must be a whole number";
  if (value < spec.min || value > spec.max) return name + " must be between " + spec.min + " and " + spec.max;
  return undefined;
}
