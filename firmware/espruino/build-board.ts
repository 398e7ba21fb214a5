/**
 * The board a box file is built for: what the adapter (./board.ts) reads of its profile
 * (firmware/boards/espruino-profiles.ts), as constants. The build writes one box file per Espruino
 * board, and for each replaces this module with the same exports holding that board's values as
 * literals (tools/build/espruino-board.ts): the file then carries no profile object, no other
 * board's profile and no choice between them, and the build's constant pass
 * (tools/build/inline-constants.ts) writes each pin where it is used. Here, for the type checker
 * and a build without the replacement, they are the reference board's.
 *
 * Every export is `export const NAME = PROFILE.<path>;`, a path into the profile: the build reads
 * exactly that form (and refuses any other statement), so this list is the one place that says
 * which of the profile's values the box file carries.
 */
import { ESPRUINO_PICO as PROFILE } from "../boards/espruino-profiles";

export const BOARD_NAME = PROFILE.name;
export const KEYPAD_ROWS = PROFILE.pins.keypadRows;
export const KEYPAD_COLUMNS = PROFILE.pins.keypadColumns;
export const LOCK_GATE_PIN = PROFILE.pins.lockGate;
export const LID_PIN = PROFILE.pins.lid;
export const LED_GREEN_PIN = PROFILE.pins.ledGreen;
export const LED_RED_PIN = PROFILE.pins.ledRed;
export const BUZZER_PIN = PROFILE.pins.buzzer;
export const SERVICE_PIN = PROFILE.pins.serviceButton;
export const HOME_OPEN_PIN = PROFILE.pins.homeOpen;
export const DELIVERY_OUT_PIN = PROFILE.pins.deliveryOut;
export const I2C_SDA_PIN = PROFILE.pins.i2cSda;
export const I2C_SCL_PIN = PROFILE.pins.i2cScl;
export const RTC_POWER_PIN = PROFILE.pins.rtcPower;
export const BATTERY_PIN = PROFILE.pins.battery;
/** The battery divider, kOhm: pack + to the pin, and the pin to ground. */
export const DIVIDER_TOP = PROFILE.batteryDivider[0];
export const DIVIDER_BOTTOM = PROFILE.batteryDivider[1];
export const CELLS = PROFILE.cells;
export const BATTERY_MV = PROFILE.batteryMv;
