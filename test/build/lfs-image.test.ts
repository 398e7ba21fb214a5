/**
 * The LFS step of `make build` (tools/build/lfs-image.ts): the size each image takes in flash is
 * measured and checked against the partition the owner's guide sets, loudly while the firmware
 * does not fit yet and as a build error once LFS_LIMIT_ENFORCED; without NodeMCU's tools the
 * build says it skipped the images. The parts that run NodeMCU's luac.cross are skipped, saying
 * so, where the tools are missing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LFS_PARTITION_BYTES } from "../../firmware/boards/nodemcu-firmware.ts";
import { buildLfsImages, HOST_LFS_BYTES, LfsBuildError, nodeMcuToolsDir, reportLfsImages, type LfsImageResult } from "../../tools/build/lfs-image.ts";
import { ROOT } from "../../tools/build/build.ts";
import { skippedUnless } from "../setup/skipped.ts";

const tools = nodeMcuToolsDir(ROOT);
const unready = skippedUnless(tools !== undefined, "NodeMCU's luac.cross is not here", "NODEMCU_TOOLS=<folder with luac.cross and luac.cross-esp32> npx vitest run test/build/lfs-image.test.ts");

function image(flashBytes: number): LfsImageResult {
  return { chip: "esp32", path: "/x/build/nodemcu/lfs-esp32.img", fileBytes: 1000, flashBytes, limitBytes: LFS_PARTITION_BYTES, sha256: "", timestamp: 0 };
}

describe("the LFS image sizes against the partition", () => {
  it("reports an image that fits without a warning", () => {
    const lines = reportLfsImages([image(LFS_PARTITION_BYTES)], true);
    expect(lines.join("\n")).toContain(`${LFS_PARTITION_BYTES} bytes (128.0 KB) in flash`);
    expect(lines.join("\n")).not.toContain("WARNING");
  });

  it("warns loudly, with the figures, about an image over the partition while the limit is not enforced", () => {
    const text = reportLfsImages([image(239872)], false).join("\n");
    expect(text).toContain("WARNING");
    expect(text).toContain("esp32 234.3 KB");
    expect(text).toContain("LFS_LIMIT_ENFORCED");
  });

  it("fails the build on an image over the partition once the limit is enforced", () => {
    expect(() => reportLfsImages([image(LFS_PARTITION_BYTES + 1)], true)).toThrow(LfsBuildError);
  });

  it("finds no tools in a folder without them", () => {
    expect(nodeMcuToolsDir(ROOT, { NODEMCU_TOOLS: "/nonexistent" })).toBeUndefined();
  });
});

describe(`NodeMCU's luac.cross${unready}`, () => {
  it.skipIf(tools === undefined)("writes each chip's image from that chip's file and measures it in flash; -m does not stop an oversized image, so the build must", () => {
    const dir = mkdtempSync(join(tmpdir(), "pb-lfs-test-"));
    try {
      // About 25 KB images, well over -m 4096; the ESP32's file has more functions than the ESP8266's.
      for (const [chip, count] of [["esp8266", 500], ["esp32", 600]] as const) {
        mkdirSync(join(dir, chip));
        writeFileSync(join(dir, chip, "parcelbox.lua"), Array.from({ length: count }, (_, i) => `function f${i}(a) return a + ${i} end`).join("\n"));
      }
      const results = buildLfsImages(tools as string, (chip) => join(dir, chip, "parcelbox.lua"), dir, 4096);
      expect(results.map((r) => r.chip)).toEqual(["esp8266", "esp32"]);
      expect(results.map((r) => r.path)).toEqual([join(dir, "lfs-esp8266.img"), join(dir, "lfs-esp32.img")]);
      for (const r of results) {
        expect(r.fileBytes).toBeGreaterThan(4096);
        expect(r.flashBytes).toBeGreaterThan(r.fileBytes);
      }
      expect(results[1].fileBytes).toBeGreaterThan(results[0].fileBytes);
      // The LFS module's name is the file's: another name would not be the module init.lua starts.
      expect(() => buildLfsImages(tools as string, () => join(dir, "esp8266", "other.lua"), dir)).toThrow(LfsBuildError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(tools === undefined)("reports an image too big for the tools' own 256 KB region as more than that, instead of crashing the build", () => {
    const dir = mkdtempSync(join(tmpdir(), "pb-lfs-test-"));
    try {
      const source = join(dir, "parcelbox.lua");
      writeFileSync(source, Array.from({ length: 2000 }, (_, i) => `function f${i}(a) return a + ${i} end`).join("\n"));
      const [esp8266] = buildLfsImages(tools as string, () => source, dir);
      expect(esp8266.flashBytes).toBe(HOST_LFS_BYTES + 1);
      expect(reportLfsImages([esp8266], false).join("\n")).toContain("more than 256 KB in flash");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
