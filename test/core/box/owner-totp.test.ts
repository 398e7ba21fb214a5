import { describe, expect, it } from "vitest";
import { BoxRig, MORNING, ownerTotp } from "./rig.ts";

/** A box second where a 30-second TOTP step begins (box seconds and Unix steps share boundaries). */
const STEP = MORNING + 900;

/** Enters the owner code the phone shows at phone time `phone`, with `#` read at box second `box`. */
function enterOwner(rig: BoxRig, phone: number, box: number): boolean {
  const before = rig.pulses();
  rig.enterAt(ownerTotp(phone), box);
  const opened = rig.pulses() > before;
  if (opened) {
    rig.lid(true);
    rig.lid(false);
  }
  return opened;
}

function clockDrift(rig: BoxRig): string | undefined {
  return BoxRig.field(rig.request("CLOCK GET"), "drift");
}

describe("the owner's TOTP code", () => {
  it("opens the box and is logged as the owner's", () => {
    const rig = BoxRig.provisioned();
    expect(enterOwner(rig, STEP + 1, STEP + 1)).toBe(true);
    expect(rig.log().some((e) => e.startsWith("open by=owner"))).toBe(true);
  });

  it("the same code again in the same time step is refused", () => {
    const rig = BoxRig.provisioned();
    enterOwner(rig, STEP + 1, STEP + 1);
    expect(enterOwner(rig, STEP + 20, STEP + 20)).toBe(false);
    expect(rig.patterns[rig.patterns.length - 1]).toBe("wrong");
  });

  it("the same code is refused after a power cut too (the last step is on flash)", () => {
    let rig = BoxRig.provisioned();
    enterOwner(rig, STEP + 1, STEP + 1);
    rig = rig.powerCycle();
    expect(enterOwner(rig, STEP + 20, STEP + 20)).toBe(false);
  });

  it("the next time step's code opens", () => {
    const rig = BoxRig.provisioned();
    enterOwner(rig, STEP + 1, STEP + 1);
    expect(enterOwner(rig, STEP + 31, STEP + 31)).toBe(true);
  });

  it("an earlier step's code is refused once a later one opened", () => {
    const rig = BoxRig.provisioned();
    enterOwner(rig, STEP + 31, STEP + 31);
    expect(enterOwner(rig, STEP + 5, STEP + 40)).toBe(false);
  });

  it("a code two steps away from an untrained box clock is refused", () => {
    const rig = BoxRig.provisioned();
    expect(enterOwner(rig, STEP + 5 + 75, STEP + 5)).toBe(false);
  });

  it("learns drift: a code at the window's edge opens and the drift shows in CLOCK GET", () => {
    const rig = BoxRig.provisioned();
    expect(clockDrift(rig)).toBe("0");
    // The phone is 40 s ahead of the box: one step ahead, the edge of the box's window.
    expect(enterOwner(rig, STEP + 5 + 40, STEP + 5)).toBe(true);
    expect(clockDrift(rig)).toBe("30");
    // The box loses more time: 75 s behind the phone is two steps, refused by an untrained box,
    // now at the edge of the learned window.
    expect(enterOwner(rig, STEP + 3605 + 75, STEP + 3605)).toBe(true);
    expect(clockDrift(rig)).toBe("60");
    // 90 s behind: three steps, still inside the window the learned drift centres.
    expect(enterOwner(rig, STEP + 7205 + 90, STEP + 7205)).toBe(true);
    expect(clockDrift(rig)).toBe("90");
  });

  it("a power cut resets the learned drift (the clock is re-based from the DS3231), keeping the last step", () => {
    let rig = BoxRig.provisioned();
    enterOwner(rig, STEP + 5 + 40, STEP + 5);
    enterOwner(rig, STEP + 3605 + 75, STEP + 3605);
    expect(clockDrift(rig)).toBe("60");
    rig = rig.powerCycle();
    expect(clockDrift(rig)).toBe("0");
    expect(enterOwner(rig, STEP + 7205 + 80, STEP + 7205)).toBe(false);
    expect(enterOwner(rig, STEP + 7265, STEP + 7265)).toBe(true);
    expect(enterOwner(rig, STEP + 3605 + 75, STEP + 7280)).toBe(false);
  });

  it("the DS3231 moving the clock by more than a step resets the learned drift; by less it does not", () => {
    const rig = BoxRig.provisioned();
    enterOwner(rig, STEP + 5 + 40, STEP + 5);
    expect(clockDrift(rig)).toBe("30");
    // The microcontroller's clock gains 20 s on the DS3231: followed at the next key, drift kept.
    rig.fake.ds3231Seconds = rig.fake.clockSeconds;
    rig.fake.clockSeconds = rig.fake.ds3231Seconds + 20;
    expect(clockDrift(rig)).toBe("30");
    expect(rig.now()).toBe(rig.fake.ds3231Seconds);
    // Then 40 s: more than a step, so the offset learned against the old time is dropped.
    rig.fake.clockSeconds = rig.fake.ds3231Seconds + 40;
    expect(clockDrift(rig)).toBe("0");
    expect(rig.now()).toBe(rig.fake.ds3231Seconds);
  });
});
