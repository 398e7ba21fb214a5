/**
 * A NodeMCU build per chip (tools/build/build.ts, firmware/nodemcu/main-esp8266.ts and
 * main-esp32.ts): each chip's build/nodemcu/<chip>/parcelbox.lua starts the box on its own chip, and
 * on the other chip's firmware (an owner who uploaded the wrong image) says which build it is and
 * starts nothing, instead of driving the wrong pins through the wrong APIs.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { nodeMcuBuild } from "../../../sim/nodemcu/loader.ts";
import { bootBox, closeBoxes, VMS } from "./helpers.ts";

afterEach(closeBoxes);

describe.each(VMS)("each chip's NodeMCU build on %s", (vm) => {
  it.each([
    ["esp8266-nodemcu", "esp8266"],
    ["esp32-nodemcu", "esp32"],
  ] as const)("starts the box on its own chip (%s)", async (profile, chip) => {
    const t = await bootBox(vm, { profile }, { firmware: readFileSync(nodeMcuBuild(chip), "latin1") });
    expect(t.lua("return tostring(parcelboxBox ~= nil)")).toBe("true");
    expect(t.box.failures).toEqual([]);
  });

  it.each([
    ["esp8266-nodemcu", "esp32", "this is the ESP32 build"],
    ["esp32-nodemcu", "esp8266", "this is the ESP8266 build"],
  ] as const)("on %s, the %s build says which build it is and starts nothing", async (profile, chip, message) => {
    const t = await bootBox(vm, { profile }, { firmware: readFileSync(nodeMcuBuild(chip), "latin1") });
    t.board.advance(100);
    expect(t.board.usb.takeOutput()).toContain(message);
    expect(t.lua("return tostring(parcelboxBox) .. tostring(parcelboxBoard)")).toBe("nilnil");
    expect(t.box.failures).toEqual([]);
  });
});
