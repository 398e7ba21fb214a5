/**
 * Runs build/nodemcu/parcelbox.lua on a virtual board: each power-up boots a fresh Lua VM
 * (fengari: 32-bit integers like NodeMCU; wasmoon: 64-bit), installs the NodeMCU modules backed
 * by the board's parts and runs the firmware file, as NodeMCU runs init.lua. The modules are the
 * ESP32 firmware's, or the ESP8266 firmware's on the esp8266-nodemcu profile (nodeMcuChip). A power cut or reset
 * ends the boot: RAM (the VM) and rtctime are gone; the flash, the DS3231 and the parts remain.
 *
 *   const box = await NodeMcuBox.attach(board, { vm: "fengari" });
 *   board.keypad.press("1"); board.advance(50); ...; box.failures  // Lua errors, all boots
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { VirtualBoard } from "../state/board.ts";
import { luaModuleSource, NodeMcuBoot, type LuaFailure } from "./boot.ts";
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

export const NODEMCU_BUILD = join(import.meta.dirname, "../../build/nodemcu/parcelbox.lua");

export type NodeMcuChip = "esp32" | "esp8266";

/** Which NodeMCU firmware a board runs: the ESP8266 one on the esp8266-nodemcu profile. */
export function nodeMcuChip(board: VirtualBoard): NodeMcuChip {
  return board.profile.name.startsWith("esp8266") ? "esp8266" : "esp32";
}

export interface NodeMcuOptions {
  vm: LuaVmKind;
  /** The firmware's Lua source; default build/nodemcu/parcelbox.lua as `make build` wrote it. */
  firmware?: string;
  /** Called on every Lua error (they are also kept in `failures`). */
  onFailure?: (failure: LuaFailure) => void;
}

export class NodeMcuBox {
  /** Every Lua error of every boot, oldest first. */
  readonly failures: LuaFailure[] = [];
  /** ESP32 light sleep of every boot (node.sleep), for the power meter; empty on ESP8266. */
  readonly sleep: SleepRecord;
  private current: { boot: NodeMcuBoot; timers: TimerView } | undefined;
  /** VMs of ended boots, closed at the next boot (never while Lua code may still be unwinding). */
  private ended: NodeMcuBoot[] = [];
  private readonly firmware: string;
  private readonly onPowerOn = (): void => this.start();
  private readonly onPowerOff = (): void => this.stop();

  private constructor(
    readonly board: VirtualBoard,
    private readonly options: NodeMcuOptions,
  ) {
    this.firmware = options.firmware ?? readFileSync(NODEMCU_BUILD, "latin1");
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
    const vm = createLuaVmSync(this.options.vm);
    const boot = new NodeMcuBoot(this.board, vm, this.failures, this.options.onFailure ?? (() => undefined));
    vm.run(luaModuleSource("host"), "host.lua");
    installNodeMcuCrypto(vm);
    // The two firmwares differ in gpio and in who owns the USB port (console vs uart).
    // They also differ in the system services: ESP8266 has tmr.now, node.random and rtctime;
    // ESP32 has none of them, and node.uptime, sodium.random and the time module instead.
    const chip = nodeMcuChip(this.board);
    const esp8266 = chip === "esp8266";
    const gpioWake = esp8266 ? undefined : installGpio(boot);
    if (esp8266) installGpioEsp8266(boot);
    const timers = installTmr(boot, chip);
    installFile(boot);
    installChipClock(boot, esp8266 ? "rtctime" : "time");
    if (esp8266) installUart(boot);
    else installConsole(boot);
    installI2c(boot);
    installNode(boot, chip);
    if (!esp8266) installSodium(boot);
    // ESP32 only: light sleep (node.sleep, gpio.wakeup, uart.wakeup). ESP8266 NodeMCU's node.sleep
    // is another API (wifi-suspend based, off by default) and is not offered.
    if (gpioWake !== undefined) {
      installSleep(boot, timers, gpioWake, this.sleep);
      vm.run(luaModuleSource("node-sleep"), "node-sleep.lua");
      vm.run(luaModuleSource("uart-esp32"), "uart-esp32.lua");
    }
    this.current = { boot, timers };
    boot.runChunk(this.firmware, "parcelbox.lua");
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
