/**
 * LFS images made with NodeMCU's own tools: the image a chip's firmware loads its code from, its
 * size in flash, and the image the heap runs use (../real/factory.ts).
 *
 * An image file (`luac.cross -f`) is compressed; what the LFS region must hold is the image as it
 * lies in flash, which `-a ADDRESS` writes out (tools README). The 64-bit tools cannot load an
 * image into their emulated 256 KB region, except luac.cross-esp32 with `-a`; the 32-bit
 * LFS-running tool can (under qemu-i386).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { findNodeMcuTools, findQemuI386, type NodeMcuTools } from "./tools.ts";

/** Where the ESP32 firmware maps LFS (tools README); the size in flash does not depend on it. */
export const LFS_MAPPED_ADDRESS = "0x40280000";
/** The LFS region the host tools emulate (lnodemcu.c's LFS_SIZE): a larger image cannot be loaded. */
export const HOST_LFS_REGION_BYTES = 0x40000;

const MODULES_DIR = join(import.meta.dirname, "../modules");
const CACHE = join(tmpdir(), "parcelbox-lfs");

export type LfsChip = "esp8266" | "esp32";

export interface LfsImage {
  /** The image file as luac.cross -f writes it. */
  file: string;
  fileBytes: number;
  /** The image as it lies in flash (-a), undefined when the tool could not load it (larger than the host's region). */
  flashBytes: number | undefined;
}

function requireTools(): NodeMcuTools {
  const tools = findNodeMcuTools();
  if (tools === undefined) throw new Error("NodeMCU's Lua tools are not installed (see sim/nodemcu/real/tools.ts)");
  return tools;
}

function cacheDir(sources: readonly { name: string; text: string }[], tag: string): string {
  const hash = createHash("sha1");
  hash.update(tag);
  for (const s of sources) hash.update(`\0${s.name}\0${s.text}`);
  const dir = join(CACHE, hash.digest("hex").slice(0, 16));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Writes the LFS image of `sources` (module name and Lua text each) with `chip`'s tool, once per
 * content; returns the image file.
 */
export function buildLfsImage(sources: readonly { name: string; text: string }[], chip: LfsChip, strip = false): string {
  const tools = requireTools();
  const tool = chip === "esp32" ? tools.luacCrossEsp32 : tools.luacCross;
  // Keyed by the tool too: another build of it makes another image.
  const dir = cacheDir(sources, `${chip}${strip ? " -s" : ""} ${tool} ${statSync(tool).mtimeMs} ${statSync(tool).size}`);
  const image = join(dir, "lfs.img");
  if (existsSync(image)) return image;
  // Built in a folder of its own and renamed into place: test workers may build the same image
  // at the same time. The module names come from the file names.
  const work = mkdtempSync(join(dir, "build-"));
  try {
    const files = sources.map((s) => {
      writeFileSync(join(work, `${s.name}.lua`), s.text, "utf8");
      return `${s.name}.lua`;
    });
    // Relative names, so the image records "parcelbox.lua" as a build beside the file would.
    execFileSync(tool, ["-f", ...(strip ? ["-s"] : []), "-o", "lfs.img", ...files], { stdio: ["ignore", "ignore", "pipe"], cwd: work });
    renameSync(join(work, "lfs.img"), image);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return image;
}

/** The size of `image` in flash: luac.cross-esp32 -a, or the ESP8266's own LFS-running tool. */
export function lfsFlashBytes(image: string, chip: LfsChip): number | undefined {
  const tools = requireTools();
  const absolute = `${image}.${chip}.abs`;
  const tooLarge = `${absolute}.too-large`;
  if (existsSync(tooLarge)) return undefined;
  if (!existsSync(absolute)) {
    const qemu = findQemuI386();
    // Names relative to the image's folder: luac.cross-esp32 cuts the -F name at 31 characters.
    const [name, out] = [basename(image), `${basename(absolute)}.${process.pid}`];
    const [command, args] =
      chip === "esp8266" && qemu !== undefined && existsSync(tools.lfsRun)
        ? [qemu, ["-L", "/", tools.lfsRun, "-F", name, "-a", LFS_MAPPED_ADDRESS, "-o", out]]
        : [tools.luacCrossEsp32, ["-F", name, "-a", LFS_MAPPED_ADDRESS, "-o", out]];
    try {
      execFileSync(command, args, { stdio: "ignore", cwd: dirname(image) });
      renameSync(join(dirname(image), out), absolute);
    } catch {
      rmSync(join(dirname(image), out), { force: true });
      writeFileSync(tooLarge, "");
      return undefined; // the image does not fit the tool's emulated region (the tool crashes)
    }
  }
  return existsSync(absolute) ? statSync(absolute).size : undefined;
}

/** The firmware's LFS image for `chip` with its file and flash sizes. */
export function firmwareLfsImage(firmware: string, chip: LfsChip, strip = false): LfsImage {
  const file = buildLfsImage([{ name: "parcelbox", text: firmware }], chip, strip);
  return { file, fileBytes: statSync(file).size, flashBytes: lfsFlashBytes(file, chip) };
}

/** The simulator's NodeMCU module stand-ins (sim/nodemcu/modules/*.lua), read now. */
export function moduleStandIns(): { name: string; text: string }[] {
  return readdirSync(MODULES_DIR)
    .filter((f) => f.endsWith(".lua"))
    .sort()
    .map((f) => ({ name: basename(f, ".lua"), text: readFileSync(join(MODULES_DIR, f), "utf8") }));
}
