import { describe, expect, it } from "vitest";
import { SERVICE_MODE_MS } from "../../../firmware/core/box.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING, ownerTotp, SECRET } from "./rig.ts";

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
  it("opens the box when enabled, and the open is logged", () => {
    const rig = BoxRig.provisioned();
    rig.fake.homeOpen();
    expect(rig.pulses()).toBe(1);
    expect(rig.log().pop()).toBe("open by=home");
  });

  it("does not open the box when disabled over USB", () => {
    const rig = BoxRig.provisioned();
    expect(rig.authenticated("SETTINGS SET homeInputEnabled=0").pop()).toMatch(/ OK/);
    rig.fake.homeOpen();
    expect(rig.pulses()).toBe(0);
    expect(rig.log().some((e) => e === "open by=home")).toBe(false);
  });
});

describe("the service button", () => {
  const provisionAgain = (rig: BoxRig): string[] => rig.request(`PROVISION secret=${SECRET.toString("hex")} clock=${rig.now()}`);

  it("without it a provisioned box refuses PROVISION", () => {
    const rig = BoxRig.provisioned();
    expect(provisionAgain(rig)[0]).toMatch(/ ERR E_SERVICE_ONLY /);
  });

  it("a press with the lid open enables service mode: PROVISION is accepted again and HELLO says service=1", () => {
    const rig = BoxRig.provisioned();
    rig.lid(true);
    rig.fake.service(true);
    rig.fake.service(false);
    expect(BoxRig.field(rig.request("HELLO"), "service")).toBe("1");
    expect(provisionAgain(rig).pop()).toMatch(/ OK box=/);
  });

  it("service mode ends SERVICE_MODE_MS after the press", () => {
    const rig = BoxRig.provisioned();
    rig.lid(true);
    rig.fake.service(true);
    rig.fake.service(false);
    rig.wait(SERVICE_MODE_MS - 1000);
    expect(BoxRig.field(rig.request("HELLO"), "service")).toBe("1");
    rig.wait(1000);
    expect(BoxRig.field(rig.request("HELLO"), "service")).toBe("0");
    expect(provisionAgain(rig)[0]).toMatch(/ ERR E_SERVICE_ONLY /);
  });

  it("a press with the lid shut gives no service mode", () => {
    const rig = BoxRig.provisioned();
    rig.fake.service(true);
    rig.fake.service(false);
    expect(BoxRig.field(rig.request("HELLO"), "service")).toBe("0");
    expect(rig.request("LOCKTEST")[0]).toMatch(/ ERR E_AUTH /);
  });

  it("closing the lid ends service mode at once: an unsigned LOCKTEST cannot open the box", () => {
    const rig = BoxRig.provisioned();
    rig.lid(true);
    rig.fake.service(true);
    rig.fake.service(false);
    rig.lid(false);
    rig.wait(60_000);
    expect(BoxRig.field(rig.request("HELLO"), "service")).toBe("0");
    expect(rig.request("LOCKTEST")[0]).toMatch(/ ERR E_AUTH /);
    expect(rig.pulses()).toBe(0);
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
