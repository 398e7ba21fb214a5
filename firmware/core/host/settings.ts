/**
 * Host side only: what each setting means, for `parcelbox config` and the docs. The firmware
 * never imports this folder (the build's import check refuses it), so these words cost the box
 * nothing. The compiler refuses a setting without its words, or words for no setting.
 */

/** A setting as Node code reads it: the firmware's table (../settings.ts) as objects. */
export interface SettingSpec {
  name: SettingName;
  defaultValue: number;
  min: number;
  max: number;
}

/** Every setting in index order (the firmware's settingNames() and SETTING_LIMITS). */
export const SETTINGS: SettingSpec[] = [];
for (let i = 0; i < SETTING_COUNT; i++) {
  SETTINGS.push({ name: settingName(i) as SettingName, defaultValue: SETTING_LIMITS[3 * i], min: SETTING_LIMITS[3 * i + 1], max: SETTING_LIMITS[3 * i + 2] });
}
import { settingIndex, settingName, SETTING_COUNT, SETTING_LIMITS, type SettingName } from "../settings";

/** Why `value` cannot be given to setting `name`, or undefined when it can (the USB protocol checks the same ranges: usb/commands.ts). */
export function settingProblem(name: string, value: number): string | undefined {
  const at = settingIndex(name) * 3;
  if (at < 0) return "unknown setting " + name;
  if (Math.floor(value) !== value) return name + " must be a whole number";
  if (value < SETTING_LIMITS[at + 1] || value > SETTING_LIMITS[at + 2]) return name + " must be between " + SETTING_LIMITS[at + 1] + " and " + SETTING_LIMITS[at + 2];
  return undefined;
}

export const SETTING_ABOUT: Record<SettingName, string> = {
  unlockPulseMs: "how long the lock coil is energised to release the lid",
  relockIfNotOpenedMs: "after an unlock, how long the box waits for the lid to open before counting it locked again",
  lidOpenAlarmMs: "how long the lid may stay open before the lid-left-open alarm",
  entryTimeoutMs: "how long a half-typed code is kept after the last key",
  zoneOffsetHours: "local time offset from UTC used to align code windows to local days",
  homeInputEnabled: "whether the smart-home relay input may open the box (off until the owner turns it on: a contact nobody wired must not open it)",
  deliverySignalMs: "how long the delivery output stays on after a delivery (0: off)",
  buzzerEnabled: "whether the keypad beeps (light signals always show)",
  cells: "the cells fitted, for the low-battery levels: 0 the board's own, 1 4 AA alkaline, 2 4 AA lithium, 3 5 D alkaline, 4 a mains supply (no warnings)",
  batteryTrim: "per mille applied to the battery reading: 1000 x (a multimeter's reading of the pack) / (the box's, parcelbox status)",
};
