import { describe, expect, it } from "vitest";
import { BoxRig, codeFor, delivery, HOUR, MORNING, SECRET } from "./rig.ts";

const ID = delivery(MORNING / HOUR - 9, 24, 4); // two uses, so a revocation after one use shows
const REVOKE = `REVOKE kind=delivery start=${ID.start} hours=24 slot=4`;

describe("revoking a delivery code over USB", () => {
  it("a revoked code never opens, and the revocation is logged", () => {
    const rig = BoxRig.provisioned();
    const answer = rig.authenticated(REVOKE);
    expect(answer[answer.length - 1]).toMatch(/ OK code=D-\d+-24-4$/);
    rig.enter(codeFor(ID));
    expect(rig.pulses()).toBe(0);
    expect(rig.patterns).toContain("wrong");
    expect(rig.log()).toContain(`revoked code=D-${ID.start}-24-4`);
  });

  it("a code revoked after its first use does not open for its second", () => {
    const rig = BoxRig.provisioned();
    rig.enter(codeFor(ID));
    rig.deliver();
    rig.authenticated(REVOKE);
    rig.enter(codeFor(ID));
    expect(rig.pulses()).toBe(1);
  });

  it("a code revoked while the driver is typing it does not open", () => {
    const rig = BoxRig.provisioned();
    const code = codeFor(ID);
    rig.fake.type(code); // the box computes candidates while the digits come in
    rig.authenticated(REVOKE);
    rig.fake.type("#");
    expect(rig.pulses()).toBe(0);
  });

  it("the revocation survives a power cut", () => {
    let rig = BoxRig.provisioned();
    rig.authenticated(REVOKE);
    rig = rig.powerCycle();
    rig.enter(codeFor(ID));
    expect(rig.pulses()).toBe(0);
  });

  it("an unsigned REVOKE is refused and the code still opens", () => {
    const rig = BoxRig.provisioned();
    expect(rig.request(REVOKE)[0]).toMatch(/ ERR E_AUTH /);
    rig.enter(codeFor(ID));
    expect(rig.pulses()).toBe(1);
  });

  it("a REVOKE signed with another secret is refused and the code still opens", () => {
    const rig = BoxRig.provisioned();
    const other = Buffer.from(SECRET);
    other[0] ^= 1;
    expect(rig.authenticated(REVOKE, other)[0]).toMatch(/ ERR E_AUTH /);
    rig.enter(codeFor(ID));
    expect(rig.pulses()).toBe(1);
  });

  it("revoking one slot leaves the other slots of the window working", () => {
    const rig = BoxRig.provisioned();
    rig.authenticated(REVOKE);
    rig.enter(codeFor(delivery(ID.start, 24, 0)));
    expect(rig.pulses()).toBe(1);
  });
});

describe("REVOKE of a code the owner's tool could not have made", () => {
  it("is refused with E_RANGE and stores nothing (a start beyond box time, a window off the grid, a slot that does not exist)", () => {
    const rig = BoxRig.provisioned();
    for (const fields of ["kind=delivery start=1193047 hours=24 slot=0", "kind=delivery start=60553 hours=24 slot=0", "kind=delivery start=60552 hours=24 slot=9", "kind=pickup start=60552 hours=5 slot=0"]) {
      expect(rig.authenticated(`REVOKE ${fields}`).pop(), fields).toMatch(/ ERR E_RANGE /);
    }
    expect(rig.log().some((e) => e.startsWith("revoked"))).toBe(false);
  });
});
