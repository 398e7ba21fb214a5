/** Power cycles and resets: each boot is a fresh Lua VM on the same flash and parts. */
import { afterEach, describe, expect, it } from "vitest";
import { bootBox, closeBoxes, VMS } from "./helpers.ts";

afterEach(closeBoxes);

describe.each(VMS)("power on %s", (vm) => {
  it("forgets Lua state (RAM) on a power cycle", async () => {
    const t = await bootBox(vm);
    t.lua("remembered = 42");
    t.board.powerCycle(100);
    expect(t.lua("return remembered")).toBe("nil");
    expect(t.lua("return type(parcelboxBoard)")).toBe("table");
  });

  it("drops the timers of the boot that lost power", async () => {
    const t = await bootBox(vm);
    t.lua("parcelboxBoard.coil.pulse(500)");
    t.board.advance(100);
    t.board.powerOff();
    expect(t.board.coil.energised).toBe(false);
    t.board.powerOn();
    t.board.advance(1000);
    expect(t.pending()).toBe(0);
    expect(t.box.failures).toEqual([]);
  });

  it("boots again after node.restart()", async () => {
    const t = await bootBox(vm);
    t.lua("node.restart()");
    expect(t.board.bootCount).toBe(1);
    t.board.advance(0);
    expect(t.board.bootCount).toBe(2);
    expect(t.board.resets.map((r) => r.reason)).toEqual(["node.restart"]);
  });

  it("draws hardware random bytes from the board's seeded generator", async () => {
    const bytes = "local r = parcelboxBoard.system.randomBytes(8) return #r .. ':' .. table.concat({ r:byte(1, 8) }, ' ')";
    const boxes = await Promise.all([bootBox(vm, { seed: 7 }), bootBox(vm, { seed: 7 }), bootBox(vm, { seed: 8 })]);
    const [a, b, c] = boxes.map((t) => t.lua(bytes));
    expect(a).toMatch(/^8:\d+( \d+){7}$/);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
