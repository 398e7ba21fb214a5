/**
 * The battery pack on NodeMCU: the divider's tap on an ADC pin (profiles.ts, `battery`), read with
 * the adc module (firmware/boards/nodemcu-firmware.ts lists it per chip).
 * - ESP32: ADC1, whose channels 0-7 are GPIO36-39 then GPIO32-35, at 11 dB:
 *   ESP-IDF's nominal full scale 3.9 V over 12 bits. Uncalibrated, so a chip may read some 5 %
 *   off (docs/energy.md).
 * - ESP8266: adc.read(0), 0..1024 for 0..1 V at the chip's TOUT pin (the dev kit's own 220k/100k
 *   divider is part of the profile's).
 * A firmware built without adc reads -1: the box then never warns (STATUS says battery=-1).
 */
import { batteryLevels, nodeMcuPinIndex, type BoardProfile } from "../boards/board-profile";
import type { BatteryGauge } from "../core/board";

export function nodeMcuBattery(profile: BoardProfile): BatteryGauge {
  const d = profile.batteryDivider;
  // What levels() reads, not the whole profile: the gauge lives as long as the box, the profile
  // (pin names, the expander) need not.
  const own = { cells: profile.cells, batteryMv: profile.batteryMv };
  // Each chip's build keeps only its own ADC (NODEMCU_CHIP, nodemcu.d.ts).
  const n = nodeMcuPinIndex(profile.pins.battery);
  const channel = n >= 36 ? n - 36 : n - 28;
  if (NODEMCU_CHIP === "esp32") {
    if (adc !== undefined) {
      adc.setwidth(adc.ADC1, 12);
      adc.setup(adc.ADC1, channel, adc.ATTEN_11db);
    }
  }
  return {
    millivolts: (): number => {
      if (adc === undefined) return -1;
      const pinMv = NODEMCU_CHIP === "esp32" ? idiv(adc.read(adc.ADC1, channel) * 3900, 4095) : idiv(adc.read(0) * 1000, 1024);
      return idiv(pinMv * (d[0] + d[1]), d[1]);
    },
    levels: (cells: number): number[] => batteryLevels(own, cells),
  };
}
