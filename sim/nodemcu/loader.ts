/**
 * Runs the chip's build/nodemcu/<chip>/parcelbox.lua on a virtual board: each power-up boots a fresh Lua VM
 * (fengari: 32-bit integers like NodeMCU; wasmoon: 64-bit; nodemcu: NodeMCU's own Lua in a new
 * process, see ./real), installs the NodeMCU modules backed
 * by the board's parts and runs the firmware file, as NodeMCU runs init.lua. The modules are
 * exactly the chip's list in firmware/boards/nodemcu-firmware.ts: the ESP32 firmware's, or the
 * ESP8266 firmware's on the esp8266-nodemcu profile (nodeMcuChip). A power cut or reset
 * ends the boot: RAM (the VM) and rtctime are gone; the flash, the DS3231 and the parts remain.
 *
 *   const box = await NodeMcuBox.attach(board, { vm: "fengari" });
 *   board.keypad.press("1"); board.advance(50); ...; box.failures  // Lua errors, all boots
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ESP8266_GPIO_OF_D } from "../../firmware/boards/profiles.ts";
import type { VirtualBoard } from "../state/board.ts";
import { luaModuleSource, NodeMcuBoot, type LuaFailure } from "./boot.ts";
import { installAdc } from "./adc.ts";
import { installConsole } from "./console.ts";
import { installNodeMcuCrypto } from "./crypto.ts";
import { installFile } from "./file.ts";
import { installGpio } from "./gpio.ts";
import { installGpioEsp8266 } from "./gpio-esp8266.ts";
import { installI2c } from "./i2c.ts";
import { createLuaVmSync, prepareLuaVms, type LuaVmKind } from "./lua-vm.ts";
import { installNode } from "./node.ts";
import { installChipClock } from "./chip-clock.ts";
import { installSleep, SleepRecord } from "./sleep.ts";
import { installSodium } from "./sodium.ts";
import { installTmr, type TimerView } from "./tmr.ts";
import { installUart } from "./uart.ts";
import { LfsCatalogue, lfsRegion, loadPendingImage, type LfsRegion } from "./lfs.ts";
import { firmwareModules, type NodeMcuChip } from "../../firmware/boards/nodemcu-firmware.ts";

/** The box's Lua file for `chip`, as `make build` writes it (a build per chip). */
export function nodeMcuBuild(chip: NodeMcuChip): string {
  return join(import.meta.dirname, `../../build/nodemcu/${chip}/parcelbox.lua`);
}

export type { NodeMcuChip };

/**
 * Who owns the USB console on ESP32: the uart module on the commit the list names (and dev-esp32
 * before PR #3666), the console module on later dev-esp32. The firmware handles both.
 */
export type Esp32Console = "uart" | "console";
export const ESP32_CONSOLE_DEFAULT: Esp32Console = "uart";

/** The ESP8266 dev kit's pin on GPIO0, the boot-mode pin ("D3"). */
const ESP8266_BOOT_PIN = `D${ESP8266_GPIO_OF_D.indexOf(0)}`;

/** Which NodeMCU firmware a board runs: the ESP8266 one on the esp8266-nodemcu profile. */
export function nodeMcuChip(board: VirtualBoard): NodeMcuChip {
  return board.profile.name.startsWith("esp8266") ? "esp8266" : "esp32";
}

export interface NodeMcuOptions {
  vm: LuaVmKind;
  /** The firmware's Lua source; default the board's chip's build/nodemcu/<chip>/parcelbox.lua. */
  firmware?: string;
  /** Called on every Lua error (they are also kept in `failures`). */
  onFailure?: (failure: LuaFailure) => void;
  /**
   * "firmware" (default): every boot runs `firmware` as init.lua. "init.lua": boot as NodeMCU
   * does, running init.lua from the board's flash if there is one, else leaving the Lua prompt on
   * USB (a chip fresh from esptool: what `parcelbox flash --runtime nodemcu` talks to).
   */
  boot?: "firmware" | "init.lua";
  /** ESP32 only: whose the USB console is (default ESP32_CONSOLE_DEFAULT). */
  esp32Console?: Esp32Console;
  /** Images node.LFS.reload can load (default: those `make build` described). */
  lfsCatalogue?: LfsCatalogue;
  /** The LFS partition's size, set on the board's first boot (default: the owner's guide's). */
  lfsPartitionBytes?: number;
}

export class NodeMcuBox {
  /** Every Lua error of every boot, oldest first. */
  readonly failures: LuaFailure[] = [];
  /** ESP32 light sleep of every boot (node.sleep), for the power meter; empty on ESP8266. */
  readonly sleep: SleepRecord;
  private current: { boot: NodeMcuBoot; timers: TimerView } | undefined;
  /** ESP8266 only: this power-up found GPIO0 low, so the chip sits in its ROM bootloader. */
  inRomBootloader = false;
  /** VMs of ended boots, closed at the next boot (never while Lua code may still be unwinding). */
  private ended: NodeMcuBoot[] = [];
  private readonly firmware: string;
  private readonly lfs: LfsRegion;
  /** Read on the first reload only: most boxes never reload LFS. */
  private catalogue: LfsCatalogue | undefined;
  private readonly onPowerOn = (): void => this.start();
  private readonly onPowerOff = (): void => this.stop();

  private constructor(
    readonly board: VirtualBoard,
    private readonly options: NodeMcuOptions,
  ) {
    this.firmware = options.firmware ?? (options.boot === "init.lua" ? "" : readFileSync(nodeMcuBuild(nodeMcuChip(board)), "latin1"));
    this.lfs = lfsRegion(board, options.lfsPartitionBytes);
    this.catalogue = options.lfsCatalogue;
    this.sleep = new SleepRecord(() => board.scheduler.nowMs);
  }

