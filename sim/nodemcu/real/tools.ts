/**
 * Where NodeMCU's own Lua tools are (built from nodemcu-firmware; their README says how):
 * `NODEMCU_TOOLS`, or `../shared/tools/nodemcu` beside the repository. The LFS-running tool is a
 * 32-bit binary and needs `qemu-i386` (Debian: qemu-user and libc6-i386) on a 64-bit machine.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "../../..");

export interface NodeMcuTools {
  dir: string;
  /** ESP8266 (`release`) tool: LFS images, and `-e` runs Lua with 32-bit integers and floats. */
  luacCross: string;
  /** ESP32 (`dev-esp32`) tool: LFS images, and `-a` writes one as it lies in flash. Cannot run scripts. */
  luacCrossEsp32: string;
  /** `release` with lfsrun.patch, 32-bit: runs a script with the code in an LFS image. */
  lfsRun: string;
}

/** The directory the tools are looked for in, found or not. */
export function nodeMcuToolsDir(): string {
  return resolve(process.env.NODEMCU_TOOLS ?? join(REPO, "../shared/tools/nodemcu"));
}

/** The tools, or undefined when `luac.cross` is not there. */
export function findNodeMcuTools(): NodeMcuTools | undefined {
  const dir = nodeMcuToolsDir();
  const tools = {
    dir,
    luacCross: join(dir, "luac.cross"),
    luacCrossEsp32: join(dir, "luac.cross-esp32"),
    lfsRun: join(dir, "luac.cross-lfsrun-i386"),
  };
  return existsSync(tools.luacCross) ? tools : undefined;
}

let qemu: string | null | undefined;

/** `qemu-i386`'s path, or undefined when it is not installed. */
export function findQemuI386(): string | undefined {
  if (qemu === undefined) {
    try {
      qemu = execFileSync("sh", ["-c", "command -v qemu-i386"], { encoding: "utf8" }).trim() || null;
    } catch {
      qemu = null;
    }
  }
  return qemu ?? undefined;
}

/** Why a tool cannot run here, and what makes it run (for errors and skipped tests' names). */
export interface Missing {
  why: string;
  how: string;
}

const BUILD_TOOLS = "build luac.cross from nodemcu-firmware (README, \"NodeMCU's own Lua\") and set NODEMCU_TOOLS=<its folder>";

/** Why NodeMCU's own Lua cannot run here, or undefined when it can. */
export function nodeMcuLuaMissing(): Missing | undefined {
  if (findNodeMcuTools() === undefined) return { why: `no luac.cross in ${nodeMcuToolsDir()}`, how: BUILD_TOOLS };
  return undefined;
}

/** Why the LFS-running tool cannot run here, or undefined when it can. */
export function lfsRunMissing(): Missing | undefined {
  const tools = findNodeMcuTools();
  if (tools === undefined) return nodeMcuLuaMissing();
  if (!existsSync(tools.lfsRun)) return { why: `no luac.cross-lfsrun-i386 in ${tools.dir}`, how: BUILD_TOOLS };
  const install = "apt-get install -y qemu-user libc6-i386";
  if (findQemuI386() === undefined) return { why: "no qemu-i386 to run the 32-bit LFS tool", how: install };
  if (!existsSync("/lib/ld-linux.so.2")) return { why: "no 32-bit C library for the LFS tool", how: install };
  return undefined;
}

/** "why; how" for messages. */
export function missingText(missing: Missing): string {
  return `${missing.why}; ${missing.how}`;
}
