/**
 * The box keeps when its owner last set the clock (CLOCK GET and STATUS's `lastset`): set by
 * PROVISION and CLOCK SET, never by the DS3231 or the box itself, kept across a power cut,
 * forgotten by a factory reset. A cut at any byte of a CLOCK SET leaves the old setting or the
 * new one, whole: the checkpoint, when it was set and the owner codes' reset are one record.
 */
import { describe, expect, it } from "vitest";
import { openStore } from "../../../firmware/core/store/store.ts";
import { stateOf } from "../store/view.ts";
import { PowerCut } from "../../fakes/nor-flash.ts";
import { BoxRig, HOUR } from "./rig.ts";

const lastSet = (rig: BoxRig): number => Number(BoxRig.field(rig.request("CLOCK GET"), "lastset"));

describe("when the owner last set the clock", () => {
  it("is -1 on a new box, the provisioning time after PROVISION, and the new time after CLOCK SET", () => {
    const blank = BoxRig.blank();
    expect(lastSet(blank)).toBe(-1);
    const rig = BoxRig.provisioned();
    const provisionedAt = rig.now();
    expect(lastSet(rig)).toBe(provisionedAt);
    rig.wait(3 * HOUR * 1000);
    const set = provisionedAt + 2 * HOUR;
    expect(rig.authenticated(`CLOCK SET time=${set}`).pop()).toMatch(/ OK time=/);
    expect(lastSet(rig)).toBe(set);
    expect(BoxRig.field(rig.authenticated("STATUS"), "lastset")).toBe(String(set));
  });

  it("survives a power cut, and a DS3231 the box follows does not move it", () => {
    const rig = BoxRig.provisioned();
    const set = rig.now() + 60;
    rig.authenticated(`CLOCK SET time=${set}`);
    const after = rig.powerCycle({ offMs: 10 * 60_000, ds3231Seconds: set + 3600 });
    expect(lastSet(after)).toBe(set);
    expect(Number(BoxRig.field(after.request("CLOCK GET"), "time"))).toBeGreaterThanOrEqual(set + 3600);
  });

  it("is forgotten by a factory reset", () => {
    const rig = BoxRig.provisioned();
    expect(rig.authenticated("RESET confirm=erase").pop()).toMatch(/ OK/);
    expect(lastSet(rig)).toBe(-1);
  });

  it("a cut at any byte of a CLOCK SET keeps the old setting or the new one, with its checkpoint", () => {
    const setup = BoxRig.provisioned();
    const old = lastSet(setup);
    const set = old + 7 * 24 * HOUR;
    const image = setup.fake.flash.image();
    const outcomes = new Set<string>();
    for (let bytes = 0; ; bytes++) {
      setup.fake.flash.restore(image);
      const rig = setup.powerCycle();
      rig.fake.flash.cutAfterBytes(bytes);
      try {
        rig.authenticated(`CLOCK SET time=${set}`);
      } catch (e) {
        // The USB server answers E_INTERNAL for what throws inside a command; anything else is news.
        if (!(e instanceof PowerCut)) throw e;
      }
      const cut = rig.fake.flash.isDown();
      // What the flash holds now, before a boot reads the DS3231 and moves the checkpoint itself.
      rig.fake.flash.restart();
      const state = stateOf(openStore(rig.fake.flash));
      expect([old, set], `cut after ${bytes} bytes`).toContain(state.clockSetAt);
      expect(state.clockCheckpoint === set, `cut after ${bytes} bytes`).toBe(state.clockSetAt === set);
      // The box says what the flash holds.
      expect(lastSet(rig.powerCycle())).toBe(state.clockSetAt);
      outcomes.add(state.clockSetAt === set ? "new" : "old");
      if (!cut) break;
    }
    expect([...outcomes].sort()).toEqual(["new", "old"]);
  });
});
