/**
 * NodeMCU's adc module on the virtual board: the battery divider's pin is the only analog source
 * (sim/state/battery.ts). Read from each firmware's source:
 * - ESP32 (dev-esp32, components/modules/adc.c): adc.setwidth(adc.ADC1, bits), adc.setup(adc.ADC1,
 *   channel, atten), adc.read(adc.ADC1, channel) returning the raw sample; ADC1's channels 0-7 are
 *   GPIO36, 37, 38, 39, 32, 33, 34, 35. The simulated ADC is ideal: full scale is ESP-IDF's nominal
 *   range per attenuation (0 dB 1.1 V ... 11 dB 3.9 V), none of the chip's non-linearity.
 * - ESP8266 (release, app/modules/adc.c): adc.read(0), 0..1024 for 0..1.0 V at the chip's TOUT pin,
 *   and adc.readvdd33(), which gives 65535 while the ADC samples the pin (the default init data).
 */
import { adcPinMv } from "../state/battery.ts";
import { intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";
import type { NodeMcuChip } from "../../firmware/boards/nodemcu-firmware.ts";

/** GPIO of each ADC1 channel on the ESP32. */
export const ESP32_ADC1_GPIO = [36, 37, 38, 39, 32, 33, 34, 35];
/** Nominal full scale per attenuation (adc.ATTEN_0db ... ATTEN_11db = 0..3), mV. */
export const ESP32_FULL_SCALE_MV = [1100, 1500, 2200, 3900];

export function installAdc(boot: NodeMcuBoot, chip: NodeMcuChip): void {
  const board = boot.board;
  const packPinMv = (): number => adcPinMv(board.profile, board.battery.millivolts());
  const analogPin = (name: string): void => {
    if (name !== board.profile.pins.battery) throw new Error(`adc: only the battery divider (${board.profile.pins.battery}) is an analog source here, not ${name}`);
  };
  if (chip === "esp8266") {
    boot.register("__host_adc_read", (channel) => {
      if (intArg(channel, "adc.read") !== 0) throw new Error("adc.read: the ESP8266 has channel 0 only");
      analogPin("A0");
      return Math.min(1024, Math.round((packPinMv() / 1000) * 1024));
    });
    boot.vm.run(luaModuleSource("adc-esp8266"), "adc-esp8266.lua");
    return;
  }
  let bits = 12;
  const atten: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  const channelOf = (id: string, channel: string, what: string): number => {
    if (intArg(id, what) !== 1) throw new Error(`${what}: only adc.ADC1 is supported`);
    const ch = intArg(channel, what);
    if (ch < 0 || ch > 7) throw new Error(`channel ${ch} does not exist in ADC1`);
    return ch;
  };
  boot.register("__host_adc_setwidth", (id, width) => {
    if (intArg(id, "adc.setwidth") !== 1) throw new Error("adc.setwidth: only adc.ADC1 is supported");
    const w = intArg(width, "adc.setwidth");
    if (w < 9 || w > 12) throw new Error("adc_set_width failed");
    bits = w;
    return undefined;
  });
  boot.register("__host_adc_setup", (id, channel, attenuation) => {
    const ch = channelOf(id, channel, "adc.setup");
    const a = intArg(attenuation, "adc.setup");
    if (a < 0 || a > 3) throw new Error("adc_setup failed");
    atten[ch] = a;
    return undefined;
  });
  boot.register("__host_adc_read", (id, channel) => {
    const ch = channelOf(id, channel, "adc.read");
    analogPin(`GPIO${ESP32_ADC1_GPIO[ch]}`);
    const max = (1 << bits) - 1;
    return Math.min(max, Math.round((packPinMv() / ESP32_FULL_SCALE_MV[atten[ch]]) * max));
  });
  boot.vm.run(luaModuleSource("adc-esp32"), "adc-esp32.lua");
}
