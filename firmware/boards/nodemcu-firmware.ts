/**
 * The NodeMCU firmware the box runs on, per chip: the branch and commit, the modules it must be
 * built with (and the line or option that builds each in), the Lua number configuration and the
 * LFS partition the owner sets. This is the one list:
 * - the simulator offers each chip exactly these modules (sim/nodemcu/loader.ts): a module missing
 *   here is missing there, so a firmware that calls it fails in the tests as on the device;
 * - test/sim/nodemcu/firmware-list.test.ts checks it against the globals build/nodemcu/<chip>/parcelbox.lua
 *   really reads;
 * - `make build` takes the LFS limit from it (tools/build/lfs-image.ts);
 * - `parcelbox flash --runtime nodemcu` prints it, and the owner's guide's firmware section is
 *   generated from it (`make docs`; test/docs/nodemcu-firmware-doc.test.ts fails when they differ).
 *
 * Read from nodemcu-firmware's source (branch `release` for ESP8266, `dev-esp32` for ESP32):
 * - ESP8266: app/include/user_modules.h builds in adc, file, gpio, i2c, node, tmr, uart by default
 *   and leaves crypto and rtctime commented out. app/modules/adc.c: adc.read(0) samples the TOUT pin
 *   (0..1024 for 0..1 V). The release branch builds Lua 5.1 unless `make LUA=53`.
 *   With Lua 5.3, numbers are 32-bit integers and 32-bit floats unless LUA_NUMBER_64BITS is
 *   defined in app/include/user_config.h. LFS has no partition until one is set (LUA_FLASH_STORE in
 *   user_config.h, or node.setpartitiontable()); node.getpartitiontable().lfs_size tells its size.
 * - ESP32: components/modules/Kconfig turns adc, crypto, sodium and time off by default (file, gpio,
 *   i2c, node, tmr, uart on; components/modules/adc.c: adc.setup(adc.ADC1, channel, atten) and
 *   adc.read(adc.ADC1, channel), ADC1 only; uart is required by the Lua VM). components/lua/Kconfig: Lua 5.3,
 *   LUA_NUMBER_INT64 and LUA_NUMBER_DOUBLE off (32-bit integers, 32-bit floats), Lua's own io
 *   library on (LUA_BUILTIN_IO). components/modules/file.c has no open any more: file contents go
 *   through io. components/platform/partitions.csv gives LFS a 0x10000 (64 KB) partition.
 *   components/modules/time.c: time.set reads its seconds with luaL_checknumber, so on a 32-bit
 *   float build they are rounded (218554157 becomes 218554160); time.get pushes integers.
 *   On the commit below the USB console is the uart module's (uart.on with run_input 0 takes it
 *   from the interpreter); dev-esp32 from PR #3666 (2024-10) moved it into a `console` module.
 *   The firmware uses whichever the build has (firmware/nodemcu/serial.ts), and the simulator
 *   offers both (`esp32Console` in sim/nodemcu/loader.ts).
 *
 * Portable-core rules do not apply: the firmware never imports this file (it would only carry
 * prose); firmware/nodemcu finds what a build has at run time.
 */

export type NodeMcuChip = "esp8266" | "esp32";

export interface FirmwareModule {
  /** The global the Lua code reads ("crypto"); `io` is Lua's own library. */
  name: string;
  /** The line or option that builds it in. */
  enable: string;
  /** Whether the branch's default build has it already. */
  defaultOn: boolean;
  /** What the box uses it for. */
  usedFor: string;
}

