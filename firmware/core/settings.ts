/**
 * The box's settings: named integers with defaults and hard ranges. The owner changes them over
 * USB (docs/protocol.md); a value outside its range is refused, never clamped silently. The
 * ranges are the hard limits no setting can exceed, e.g. the coil's MAX_COIL_MS.
 */

/** The longest the lock coil may ever be energised in one pulse, whatever the settings say. */
export const MAX_COIL_MS = 5000;

export interface SettingSpec {
  name: string;
  defaultValue: number;
  min: number;
  max: number;
  /** What it means, for `parcelbox config` and docs/behaviour.md. */
  about: string;
}

/** The log records a setting change by its index here: never reorder this list, only add. */
export const SETTINGS: SettingSpec[] = [
  { name: "unlockPulseMs", defaultValue: 1500, min: 100, max: MAX_COIL_MS, about: "how long the lock coil is energised to release the lid" },
  { name: "relockIfNotOpenedMs", defaultValue: 20000, min: 5000, max: 120000, about: "after an unlock, how long the box waits for the lid to open before counting it locked again" },
  { name: "lidOpenAlarmMs", defaultValue: 300000, min: 30000, max: 3600000, about: "how long the lid may stay open before the lid-left-open alarm" },
  { name: "entryTimeoutMs", defaultValue: 15000, min: 5000, max: 60000, about: "how long a half-typed code is kept after the last key" },
  { name: "zoneOffsetHours", defaultValue: 0, min: -12, max: 14, about: "local time offset from UTC used to align code windows to local days" },
  { name: "homeInputEnabled", defaultValue: 1, min: 0, max: 1, about: "whether the smart-home relay input may open the box" },
  { name: "deliverySignalMs", defaultValue: 5000, min: 0, max: 600000, about: "how long the delivery output stays on after a delivery (0: off)" },
  { name: "buzzerEnabled", defaultValue: 1, min: 0, max: 1, about: "whether the keypad beeps (light signals always show)" },
];

/** Settings by name. Missing names read as their defaults. */
export type Settings = Record<string, number>;

export function settingSpec(name: string): SettingSpec | undefined {
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
