/**
 * Boots the chip's build/nodemcu/<chip>/parcelbox.lua (run `make build` first) on a virtual ESP32 box (or another profile), on one of
 * the two Lua VMs, and probes the board the firmware built (`parcelboxBoard`) with Lua snippets.
 */
import { existsSync } from "node:fs";
import { VirtualBoard, type BoardOptions } from "../../../sim/state/board.ts";
import { nodeMcuBuild, nodeMcuChip, NodeMcuBox, type NodeMcuOptions } from "../../../sim/nodemcu/loader.ts";
import type { LuaVmKind } from "../../../sim/nodemcu/lua-vm.ts";

export const VMS: LuaVmKind[] = ["fengari", "wasmoon"];

/** 2026-11-28T09:00:00Z */
export const UNIX_2026_11_28 = 1795856400;
/** The same instant in box seconds (from 2020-01-01). */
export const BOX_2026_11_28 = UNIX_2026_11_28 - 1577836800;

export interface TestBox {
  board: VirtualBoard;
  box: NodeMcuBox;
  /** Runs Lua in the current boot; returns its result as text. */
  lua(code: string): string;
  /** Tasks the firmware has on the board's scheduler (0 = nothing will run until an interrupt). */
  /**
   * Firmware tasks due within the next hour: 0 when the box is idle. The box's daily housekeeping
   * wake (chained in alarms of under two hours on NodeMCU) is allowed and not counted.
   */
  pending(): number;
}

const open: NodeMcuBox[] = [];

/** Closes every box booted by this file's tests (use in afterEach). */
export function closeBoxes(): void {
  for (const box of open.splice(0)) box.detach();
}

export async function bootBox(vm: LuaVmKind, board: BoardOptions = {}, options: Partial<NodeMcuOptions> = {}): Promise<TestBox> {
  const b = new VirtualBoard({ profile: "esp32-nodemcu", ...board });
  const build = nodeMcuBuild(nodeMcuChip(b));
  if (!existsSync(build) && options.firmware === undefined) throw new Error(`${build} is missing: run make build`);
  const box = await NodeMcuBox.attach(b, { vm, ...options });
  open.push(box);
  return {
    board: b,
    box,
    lua: (code) => box.lua(code),
    pending: () => b.scheduler.pendingBefore(b.scheduler.nowMs + 3600000, b.runtimeOwner),
  };
}

/** Lua that collects calls of a handler into the global list `name` (values joined by "@"). */
export function collector(name: string): string {
  return `${name} = {}; local function collect(...) local p = {} for i = 1, select("#", ...) do p[#p + 1] = tostring((select(i, ...))) end ${name}[#${name} + 1] = table.concat(p, "@") end`;
}

export function collected(t: TestBox, name: string): string[] {
  const text = t.lua(`return table.concat(${name}, ",")`);
  return text === "" ? [] : text.split(",");
}
