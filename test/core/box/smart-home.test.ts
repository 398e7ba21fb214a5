import { describe, expect, it } from "vitest";
import { BoxRig, codeFor, delivery, HOUR, MORNING, ownerTotp } from "./rig.ts";

const CODE = codeFor(delivery(MORNING / HOUR - 9, 24, 5));
const SIGNAL_MS = 5000; // deliverySignalMs's default

function signalOn(rig: BoxRig): boolean {
  const last = rig.fake.deliverySignal[rig.fake.deliverySignal.length - 1];
  return last !== undefined && last.on;
}

describe("the delivery output", () => {
  it("signals once a delivery's lid closes, for deliverySignalMs, then goes off", () => {
    const rig = BoxRig.provisioned();
    rig.enter(CODE);
    rig.lid(true);
    rig.wait(10_000);
    expect(rig.fake.deliverySignal).toEqual([]); // not while the driver is at the box
    rig.lid(false);
    expect(signalOn(rig)).toBe(true);
    rig.wait(SIGNAL_MS - 1);
    expect(signalOn(rig)).toBe(true);
    rig.wait(1);
    expect(signalOn(rig)).toBe(false);
  });

  it("does not signal after the owner's own opening", () => {
    const rig = BoxRig.provisioned();
    rig.enter(ownerTotp(rig.now() + 2));
    expect(rig.pulses()).toBe(1);
    rig.lid(true);
    rig.lid(false);
    expect(rig.fake.deliverySignal).toEqual([]);
  });

  it("does not signal when an accepted code's lid is never opened", () => {
    const rig = BoxRig.provisioned();
    rig.enter(CODE);
    rig.wait(60_000);
    expect(rig.fake.deliverySignal).toEqual([]);
  });

  it("stays off when deliverySignalMs is 0", () => {
    const rig = BoxRig.provisioned({ settings: { deliverySignalMs: 0 } });
    rig.enter(CODE);
    rig.deliver();
    expect(rig.fake.deliverySignal).toEqual([]);
  });
});

describe("the home input", () => {
  it("is off on a fresh box: a contact nobody wired opens nothing", () => {
    const rig = BoxRig.provisioned();
    expect(BoxRig.field(rig.authenticated("SETTINGS GET"), "homeInputEnabled")).toBe("0");
    rig.fake.homeOpen();
    expect(rig.pulses()).toBe(0);
    expect(rig.log().some((e) => e === "open by=home")).toBe(false);
  });

  it("opens the box once the owner turns it on, and the open is logged", () => {
    const rig = BoxRig.provisioned({ settings: { homeInputEnabled: 1 } });
    rig.fake.homeOpen();
    expect(rig.pulses()).toBe(1);
    expect(rig.log().pop()).toBe("open by=home");
  });

  it("does not open the box when turned off again over USB", () => {
    const rig = BoxRig.provisioned({ settings: { homeInputEnabled: 1 } });
    expect(rig.authenticated("SETTINGS SET homeInputEnabled=0").pop()).toMatch(/ OK/);
    rig.fake.homeOpen();
    expect(rig.pulses()).toBe(0);
    expect(rig.log().some((e) => e === "open by=home")).toBe(false);
  });
});

describe("the lock self-test over USB", () => {
  it("opens the box and the log records the opening as a lock test", () => {
    const rig = BoxRig.provisioned();
    expect(rig.authenticated("LOCKTEST").pop()).toMatch(/ OK coilMs=/);
    expect(rig.pulses()).toBe(1);
    expect(rig.log().pop()).toBe("open by=lock-test");
  });
});