export interface NodeMcuFirmware {
  chip: NodeMcuChip;
  /** The board profile it runs (firmware/boards/profiles.ts). */
  profile: string;
  title: string;
  branch: string;
  /** The commit NodeMCU's host tools here were built from (../shared/tools/nodemcu/README.md). */
  commit: string;
  /** Where modules are chosen. */
  moduleConfig: string;
  modules: FirmwareModule[];
  /** The Lua version and how it is chosen. */
  lua: string;
  /** The number configuration the box is tested with, and the option that keeps it. */
  numbers: string;
  /** How the owner gives LFS its partition of LFS_PARTITION_BYTES. */
  lfsSetting: string;
  /** How to see the partition on the device. */
  lfsCheck: string;
  /** NodeMCU's own cross compiler for this chip (../shared/tools/nodemcu). */
  luacCross: string;
  /** Modules some builds have instead of a listed one, which the firmware uses when present. */
  optionalModules: string[];
  /** What else the owner should know about this chip's build. */
  notes: string[];
}

/** The LFS partition the owner's guide tells owners to set, on both chips (128 KB). */
export const LFS_PARTITION_BYTES = 0x20000;
/** The lead's goal: the ESP32 firmware's default partition, so a stock partition table works. */
export const LFS_GOAL_BYTES = 0x10000;
/**
 * Whether `make build` fails when an LFS image needs more flash than LFS_PARTITION_BYTES. On since
 * both images fit (session 20: ESP8266 128,912 B, ESP32 130,928 B in flash); false would only warn.
 */
export const LFS_LIMIT_ENFORCED = true;

/** The file `parcelbox flash` uploads and node.LFS.reload loads. */
export const LFS_IMAGE_REMOTE_NAME = "parcelbox.img";
/** The LFS module the image holds: luac.cross names it after the source file. */
export const LFS_MODULE = "parcelbox";

const ESP8266: NodeMcuFirmware = {
  chip: "esp8266",
  profile: "esp8266-nodemcu",
  title: "ESP8266",
  branch: "release",
  commit: "36cbf9f017d356319a6369e299765eedff191154",
  moduleConfig: "app/include/user_modules.h",
  modules: [
    { name: "adc", enable: "#define LUA_USE_MODULES_ADC", defaultOn: true, usedFor: "the battery's voltage on A0 (adc.read(0)), docs/energy.md" },
    { name: "crypto", enable: "#define LUA_USE_MODULES_CRYPTO", defaultOn: false, usedFor: "HMAC-SHA1 and HMAC-SHA256 for the codes (crypto.new_hmac, crypto.new_hash)" },
    { name: "file", enable: "#define LUA_USE_MODULES_FILE", defaultOn: true, usedFor: "the box's journal and log files" },
    { name: "gpio", enable: "#define LUA_USE_MODULES_GPIO", defaultOn: true, usedFor: "keypad columns, lid, buttons, the lock's gate (gpio.serout times the pulse)" },
    { name: "i2c", enable: "#define LUA_USE_MODULES_I2C", defaultOn: true, usedFor: "the DS3231 clock and the PCF8574 port expander" },
    { name: "node", enable: "#define LUA_USE_MODULES_NODE", defaultOn: true, usedFor: "node.random, node.restart, node.LFS" },
    { name: "rtctime", enable: "#define LUA_USE_MODULES_RTCTIME", defaultOn: false, usedFor: "the chip's clock (rtctime.get, rtctime.set)" },
    { name: "tmr", enable: "#define LUA_USE_MODULES_TMR", defaultOn: true, usedFor: "timers and the microsecond counter (tmr.now)" },
    { name: "uart", enable: "#define LUA_USE_MODULES_UART", defaultOn: true, usedFor: "the USB port: uart.on with run_input 0 takes it from the Lua prompt" },
  ],
  lua: "Lua 5.3: build with `make LUA=53` (the release branch builds Lua 5.1 otherwise)",
  numbers: "32-bit integers and 32-bit floats: leave `LUA_NUMBER_64BITS` undefined in app/include/user_config.h",
  lfsSetting: "`#define LUA_FLASH_STORE 0x20000` in app/include/user_config.h (or, on a running NodeMCU, node.setpartitiontable with lfs_size = 0x20000)",
  lfsCheck: "node.getpartitiontable().lfs_size",
  luacCross: "luac.cross",
  optionalModules: [],
  notes: [],
};

