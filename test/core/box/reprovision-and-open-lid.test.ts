import { describe, expect, it } from "vitest";
import { codeText, deriveKeys } from "../../../firmware/core/codes/index.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING, SECRET } from "./rig.ts";

const TODAY = delivery(MORNING / HOUR - 9, 24, 0);
const NEW_SECRET = Buffer.from("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", "hex");

describe("a code typed while the lid is open", () => {
  it("is not checked and spends no use: it opens the box once the lid is closed", () => {
    const rig = BoxRig.provisioned();
    rig.fake.homeOpen();
    rig.lid(true);
    rig.patterns.length = 0;
    rig.enter(codeFor(TODAY));
    expect(rig.patterns).toContain("lid-open-reminder");
    expect(rig.log().filter((e) => e.startsWith("open by=delivery"))).toHaveLength(0);
    rig.lid(false);
    rig.wait(1000);
    rig.enter(codeFor(TODAY));
    expect(rig.log().filter((e) => e.startsWith("open by=delivery"))).toHaveLength(1);
  });
});

describe("provisioning again in service mode", () => {
  const provision = (rig: BoxRig, secret: Buffer): string[] => {
    rig.lid(true);
    rig.fake.service(true);
    rig.fake.service(false);
    const answer = rig.request(`PROVISION secret=${secret.toString("hex")} clock=${rig.now()}`);
    rig.lid(false);
    return answer;
  };

  it("with a new secret, the new secret's code for an id the old one used opens", () => {
    const rig = BoxRig.provisioned();
    rig.enter(codeFor(TODAY));
    rig.deliver();
    expect(provision(rig, NEW_SECRET).pop()).toMatch(/ OK box=/);
    rig.wait(60_000);
    const keys = deriveKeys(nodeHasher, NEW_SECRET.toString("latin1"));
    rig.enter(codeText(nodeHasher, keys.codeKey, TODAY));
    expect(rig.log().filter((e) => e.startsWith(`open by=delivery code=D-${TODAY.start}-24-0`))).toHaveLength(2);
  });

  it("with the same secret, a used code stays used", () => {
    const rig = BoxRig.provisioned();
    rig.enter(codeFor(TODAY));
    rig.deliver();
    expect(provision(rig, SECRET).pop()).toMatch(/ OK box=/);
    rig.wait(60_000);
    rig.enter(codeFor(TODAY));
    expect(rig.log().filter((e) => e.startsWith("open by=delivery"))).toHaveLength(1);
  });

  it("the old secret's codes no longer open after a new secret", () => {
    const rig = BoxRig.provisioned();
    expect(provision(rig, NEW_SECRET).pop()).toMatch(/ OK box=/);
    rig.wait(60_000);
    rig.enter(codeFor(TODAY));
    expect(rig.log().filter((e) => e.startsWith("open by=delivery"))).toHaveLength(0);
    expect(rig.patterns).toContain("wrong");
  });
});
