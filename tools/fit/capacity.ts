/**
 * What each board offers the box: where the code is kept and how much that holds, where the
 * box's own files go, and its memory. Kept out of firmware/boards/profiles.ts, which the firmware
 * itself carries. Each capacity says where it comes from; an estimate says so.
 */
import { boardProfile, type BoardProfile } from "../../firmware/boards/profiles.ts";

export interface Store {
  /** "Storage", "LFS region", "file system". */
  name: string;
  bytes: number;
  /** Where the figure comes from. */
  note: string;
  /** When a firmware build sets the size: "a NodeMCU firmware whose X is", completed with "at least N KB". */
  settable?: string;
}

export interface BoardCapacity {
  board: string;
  /** Where the firmware is kept. */
  code: Store;
  /** Where the box's journal and log are kept; on Espruino the same Storage as the code. */
  files: Store & { sharedWithCode: boolean };
  memory: {
    unit: "JsVars" | "bytes";
    capacity: number;
    note: string;
    /** The capacity is an estimate, not a documented or measured figure. */
    estimate: boolean;
  };
}

const KB = 1024;

function profile(name: string): BoardProfile {
  const p = boardProfile(name);
  if (!p) throw new Error(`no board profile ${name}`);
  return p;
}

function espruinoStorage(bytes: number, note: string): Store & { sharedWithCode: boolean } {
  return { name: "Storage", bytes, note, sharedWithCode: true };
}

/** NodeMCU keeps the box's files in its file system, which is far larger; the profile's budget is the box's share. */
function nodeMcuFiles(name: string): Store & { sharedWithCode: boolean } {
  return { name: "file system", bytes: profile(name).flashBudgetBytes, note: "the box's share of SPIFFS, flashBudgetBytes in firmware/boards/profiles.ts", sharedWithCode: false };
}

export const CAPACITIES: Record<string, BoardCapacity> = {
  "espruino-pico": {
    board: "espruino-pico",
    code: { name: "Storage", bytes: 48 * KB, note: "3 pages of 16 KB, shared by the code (.bootcde) and the box's files; PLATFORMS.md" },
    files: espruinoStorage(48 * KB, "the same Storage as the code"),
    memory: { unit: "JsVars", capacity: 5100, note: "Espruino Pico, PLATFORMS.md", estimate: false },
  },
  "espruino-wifi": {
    board: "espruino-wifi",
    code: { name: "Storage", bytes: 64 * KB, note: "shared by the code (.bootcde) and the box's files; PLATFORMS.md" },
    files: espruinoStorage(64 * KB, "the same Storage as the code"),
    memory: { unit: "JsVars", capacity: 8190, note: "Espruino WiFi, PLATFORMS.md", estimate: false },
  },
  "esp32-nodemcu": {
    board: "esp32-nodemcu",
    code: {
      name: "LFS region",
      bytes: 64 * KB,
      note: "the lfs partition of NodeMCU's default components/platform/partitions.csv",
      settable: "a NodeMCU firmware whose lfs partition (components/platform/partitions.csv) is",
    },
    files: nodeMcuFiles("esp32-nodemcu"),
    memory: {
      unit: "bytes",
      capacity: 200 * KB,
      note: "about 200 KB of heap: an ESP-IDF application without WiFi starts with some 280 KB free, and NodeMCU's own share is not measured",
      estimate: true,
    },
  },
  "esp8266-nodemcu": {
    board: "esp8266-nodemcu",
    code: {
      name: "LFS region",
      bytes: 0,
      note: "none in NodeMCU's default build",
      settable: "a NodeMCU firmware whose LUA_FLASH_STORE (app/include/user_config.h) is",
    },
    files: nodeMcuFiles("esp8266-nodemcu"),
    memory: { unit: "bytes", capacity: 40 * KB, note: "about 40 KB of heap after boot: PLATFORMS.md, and NodeMCU's docs say \"typically over 40Kb\"", estimate: false },
  },
};

export function capacityOf(board: string): BoardCapacity {
  const c = CAPACITIES[board];
  if (!c) throw new Error(`no capacity for board ${board}: add it to tools/fit/capacity.ts`);
  return c;
}
