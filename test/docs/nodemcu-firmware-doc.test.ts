/**
 * The owner's guide's NodeMCU firmware section is the firmware list rendered
 * (tools/docs/nodemcu-firmware.ts): it names every module of each chip with the line or option
 * that builds it in, the Lua and number configuration, and the LFS partition. `make docs`
 * regenerates it; this fails while the committed guide differs.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LFS_PARTITION_BYTES, modulesToEnable, nodeMcuFirmwares } from "../../firmware/boards/nodemcu-firmware.ts";
import { FIRMWARE_END, OWNER_GUIDE, renderFirmwareSection, withFirmwareSection } from "../../tools/docs/nodemcu-firmware.ts";

const guide = readFileSync(OWNER_GUIDE, "utf8");

describe("the owner's guide's NodeMCU firmware section", () => {
  it("is what the firmware list renders (run make docs)", () => {
    expect(guide).toBe(withFirmwareSection(guide));
    expect(guide).toContain(renderFirmwareSection());
  });

  it("appears once", () => {
    expect(guide.split(FIRMWARE_END).length).toBe(2);
  });

  it("tells the owner to switch on what each chip's default build leaves out", () => {
    const section = renderFirmwareSection();
    expect(modulesToEnable("esp8266").map((m) => m.name)).toEqual(["crypto", "rtctime"]);
    expect(modulesToEnable("esp32").map((m) => m.name)).toEqual(["adc", "crypto", "sodium", "time"]);
    for (const f of nodeMcuFirmwares()) {
      for (const m of modulesToEnable(f.chip)) expect(section).toContain(`| \`${m.name}\` | \`${m.enable}\` | **left out: switch it on**`);
      expect(section).toContain(f.numbers);
      expect(section).toContain(f.lfsSetting);
    }
    expect(section).toContain(`0x${LFS_PARTITION_BYTES.toString(16)}`);
    expect(section).toContain("make LUA=53");
  });

  it("no longer sends the owner to nodemcu-tool, and the guide names no module list of its own", () => {
    expect(guide).not.toContain("nodemcu-tool");
    expect(guide).not.toContain("crypto file gpio i2c node");
  });
});
