/** `make bench`'s table of the NodeMCU LFS images (tools/build/lfs-image.ts wrote them and their manifest). */
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { LFS_GOAL_BYTES, LFS_PARTITION_BYTES } from "../../firmware/boards/nodemcu-firmware.ts";
import { LFS_MANIFEST, readLfsManifest } from "../../tools/lib/lfs-manifest.ts";

/** The NodeMCU LFS images `make build` wrote, against the partition the guide sets and the goal. */
export function lfsImages(table: (headers: string[], rows: string[][]) => string): void {
  if (!existsSync(LFS_MANIFEST)) {
    console.log("\nNo LFS images: make build found no NodeMCU luac.cross (tools/build/lfs-image.ts).\n");
    return;
  }
  const entries = readLfsManifest();
  const kb = (n: number): string => (n / 1024).toFixed(1);
  console.log(`\nNodeMCU LFS images: what each takes in flash once loaded (luac.cross-esp32 -F -a), against the ${kb(LFS_PARTITION_BYTES)} KB partition\nthe owner's guide sets and the ${kb(LFS_GOAL_BYTES)} KB goal (the ESP32's default partition)\n`);
  console.log(
    table(
      ["image", "file bytes", "in flash bytes", "in flash KB", `fits ${kb(LFS_PARTITION_BYTES)} KB`, `fits ${kb(LFS_GOAL_BYTES)} KB`],
      entries.map((e) => [e.image, String(statSync(join(dirname(LFS_MANIFEST), e.image)).size), String(e.flashBytes), kb(e.flashBytes), e.flashBytes <= LFS_PARTITION_BYTES ? "yes" : "no", e.flashBytes <= LFS_GOAL_BYTES ? "yes" : "no"]),
    ),
  );
}

