/**
 * build/nodemcu/lfs-manifest.json: what `make build` says about each LFS image it wrote (its
 * SHA-256, the flash it takes once loaded, the Lua source each module was compiled from). Written by
 * tools/build/lfs-image.ts; read by the simulator (sim/nodemcu/lfs.ts, to run an uploaded image's
 * code), by `parcelbox flash --runtime nodemcu` (the size to check against the chip's partition)
 * and by `make bench`.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface LfsManifestEntry {
  /** The image's file name in build/nodemcu. */
  image: string;
  sha256: string;
  flashBytes: number;
  /** Unix time the image was made (node.LFS.time). */
  timestamp: number;
  /** Module name to its source file, relative to the manifest. */
  modules: Record<string, string>;
}

export const LFS_MANIFEST = join(import.meta.dirname, "../../build/nodemcu/lfs-manifest.json");

/** The manifest's entries; none when `make build` wrote no images. */
export function readLfsManifest(path = LFS_MANIFEST): LfsManifestEntry[] {
  if (!existsSync(path)) return [];
  return JSON.parse(readFileSync(path, "utf8")) as LfsManifestEntry[];
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
