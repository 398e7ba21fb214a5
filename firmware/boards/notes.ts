/**
 * What docs/boards.md says about each board profile beyond its data: a title, where the native
 * hash comes from, and wiring notes. Kept apart from profiles.ts so the firmware does not carry
 * the prose; test/sim/board-profiles.test.ts checks every profile has notes and the doc matches.
 */
/** Where the board takes its supply, and what its regulator accepts (docs/wiring/power.svg). */
export interface PowerInput {
  /** The pin as printed on the board. */
  pin: string;
  minVolts: number;
  maxVolts: number;
  /** The regulator behind the pin and where the range comes from. */
  regulator: string;
  /** What to do instead when a 4-AA pack does not suit the input. */
  onCells: string;
}

export interface BoardNotes {
  title: string;
  power: PowerInput;
  /** Where the native hash comes from and what it needs. */
  hash: string;
  wiring: string[];
  /**
   * What the owner must know about one pin before wiring it, keyed by the pin's name in the
   * profile: printed in docs/boards.md and on the wiring diagram beside the part on that pin.
   */
  pinNotes?: Record<string, string>;
}

/**
 * How NodeMCU dev kits print the ESP8266's D indexes 9-12 on the board (D0-D8 are printed as
 * such): the pins are labelled by their flash or UART function there.
 */
export const ESP8266_SILKSCREEN: Record<string, string> = { D9: "RX", D10: "TX", D11: "SD2", D12: "SD3" };

export const BOARD_NOTES: Record<string, BoardNotes> = {
  "espruino-pico": {
    title: "Espruino Pico",
    power: { pin: "BAT_IN", minVolts: 3.5, maxVolts: 16, regulator: "its own 3.3 V 250 mA regulator; espruino.com/Pico", onCells: "" },
    hash: "require(\"crypto\").SHA1 and SHA256; HMAC built from two native digests",
    wiring: [
      "Storage is 3 pages of 16 KB, shared by the firmware (.bootcde) and the box's files: \"Does the box fit each board?\" above says whether both fit.",
      "A4, and A0 and A1 (the DS3231's power and the battery divider), are on the 0.05 inch row at the end of the board.",
      "The RC clock drifts up to 10%: fit the DS3231.",
      "Watched pins (columns, lid, service, home) have distinct pin numbers (1, 7, 6, 5, 3, 8): STM32 pins of the same number share one interrupt line.",
    ],
  },
  "espruino-wifi": {
    title: "Espruino WiFi",
    power: { pin: "VUSB", minVolts: 3.5, maxVolts: 5, regulator: "its own 3.3 V 250 mA regulator; espruino.com/WiFi", onCells: "a supply (its input takes at most 5 V, and 3 AA cells cannot pull a 6 V coil)" },
    hash: "require(\"crypto\").SHA1 and SHA256; HMAC built from two native digests",
    wiring: ["Storage is 64 KB, shared by the firmware (.bootcde) and the box's files (the profile lets the files take up to 32 KB).", "A2/A3 and A13/A14 belong to the on-board ESP8266: not used."],
  },
  "esp32-nodemcu": {
    title: "ESP32 (WROOM) running NodeMCU",
    power: { pin: "5V", minVolts: 4.75, maxVolts: 5.25, regulator: "the dev kit's AMS1117 3.3 V regulator, fed 5 V as from its USB socket", onCells: "a bare WROOM module with a low-quiescent 3.3 V regulator that takes 12 V (e.g. HT7333), as docs/energy.md assumes" },
    hash: "crypto.new_hash / crypto.new_hmac (the crypto module must be in the firmware build)",
    wiring: [
      "GPIO16 and GPIO17 are taken by PSRAM on WROVER modules: use a WROOM.",
      "The chip's clock (NodeMCU's time module) is lost on every reset: fit the DS3231.",
      "GPIO5, the DS3231's power, is a strapping pin that sets only an SDIO slave's timing at boot: the module on it does no harm. Every other free output is a strapping pin too.",
      "GPIO36 (ADC1 channel 0, input only) reads the battery divider; the firmware build needs the adc module (the firmware list below).",
    ],
  },
  "esp8266-nodemcu": {
    title: "ESP8266 (NodeMCU dev kit) running NodeMCU",
    power: { pin: "VIN", minVolts: 4.75, maxVolts: 5.25, regulator: "the dev kit's AMS1117 3.3 V regulator, fed 5 V as from its USB socket", onCells: "a supply: it never sleeps (about 2 days on AA cells, docs/energy.md)" },
    hash: "crypto.hmac / crypto.new_hmac, only when the crypto module is built into the firmware",
    wiring: [
      "Too few free pins: the keypad rows, both LEDs, the buzzer and the delivery output are on a PCF8574 (0x20) on the DS3231's I2C bus; what must wake the box or be hardware-timed (columns, lid, service, home, gate) stays on the chip.",
      "The LEDs, the buzzer and the delivery output are wired active low, from +3V3 into their EX pin (the PCF8574 sinks 25 mA, sources ~0.1 mA): no transistors. Power the PCF8574 from +3V3 too, so a high pin leaves the parts fully off.",
      "D8 (GPIO15) must be low at boot: the gate's pull-down keeps it so, and the coil off. D3 (GPIO0) and D4 (GPIO2) must be high at boot: the service button and the home contact are open at rest.",
      "The lid is on D12 (GPIO10), printed SD3 on the board: in the flash chip's QIO mode that pin carries flash data, so NodeMCU must be flashed in DIO mode (`esptool.py write_flash --flash_mode dio ...`, the mode NodeMCU's and Espressif's docs give for ESP-12 modules). No other pin with an interrupt is free: D0 (GPIO16) has none and the PCF8574's eight pins are taken.",
      "Holding the service button (D3, GPIO0) at power-up starts the ROM bootloader instead, so on this board the factory reset is a press begun within 3 s after power-up, held for 10 s.",
      "D0 (GPIO16) is left free: it has no interrupt.",
    ],
    pinNotes: {
      D12: "D12 is printed SD3 on the board (GPIO10): it is free only when NodeMCU is flashed in DIO mode (esptool.py write_flash --flash_mode dio)",
    },
  },
};
