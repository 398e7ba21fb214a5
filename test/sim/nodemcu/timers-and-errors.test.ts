/** The Timers port on tmr, on virtual time, and Lua errors in callbacks made visible. */
import { afterEach, describe, expect, it } from "vitest";
import { bootBox, closeBoxes, collected, VMS } from "./helpers.ts";

afterEach(closeBoxes);

describe.each(VMS)("timers on %s", (vm) => {
  it("run a callback when its time has come on the virtual clock", async () => {
    const t = await bootBox(vm);
    t.lua(`fired = {} parcelboxBoard.timers.after(250, function() fired[#fired + 1] = parcelboxBoard.timers.uptimeMs() end)`);
    t.board.advance(249);
    expect(collected(t, "fired")).toEqual([]);
    t.board.advance(1);
    expect(collected(t, "fired")).toEqual(["250"]);
    expect(t.pending()).toBe(0);
  });

  it("do not run a cancelled callback", async () => {
    const t = await bootBox(vm);
    t.lua(`fired = {} local id = parcelboxBoard.timers.after(100, function() fired[1] = "x" end) parcelboxBoard.timers.cancel(id)`);
    t.board.advance(1000);
    expect(collected(t, "fired")).toEqual([]);
    expect(t.pending()).toBe(0);
  });

  it("count uptime in milliseconds across tmr.now()'s wrap at 2^31 microseconds", async () => {
    const t = await bootBox(vm);
    const up = (): number => Number(t.lua("return parcelboxBoard.timers.uptimeMs()"));
    for (let i = 0; i < 4; i++) {
      t.board.advance(20 * 60_000);
      expect(up()).toBe((i + 1) * 20 * 60_000);
    }
  });

  it("run a days-long wait in one step of virtual time", async () => {
    const t = await bootBox(vm);
    t.lua(`fired = {} parcelboxBoard.timers.after(6000000, function() fired[1] = "late" end)`);
    t.board.advance(6_000_000);
    expect(collected(t, "fired")).toEqual(["late"]);
  });
});

describe.each(VMS)("Lua errors on %s", (vm) => {
  it("records an error raised in a timer callback, with its message and source", async () => {
    const t = await bootBox(vm);
    t.lua(`parcelboxBoard.timers.after(10, function() error("deliberate failure") end)`);
    t.board.advance(10);
    expect(t.box.failures).toHaveLength(1);
    expect(t.box.failures[0]).toMatchObject({ atMs: 10, boot: 1, source: "tmr" });
    expect(t.box.failures[0].message).toContain("deliberate failure");
  });

  it("records an error raised in a pin interrupt callback", async () => {
    const t = await bootBox(vm);
    t.lua(`parcelboxBoard.keypad.onScan(function(keys) if keys ~= "" then error("bad key " .. keys) end end)`);
    t.board.keypad.press("9");
    t.board.advance(0);
    expect(t.box.failures.map((f) => f.message).join()).toContain("bad key 9");
  });

  it("keeps running the task queue after a failed callback", async () => {
    const t = await bootBox(vm);
    t.lua(`fired = {} parcelboxBoard.timers.after(5, function() error("first") end) parcelboxBoard.timers.after(6, function() fired[1] = "second" end)`);
    t.board.advance(10);
    expect(collected(t, "fired")).toEqual(["second"]);
  });

  it("records no error when nothing failed", async () => {
    const t = await bootBox(vm);
    t.board.keypad.press("1");
    t.board.advance(50);
    t.board.keypad.release("1");
    t.board.advance(50);
    expect(t.box.failures).toEqual([]);
  });

  it("records an error raised while the firmware file runs at boot", async () => {
    const t = await bootBox(vm, {}, { firmware: "local x = nil; x.boom = 1" });
    expect(t.box.failures).toHaveLength(1);
    expect(t.box.failures[0].source).toBe("boot");
  });
});
