/** The simulator's board state, one part per file (after pxt-microbit's sim/state). */
export { VirtualBoard, type BoardOptions } from "./board.ts";
export { Scheduler } from "./scheduler.ts";
export { Pins, type Level, type PinMode } from "./pins.ts";
export { KeypadMatrix, KEYPAD_LAYOUT } from "./keypad.ts";
export { LockCoil } from "./coil.ts";
export { Button, Contact, Lid } from "./contacts.ts";
export { Led, OutputPin } from "./outputs.ts";
export { Ds3231, DS3231_ADDRESS, ds3231Registers, ds3231UnixSeconds } from "./ds3231.ts";
export { I2cBus, I2cNack } from "./i2c.ts";
export { NorFlash, PowerCut } from "./flash.ts";
export { UsbSerial } from "./serial.ts";
export { McuRtc } from "./rtc.ts";
export { Pcf8574 } from "./pcf8574.ts";
