/** The chip's clock (ESP32: the time module) and the DS3231 through the built Lua file's clock: what a power cycle keeps. */
import { afterEach, describe, expect, it } from "vitest";
import { BOX_2026_11_28, bootBox, closeBoxes, UNIX_2026_11_28, VMS } from "./helpers.ts";

afterEach(closeBoxes);

const now = "return parcelboxBoard.clock.now()";

describe.each(VMS)("clock on %s", (vm) => {
  it("sets the clock from the DS3231 at boot", async () => {
    const t = await bootBox(vm, { ds3231UnixSeconds: UNIX_2026_11_28 });
    expect(t.lua(now)).toBe(String(BOX_2026_11_28));
    expect(t.lua("return parcelboxBoard.clock.hasBackup()")).toBe("true");
  });

  it("runs on virtual time", async () => {
    const t = await bootBox(vm, { ds3231UnixSeconds: UNIX_2026_11_28 });
    t.board.advance(90_500);
    expect(t.lua(now)).toBe(String(BOX_2026_11_28 + 90));
  });

  it("comes back from the DS3231 after a power cycle", async () => {
    const t = await bootBox(vm, { ds3231UnixSeconds: UNIX_2026_11_28 });
    t.board.powerCycle(3_600_000);
    expect(t.lua(now)).toBe(String(BOX_2026_11_28 + 3600));
  });

  it("writes the DS3231 when the clock is set", async () => {
    const t = await bootBox(vm, { ds3231UnixSeconds: UNIX_2026_11_28 });
    t.lua(`parcelboxBoard.clock.set(${BOX_2026_11_28 + 86400})`);
    expect(t.board.ds3231?.unixSeconds()).toBe(UNIX_2026_11_28 + 86400);
  });

  it("is unknown at boot when the DS3231 was never set", async () => {
    const t = await bootBox(vm);
    t.board.advance(5000);
    expect(t.lua(now)).toBe("-1");
  });

  it("without a DS3231, keeps a set time until a power cycle loses it", async () => {
    const t = await bootBox(vm, { ds3231: false });
    expect(t.lua("return parcelboxBoard.clock.hasBackup()")).toBe("false");
    t.lua(`parcelboxBoard.clock.set(${BOX_2026_11_28})`);
    t.board.advance(2000);
    expect(t.lua(now)).toBe(String(BOX_2026_11_28 + 2));
    t.board.powerCycle(1000);
    t.board.advance(5000);
    expect(t.lua(now)).toBe("-1");
    expect(t.lua("return (time.get())")).toBe("5");
  });

  it("setting the clock leaves the uptime alone", async () => {
    const t = await bootBox(vm, { ds3231: false });
    t.board.advance(1500);
    const before = Number(t.lua("return parcelboxBoard.timers.uptimeMs()"));
    t.lua(`parcelboxBoard.clock.set(${BOX_2026_11_28})`);
    t.board.advance(250);
    expect(Number(t.lua("return parcelboxBoard.timers.uptimeMs()")) - before).toBe(250);
    expect(t.lua(now)).toBe(String(BOX_2026_11_28));
  });
});
