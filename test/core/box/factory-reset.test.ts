/**
 * The factory reset for an owner who lost everything (issue 16): the service button, in the
 * electronics compartment with the board, held while the box powers up (or pressed within
 * RESET_ARM_MS of it) for RESET_HOLD_MS. It erases the secret, every code use and revocation, the
 * settings, the lock-out and the log, and leaves a blank box whose first log event says how it
 * was reset. At any other time the button does nothing.
 */
import { describe, expect, it } from "vitest";
import { RESET_ARM_MS, RESET_HOLD_MS } from "../../../firmware/core/box.ts";
import { stateOf } from "../store/view.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING, ownerTotp, SECRET, storeOf } from "./rig.ts";

const TODAY = delivery(MORNING / HOUR - 9, 24, 0);
const OTHER = delivery(MORNING / HOUR - 9, 24, 1);

/** A box that has been used: a delivery, a revocation, a setting, wrong codes up to a lock-out. */
function usedBox(): BoxRig {
  const rig = BoxRig.provisioned();
  rig.enter(codeFor(TODAY));
  rig.deliver();
  expect(rig.authenticated(`REVOKE kind=delivery start=${OTHER.start} hours=24 slot=1`).pop()).toMatch(/ OK/);
  expect(rig.authenticated("SETTINGS SET buzzerEnabled=0").pop()).toMatch(/ OK/);
  for (let i = 0; i < 4; i++) {
    rig.wait(2000);
    rig.enter("1111111" + i);
  }
  expect(Number(BoxRig.field(rig.authenticated("STATUS"), "lockout"))).toBeGreaterThan(0);
  return rig;
}

const store = (rig: BoxRig) => storeOf(rig.box.memory);

describe("the service button held at power-up", () => {
  it("counts down in amber and after RESET_HOLD_MS erases everything: a blank box whose log starts with how", () => {
    const before = usedBox();
    const rig = before.powerCycle({ serviceHeld: true });
    expect(rig.playing()).toBe("reset-countdown");
    rig.wait(RESET_HOLD_MS - 1);
    expect(BoxRig.field(rig.request("HELLO"), "provisioned")).toBe("1");
    rig.wait(1);
    // (The countdown began during the boot, before the rig listened.)
    expect(rig.patterns).toEqual(["reset"]);
    expect(BoxRig.field(rig.request("HELLO"), "provisioned")).toBe("0");
    expect(rig.log()).toEqual(["factory-reset by=button"]);
    const state = stateOf(store(rig));
    expect(state.codeUses).toEqual([]);
    expect(state.revocations).toEqual([]);
    expect(state.settings).toEqual([]);
    expect(state.limiter).toEqual([]);
    expect(state.secret).toBe("");
  });

  it("leaves a box that opens for nothing it knew: old codes, the owner's TOTP and the USB key", () => {
    let rig = usedBox().powerCycle({ serviceHeld: true });
    rig.wait(RESET_HOLD_MS);
    rig.fake.service(false);
    rig = rig.powerCycle();
    rig.wait(RESET_ARM_MS);
    rig.patterns.length = 0;
    rig.enter(codeFor(OTHER));
    rig.wait(3000);
    rig.enter(ownerTotp(rig.now()));
    expect(rig.pulses()).toBe(0);
    // Amber at #: the box is visibly not set up.
    expect(rig.patterns.filter((p) => p !== "key")).toEqual(["not-ready", "not-ready"]);
    expect(rig.authenticated("STATUS")[0]).toMatch(/ ERR E_STATE /);
  });

  it("leaves a blank box that whoever provisions next owns, with a fresh limiter and the default settings", () => {
    const rig = usedBox().powerCycle({ serviceHeld: true });
    rig.wait(RESET_HOLD_MS);
    rig.fake.service(false);
    expect(rig.request(`PROVISION secret=${SECRET.toString("hex")} clock=${rig.now()}`).pop()).toMatch(/ OK box=/);
    expect(BoxRig.field(rig.authenticated("STATUS"), "lockout")).toBe("0");
    expect(BoxRig.field(rig.authenticated("SETTINGS GET"), "buzzerEnabled")).toBe("1");
    const log = rig.log();
    expect(log[0]).toBe("factory-reset by=button");
    expect(log[log.length - 1]).toBe(`provisioned at=${rig.now()} replaced=0`);
  });

  it("let go before RESET_HOLD_MS: the countdown stops and nothing is erased", () => {
    const rig = usedBox().powerCycle({ serviceHeld: true });
    rig.wait(RESET_HOLD_MS - 1000);
    rig.fake.service(false);
    expect(rig.playing()).toBe("");
    rig.wait(RESET_HOLD_MS);
    expect(rig.patterns).toEqual([]);
    expect(BoxRig.field(rig.request("HELLO"), "provisioned")).toBe("1");
    expect(rig.log().some((e) => e.startsWith("factory-reset"))).toBe(false);
  });

  it("a release the button's watch missed still cancels: only a button down at the end erases", () => {
    const rig = usedBox().powerCycle({ serviceHeld: true });
    rig.wait(1000);
    rig.fake.servicePressed = false;
    rig.wait(RESET_HOLD_MS);
    expect(BoxRig.field(rig.request("HELLO"), "provisioned")).toBe("1");
  });

  it("pressed just after power-up counts as held (an ESP8266's service button is its boot-mode pin)", () => {
    const rig = usedBox().powerCycle();
    rig.wait(RESET_ARM_MS - 1);
    rig.fake.service(true);
    rig.wait(RESET_HOLD_MS);
    expect(rig.log()).toEqual(["factory-reset by=button"]);
  });
});

describe("the service button at any other time", () => {
  it("does nothing: no countdown, nothing erased, however long it is held", () => {
    const rig = usedBox().powerCycle();
    rig.wait(RESET_ARM_MS);
    rig.fake.service(true);
    rig.wait(5 * RESET_HOLD_MS);
    rig.fake.service(false);
    expect(rig.patterns).toEqual([]);
    expect(BoxRig.field(rig.request("HELLO"), "provisioned")).toBe("1");
  });

  it("grants nothing over USB, lid open or shut", () => {
    const rig = BoxRig.provisioned();
    for (const lidOpen of [false, true]) {
      rig.lid(lidOpen);
      rig.fake.service(true);
      expect(rig.request("LOCKTEST")[0]).toMatch(/ ERR E_AUTH /);
      expect(rig.request(`PROVISION secret=${"ab".repeat(20)} clock=${rig.now()}`)[0]).toMatch(/ ERR E_AUTH /);
      expect(rig.request("RESET confirm=erase")[0]).toMatch(/ ERR E_AUTH /);
      rig.fake.service(false);
    }
    expect(rig.pulses()).toBe(0);
    expect(rig.request("HELLO")[0]).not.toMatch(/service=/);
  });
});

describe("the signed RESET over USB", () => {
  it("erases the same and logs that it came over USB", () => {
    const rig = usedBox();
    expect(rig.authenticated("RESET confirm=erase").pop()).toMatch(/ OK/);
    expect(rig.log()).toEqual(["factory-reset by=usb"]);
    expect(stateOf(store(rig)).codeUses).toEqual([]);
    expect(BoxRig.field(rig.request("HELLO"), "provisioned")).toBe("0");
  });
});
