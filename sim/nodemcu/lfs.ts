/**
 * NodeMCU's Lua Flash Store on the virtual board: the LFS partition, node.LFS (reload, get, list,
 * config, time) and, on ESP8266, node.getpartitiontable. What a reload does, from the firmware's
 * source (app/lua53/lnodemcu.c and components/lua/lua-5.3/lnodemcu.c, luaL_lfsreload and luaN_init):
 * - node.LFS.reload(name) returns "No LFS partition allocated" when the partition is 0 bytes or
 *   file.exists(name) is false; otherwise it records the name and restarts the chip.
 * - the next boot erases the partition and loads the image into it before anything else runs;
 *   an image that does not load (not an image, or larger than the partition) leaves LFS empty,
 *   and init.lua runs all the same.
 *
 * The simulator cannot run NodeMCU's bytecode, so it knows an image by its bytes: a catalogue maps
 * an image's SHA-256 to the Lua sources it was compiled from and the flash it takes once loaded.
 * `make build` writes that entry for its own images (build/nodemcu/lfs-manifest.json), so the
 * image `parcelbox flash` uploads runs, on the next boot, the code it was built from; any other
 * bytes are refused as the device refuses a bad image. The partition and what it holds belong to
 * the board (they survive resets and power cuts), like the flash.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { LFS_PARTITION_BYTES } from "../../firmware/boards/nodemcu-firmware.ts";
import { LFS_MANIFEST, readLfsManifest, sha256 } from "../../tools/lib/lfs-manifest.ts";
import type { VirtualBoard } from "../state/board.ts";

/** An image the simulator can load: its modules' Lua sources and the flash it takes in LFS. */
export interface LfsImage {
  sha256: string;
  /** Module name (luac.cross names it after the source file) to its Lua source. */
  modules: Record<string, string>;
  flashBytes: number;
  /** Unix time the image was made (node.LFS.time). */
  timestamp: number;
}

export { LFS_MANIFEST, sha256 };

/** Images the simulator knows by their bytes. */
export class LfsCatalogue {
  private readonly images = new Map<string, LfsImage>();

  add(image: LfsImage): void {
    this.images.set(image.sha256, image);
  }

  /** Adds the images `make build` described in its manifest (none when there is none). */
  addManifest(path = LFS_MANIFEST): this {
    for (const entry of readLfsManifest(path)) {
      const modules: Record<string, string> = {};
      for (const [name, file] of Object.entries(entry.modules)) modules[name] = readFileSync(join(dirname(path), file), "latin1");
      this.add({ sha256: entry.sha256, modules, flashBytes: entry.flashBytes, timestamp: entry.timestamp });
    }
    return this;
  }

  find(bytes: Uint8Array): LfsImage | undefined {
    return this.images.get(sha256(bytes));
  }
}


/** The LFS partition of one board: its size, what is loaded, a reload waiting for the next boot. */
export interface LfsRegion {
  partitionBytes: number;
  loaded: LfsImage | undefined;
  /** The image file node.LFS.reload named, loaded at the next boot. */
  pending: string | undefined;
}

const regions = new WeakMap<VirtualBoard, LfsRegion>();

/** The board's LFS partition; the first call sizes it (default: what the owner's guide sets). */
export function lfsRegion(board: VirtualBoard, partitionBytes = LFS_PARTITION_BYTES): LfsRegion {
  let region = regions.get(board);
  if (region === undefined) {
    region = { partitionBytes, loaded: undefined, pending: undefined };
    regions.set(board, region);
  }
  return region;
}

/**
 * At boot, before the modules: a reload recorded by node.LFS.reload erases the partition and loads
 * the named image. Returns what NodeMCU prints about it.
 */
export function loadPendingImage(board: VirtualBoard, region: LfsRegion, catalogue: LfsCatalogue): string {
  const name = region.pending;
  if (name === undefined) return "";
  region.pending = undefined;
  region.loaded = undefined;
  const bytes = board.flash.read(name);
  if (bytes === undefined) return `cannot open ${name}\n`;
  const image = catalogue.find(bytes);
  if (image === undefined) return `LFS image ${name} is not one this simulator knows (make build describes its own in ${LFS_MANIFEST}): LFS left empty\n`;
  if (image.flashBytes > region.partitionBytes) {
    return `LFS image ${name} needs ${image.flashBytes} bytes of flash, the LFS partition has ${region.partitionBytes}: LFS left empty\n`;
  }
  region.loaded = image;
  return "LFS image loaded\n";
}
