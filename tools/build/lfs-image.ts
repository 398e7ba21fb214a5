/**
 * The LFS images of `make build`: build/nodemcu/lfs-esp8266.img (NodeMCU's luac.cross, branch
 * release) and build/nodemcu/lfs-esp32.img (luac.cross-esp32, dev-esp32), each compiled from its
 * chip's build/nodemcu/<chip>/parcelbox.lua, with what each takes in flash checked against the LFS
 * partition the owner's guide sets (firmware/boards/nodemcu-firmware.ts).
 *
 * Two sizes: the image file (what is uploaded, compressed) and what it takes in flash once
 * node.LFS.reload has expanded it, which is what the partition must hold. The second is measured
 * by loading the image the way the device does and writing it out at an absolute address:
 * `luac.cross-esp32 -F image -a 0x40280000 -o abs.img` (the ESP8266 tool crashes on -F on a 64-bit
 * host; both chips' images have 32-bit layouts, so the ESP32 tool measures both). `-m SIZE` is
 * passed as NodeMCU documents it, but the Lua 5.3 luac.cross ignores it (app/lua53/host/luac.c:
 * `UNUSED(maxSize)`): the limit is enforced here. Images are not stripped (-s): stripping saved
 * 1.4 KB of file and nothing in flash, and keeps line numbers in the device's error messages.
 *
 * The tools are found in NODEMCU_TOOLS or ../shared/tools/nodemcu; without them the build says it
 * skipped the images and how to get the tools.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { LfsManifestEntry } from "../lib/lfs-manifest.ts";
import { sha256 } from "../lib/lfs-manifest.ts";
import { LFS_LIMIT_ENFORCED, LFS_MODULE, LFS_PARTITION_BYTES, nodeMcuFirmwares, type NodeMcuChip } from "../../firmware/boards/nodemcu-firmware.ts";

/** Where the LFS region is mapped when measuring an image in flash (any valid flash address). */
const ABSOLUTE_ADDRESS = "0x40280000";

export interface LfsImageResult {
  chip: NodeMcuChip;
  path: string;
  fileBytes: number;
  flashBytes: number;
  limitBytes: number;
  sha256: string;
  timestamp: number;
}

export class LfsBuildError extends Error {}

/** The folder with luac.cross and luac.cross-esp32, or undefined. */
export function nodeMcuToolsDir(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.NODEMCU_TOOLS ? [env.NODEMCU_TOOLS] : [resolve(root, "../shared/tools/nodemcu")];
  return candidates.find((dir) => existsSync(join(dir, "luac.cross")) && existsSync(join(dir, "luac.cross-esp32")));
}

export const TOOLS_MISSING = [
  "skipped the LFS images: NodeMCU's luac.cross and luac.cross-esp32 were not found (NODEMCU_TOOLS, or ../shared/tools/nodemcu).",
  "  Build them from https://github.com/nodemcu/nodemcu-firmware: branch release, `make LUA=53` in app/lua53/host (luac.cross);",
  "  branch dev-esp32, components/lua/lua-5.3/host (luac.cross-esp32); then NODEMCU_TOOLS=<their folder> make build.",
].join("\n");

/** The LFS region NodeMCU's host tools emulate (lnodemcu.c's LFS_SIZE): the most they can measure. */
export const HOST_LFS_BYTES = 0x40000;

class ToolCrashed extends LfsBuildError {}

function run(tool: string, args: string[], cwd?: string): void {
  const result = spawnSync(tool, args, { encoding: "utf8", cwd });
  if (result.signal) throw new ToolCrashed(`${basename(tool)} ${args.join(" ")} crashed (${result.signal})`);
  if (result.error || result.status !== 0) {
    throw new LfsBuildError(`${basename(tool)} ${args.join(" ")} failed: ${result.error?.message ?? (result.stderr || result.stdout || `exit ${result.status}`).trim()}`);
  }
}

/**
 * What `image` takes in flash once loaded: the size of the image written at an absolute address.
 * An image larger than the tool's own LFS region (HOST_LFS_BYTES) crashes it (segmentation fault):
 * that is reported as HOST_LFS_BYTES + 1, "more than the tools can hold".
 */