const ESP32: NodeMcuFirmware = {
  chip: "esp32",
  profile: "esp32-nodemcu",
  title: "ESP32",
  branch: "dev-esp32",
  commit: "7c5bb15154f6766987bf3f119335b08dfcc51a40",
  moduleConfig: "`idf.py menuconfig`, Component config, NodeMCU modules (components/modules/Kconfig)",
  modules: [
    { name: "adc", enable: "CONFIG_NODEMCU_CMODULE_ADC=y", defaultOn: false, usedFor: "the battery's voltage on GPIO36, ADC1 channel 0 (adc.setup, adc.read), docs/energy.md" },
    { name: "crypto", enable: "CONFIG_NODEMCU_CMODULE_CRYPTO=y", defaultOn: false, usedFor: "HMAC-SHA1 and HMAC-SHA256 for the codes (crypto.new_hmac, crypto.new_hash)" },
    { name: "file", enable: "CONFIG_NODEMCU_CMODULE_FILE=y", defaultOn: true, usedFor: "file.exists, file.remove, file.fsinfo for the box's files" },
    { name: "gpio", enable: "CONFIG_NODEMCU_CMODULE_GPIO=y", defaultOn: true, usedFor: "keypad columns, lid, buttons, lock, LEDs, buzzer, light-sleep wake pins" },
    { name: "i2c", enable: "CONFIG_NODEMCU_CMODULE_I2C=y", defaultOn: true, usedFor: "the DS3231 clock" },
    { name: "io", enable: "CONFIG_LUA_BUILTIN_IO=y (Lua's io library)", defaultOn: true, usedFor: "the contents of the box's journal and log files (io.open)" },
    { name: "node", enable: "CONFIG_NODEMCU_CMODULE_NODE=y", defaultOn: true, usedFor: "node.restart, node.sleep (light sleep), node.LFS" },
    { name: "sodium", enable: "CONFIG_NODEMCU_CMODULE_SODIUM=y", defaultOn: false, usedFor: "random bytes from the hardware generator (sodium.random.buf)" },
    { name: "time", enable: "CONFIG_NODEMCU_CMODULE_TIME=y", defaultOn: false, usedFor: "the chip's clock and microsecond counter (time.get)" },
    { name: "tmr", enable: "CONFIG_NODEMCU_CMODULE_TMR=y", defaultOn: true, usedFor: "timers" },
    { name: "uart", enable: "CONFIG_NODEMCU_CMODULE_UART=y (required by NodeMCU's Lua)", defaultOn: true, usedFor: "the USB port (uart.on with run_input 0), light-sleep wake on USB (uart.wakeup)" },
  ],
  lua: "Lua 5.3: the Kconfig default (Component config, Lua configuration)",
  numbers: "32-bit integers and 32-bit floats: leave CONFIG_LUA_NUMBER_INT64 and CONFIG_LUA_NUMBER_DOUBLE off (the defaults)",
  lfsSetting: "in components/platform/partitions.csv, the lfs line's size: `lfs, 0xC2, 0x01, , 0x20000` (the default is 0x10000)",
  lfsCheck: "node.LFS.config.lfs_size",
  luacCross: "luac.cross-esp32",
  optionalModules: ["console"],
  notes: [
    "Later dev-esp32 commits (from PR #3666, 2024-10) move the USB console from the uart module into a `console` module; the box uses whichever the build has.",
  ],
};

export function nodeMcuFirmware(chip: NodeMcuChip): NodeMcuFirmware {
  return chip === "esp8266" ? ESP8266 : ESP32;
}

export function nodeMcuFirmwares(): NodeMcuFirmware[] {
  return [ESP8266, ESP32];
}

/** The module names of a chip's build, in the list's order. */
export function firmwareModules(chip: NodeMcuChip): string[] {
  return nodeMcuFirmware(chip).modules.map((m) => m.name);
}

/** The modules a chip's default build leaves out, which the owner must switch on. */
export function modulesToEnable(chip: NodeMcuChip): FirmwareModule[] {
  return nodeMcuFirmware(chip).modules.filter((m) => !m.defaultOn);
}
