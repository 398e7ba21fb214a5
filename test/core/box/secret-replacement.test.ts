/**
 * Replacing a secret that may have leaked (issue 16): one PROVISION signed with the old secret's
 * USB key. Every code made from the old secret, the owner's old TOTP and the old USB key stop at
 * once; the log keeps its history and records the replacement. Nothing unsigned replaces it.
 */
import { describe, expect, it } from "vitest";
import { codeText, deriveKeys, type CodeId } from "../../../firmware/core/codes/host.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { BoxRig, codeFor, delivery, HOUR, MORNING, ownerTotp, SECRET } from "./rig.ts";

const TODAY = delivery(MORNING / HOUR - 9, 24, 0);
const PICKUP: CodeId = { kind: "pickup", start: MORNING / HOUR - 9, hours: 72, slot: 0 };
const NEW_SECRET = Buffer.from("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", "hex");
const newCode = (id: CodeId, secret = NEW_SECRET): string => codeText(nodeHasher, deriveKeys(nodeHasher, secret.toString("latin1")).codeKey, id);

/** The owner's tool's replacement: PROVISION with a new secret, signed with the current one. */
function replace(rig: BoxRig, secret: Buffer, signer: Buffer = SECRET): string[] {
  return rig.authenticated(`PROVISION secret=${secret.toString("hex")} clock=${rig.now()}`, signer);
}

const opens = (rig: BoxRig): string[] => rig.log().filter((e) => e.startsWith("open "));

describe("replacing the secret (a PROVISION signed with the old one)", () => {
  it("is refused unsigned, and signed with another secret, and changes nothing", () => {
    const rig = BoxRig.provisioned();
    expect(rig.request(`PROVISION secret=${NEW_SECRET.toString("hex")} clock=${rig.now()}`)[0]).toMatch(/ ERR E_AUTH /);
    expect(replace(rig, NEW_SECRET, NEW_SECRET)[0]).toMatch(/ ERR E_AUTH /);
    expect(rig.authenticated("STATUS").pop()).toMatch(/ OK lock=/);
    rig.enter(codeFor(TODAY));
    expect(opens(rig)).toEqual([`open by=delivery code=D-${TODAY.start}-24-0 usesLeft=0`]);
  });

  it("stops every old delivery code at once", () => {
    const rig = BoxRig.provisioned();
    expect(replace(rig, NEW_SECRET).pop()).toMatch(/ OK box=/);
    rig.wait(60_000);
    rig.enter(codeFor(TODAY));
    rig.wait(3000);
    rig.enter(codeFor(delivery(MORNING / HOUR - 9, 24, 4)));
    expect(opens(rig)).toEqual([]);
    expect(rig.pulses()).toBe(0);
  });

  it("stops every old pickup code at once", () => {
    const rig = BoxRig.provisioned();
    expect(replace(rig, NEW_SECRET).pop()).toMatch(/ OK box=/);
    rig.wait(60_000);
    rig.enter(codeFor(PICKUP));
    expect(opens(rig)).toEqual([]);
    expect(rig.pulses()).toBe(0);
  });

  it("stops the owner's old TOTP at once", () => {
    const rig = BoxRig.provisioned();
    expect(replace(rig, NEW_SECRET).pop()).toMatch(/ OK box=/);
    rig.wait(60_000);
    rig.enter(ownerTotp(rig.now()));
    expect(opens(rig)).toEqual([]);
    expect(rig.pulses()).toBe(0);
  });

  it("stops the old USB key at once: it signs nothing, the new one signs everything", () => {
    const rig = BoxRig.provisioned();
    expect(replace(rig, NEW_SECRET).pop()).toMatch(/ OK box=/);
    expect(rig.authenticated("STATUS")[0]).toMatch(/ ERR E_AUTH /);
    expect(replace(rig, SECRET)[0]).toMatch(/ ERR E_AUTH /);
    expect(rig.authenticated("STATUS", NEW_SECRET).pop()).toMatch(/ OK lock=locked/);
  });

  it("the new secret's codes open, including for an id the old secret already used", () => {
    const rig = BoxRig.provisioned();
    rig.enter(codeFor(TODAY));
    rig.deliver();
    expect(replace(rig, NEW_SECRET).pop()).toMatch(/ OK box=/);
    rig.wait(60_000);
    rig.enter(newCode(TODAY));
    expect(opens(rig).filter((e) => e.startsWith(`open by=delivery code=D-${TODAY.start}-24-0`))).toHaveLength(2);
  });

  it("keeps the log's history and records the replacement", () => {
    const rig = BoxRig.provisioned();
    rig.enter(codeFor(TODAY));
    rig.deliver();
    const before = rig.log();
    expect(replace(rig, NEW_SECRET).pop()).toMatch(/ OK box=/);
    const after = rig.log();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(before.filter((e) => e.startsWith("provisioned "))).toEqual([`provisioned at=${MORNING + 600} replaced=0`]);
    expect(after.slice(before.length).filter((e) => e.startsWith("provisioned "))).toEqual([`provisioned at=${rig.now()} replaced=1`]);
  });

  it("with the same secret, a used code stays used", () => {
    const rig = BoxRig.provisioned();
    rig.enter(codeFor(TODAY));
    rig.deliver();
    expect(replace(rig, SECRET).pop()).toMatch(/ OK box=/);
    rig.wait(60_000);
    rig.enter(codeFor(TODAY));
    expect(opens(rig)).toHaveLength(1);
  });
});