export function flashBytesOf(toolsDir: string, image: string): number {
  const dir = mkdtempSync(join(tmpdir(), "pb-lfs-"));
  try {
    // -F takes a short name: the tool keeps the image's name in a 31-byte buffer, as NodeMCU's
    // file system does, and cannot open a longer path.
    copyFileSync(image, join(dir, "in.img"));
    try {
      run(join(toolsDir, "luac.cross-esp32"), ["-F", "in.img", "-a", ABSOLUTE_ADDRESS, "-o", "abs.img"], dir);
    } catch (error) {
      if (error instanceof ToolCrashed) return HOST_LFS_BYTES + 1;
      throw error;
    }
    return statSync(join(dir, "abs.img")).size;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Compiles each chip's Lua file (`sourceOf(chip)`, named parcelbox.lua: the LFS module's name is
 * the file's) into that chip's LFS image in `outDir`, and measures each.
 */
export function buildLfsImages(toolsDir: string, sourceOf: (chip: NodeMcuChip) => string, outDir: string, maxBytes = LFS_PARTITION_BYTES): LfsImageResult[] {
  return nodeMcuFirmwares().map((firmware) => {
    const path = resolve(outDir, `lfs-${firmware.chip}.img`);
    const source = sourceOf(firmware.chip);
    if (basename(source) !== `${LFS_MODULE}.lua`) throw new LfsBuildError(`${source}: the LFS module must be ${LFS_MODULE}.lua`);
    // The file's own name, from its folder: the image records it as a build beside the file would.
    run(join(toolsDir, firmware.luacCross), ["-f", "-m", String(maxBytes), "-o", path, basename(source)], resolve(source, ".."));
    const bytes = readFileSync(path);
    return {
      chip: firmware.chip,
      path,
      fileBytes: bytes.length,
      flashBytes: flashBytesOf(toolsDir, path),
      limitBytes: maxBytes,
      sha256: sha256(bytes),
      timestamp: Math.floor(Date.now() / 1000),
    };
  });
}

/** Deletes the images and manifest in `dir` (an earlier build's, which no longer match the files). */
export function removeLfsImages(dir: string): void {
  for (const f of nodeMcuFirmwares()) rmSync(join(dir, `lfs-${f.chip}.img`), { force: true });
  rmSync(join(dir, "lfs-manifest.json"), { force: true });
}

/** build/nodemcu/lfs-manifest.json: how the simulator knows these images (sim/nodemcu/lfs.ts). */
export function writeLfsManifest(results: LfsImageResult[], dir: string): string {
  const path = join(dir, "lfs-manifest.json");
  const entries: LfsManifestEntry[] = results.map((r) => ({ image: basename(r.path), sha256: r.sha256, flashBytes: r.flashBytes, timestamp: r.timestamp, modules: { [LFS_MODULE]: `${r.chip}/${LFS_MODULE}.lua` } }));
  writeFileSync(path, `${JSON.stringify(entries, null, 2)}\n`);
  return path;
}

const kb = (n: number): string => (n > HOST_LFS_BYTES ? `more than ${HOST_LFS_BYTES / 1024} KB` : `${(n / 1024).toFixed(1)} KB`);

/**
 * The build's lines about the images; throws when one is over its limit and LFS_LIMIT_ENFORCED.
 * Over the limit but not enforced: a loud warning with the figures, and the build goes on.
 */
export function reportLfsImages(results: LfsImageResult[], enforced = LFS_LIMIT_ENFORCED): string[] {
  const lines: string[] = [];
  const over: LfsImageResult[] = [];
  for (const r of results) {
    const inFlash = r.flashBytes > HOST_LFS_BYTES ? kb(r.flashBytes) : `${r.flashBytes} bytes (${kb(r.flashBytes)})`;
    lines.push(`built ${r.path.slice(r.path.indexOf("build/"))}: ${r.fileBytes} bytes, ${inFlash} in flash; LFS partition ${kb(r.limitBytes)}`);
    if (r.flashBytes > r.limitBytes) over.push(r);
  }
  if (over.length === 0) return lines;
  const what = over.map((r) => `${r.chip} ${kb(r.flashBytes)}`).join(", ");
  const message = `the LFS image needs more flash than the ${kb(LFS_PARTITION_BYTES)} partition the owner's guide sets (${what})`;
  if (enforced) throw new LfsBuildError(message);
  const bar = "!".repeat(100);
  lines.push(bar, `WARNING: ${message}.`, "  The box does not fit the documented NodeMCU firmware until the firmware shrinks. `make build` goes on", "  while LFS_LIMIT_ENFORCED is false (firmware/boards/nodemcu-firmware.ts); set it to true to make this an error.", bar);
  return lines;
}