  /** Attaches to the board and boots at once if it is powered, and again at every power-up. */
  static async attach(board: VirtualBoard, options: NodeMcuOptions): Promise<NodeMcuBox> {
    await prepareLuaVms();
    const box = new NodeMcuBox(board, options);
    board.on("powerOn", box.onPowerOn);
    board.on("powerOff", box.onPowerOff);
    if (board.powered) box.start();
    return box;
  }

  get boot(): NodeMcuBoot {
    if (!this.current) throw new Error("the board is off");
    return this.current.boot;
  }

  /** tmr timers running in the current boot (0 when idle). */
  runningTimers(): number {
    return this.current?.timers.running() ?? 0;
  }

  /** Runs Lua in the current boot and returns its result as text (tests' probe). */
  lua(code: string): string {
    return this.boot.vm.run(code, "probe");
  }

  detach(): void {
    this.board.off("powerOn", this.onPowerOn);
    this.board.off("powerOff", this.onPowerOff);
    this.stop();
    this.closeEnded();
  }

  private start(): void {
    this.stop();
    this.closeEnded();
    // The ESP8266's ROM samples GPIO0 at reset: held low (the service button on D3 pressed while the
    // power comes on) it starts its serial bootloader, and NodeMCU, so the box, does not run until
    // the next power-up (docs/boards.md). The factory reset is therefore a press just after power-up.
    this.inRomBootloader = nodeMcuChip(this.board) === "esp8266" && this.board.pins.level(ESP8266_BOOT_PIN) === 0;
    if (this.inRomBootloader) return;
    const vm = createLuaVmSync(this.options.vm, { firmware: this.firmware });
    const boot = new NodeMcuBoot(this.board, vm, this.failures, this.options.onFailure ?? (() => undefined));
    const chip = nodeMcuChip(this.board);
    // A reload node.LFS.reload recorded happens first, before Lua starts (luaN_init).
    if (this.lfs.pending !== undefined) {
      this.catalogue ??= new LfsCatalogue().addManifest();
      this.board.usb.fromBox(loadPendingImage(this.board, this.lfs, this.catalogue));
    }
    vm.run(luaModuleSource("host"), "host.lua");
    // NodeMCU's ESP8266 Lua has neither io nor os; ESP32's io is the flash's (io.lua below). Both
    // build only the minimal debug library (getregistry and traceback).
    vm.run(`io = nil os = nil __nodemcu.chip = "${chip}" debug = { traceback = debug.traceback, getregistry = debug.getregistry }`, "nodemcu-base");
    const modules = new Set(firmwareModules(chip));
    const consoleModule = chip === "esp32" && (this.options.esp32Console ?? ESP32_CONSOLE_DEFAULT) === "console";
    // Every module of the chip's list, and nothing else: a module the list leaves out is nil.
    if (modules.has("crypto")) installNodeMcuCrypto(vm, chip);
    let gpioWake: ReturnType<typeof installGpio> | undefined;
    if (modules.has("gpio") && chip === "esp8266") installGpioEsp8266(boot);
    else if (modules.has("gpio")) gpioWake = installGpio(boot);
    const timers = installTmr(boot, chip);
    if (!modules.has("tmr")) vm.run("tmr = nil", "no-tmr");
    if (modules.has("file") || modules.has("io")) installFile(boot, chip, modules.has("io"));
    if (!modules.has("file")) vm.run("file = nil", "no-file");
    if (modules.has("rtctime")) installChipClock(boot, "rtctime");
    if (modules.has("time")) installChipClock(boot, "time");
    // The USB console: ESP8266's uart module; on ESP32 the uart module too, or the console module
    // of later dev-esp32 builds (firmware/boards/nodemcu-firmware.ts).
    if (consoleModule) installConsole(boot);
    else if (modules.has("uart")) installUart(boot);
    if (modules.has("i2c")) installI2c(boot);
    if (modules.has("node")) installNode(boot, chip, this.lfs);
    if (modules.has("sodium")) installSodium(boot);
    if (modules.has("adc")) installAdc(boot, chip);
    // ESP32 only: light sleep (node.sleep, gpio.wakeup, uart.wakeup). ESP8266 NodeMCU's node.sleep
    // is another API (wifi-suspend based, off by default) and is not offered.
    if (gpioWake !== undefined && modules.has("node")) {
      installSleep(boot, timers, gpioWake, this.sleep);
      vm.run(luaModuleSource("node-sleep"), "node-sleep.lua");
      if (modules.has("uart")) vm.run(luaModuleSource("uart-esp32"), "uart-esp32.lua");
    }
    this.current = { boot, timers };
    if (this.options.boot === "init.lua") this.runInitLua(boot);
    else boot.runChunk(this.firmware, "parcelbox.lua");
  }

  /**
   * NodeMCU's start (lua.c's pmain): the banner, init.lua from the file system if there is one
   * (LUA_INIT_STRING "@init.lua"), then the first prompt, unless init.lua took the console.
   */
  private runInitLua(boot: NodeMcuBoot): void {
    this.board.usb.fromBox(`\nNodeMCU (simulated ${nodeMcuChip(this.board)}) powered by Lua 5.3\n`);
    const init = this.board.flash.read("init.lua");
    if (init !== undefined) boot.runChunk(Buffer.from(init).toString("latin1"), "init.lua");
    if (boot.alive && boot.interpreterListening()) this.board.usb.fromBox("> ");
  }

  private stop(): void {
    if (!this.current) return;
    this.current.boot.end();
    this.ended.push(this.current.boot);
    this.current = undefined;
  }

  private closeEnded(): void {
    for (const boot of this.ended.splice(0)) boot.vm.close();
  }
}
