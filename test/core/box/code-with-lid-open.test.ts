import { describe, expect, it } from "vitest";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./rig.ts";

const TODAY = delivery(MORNING / HOUR - 9, 24, 0);

describe("a code typed while the lid is open", () => {
  it("is not checked and spends no use: it opens the box once the lid is closed", () => {
    const rig = BoxRig.provisioned({ settings: { homeInputEnabled: 1 } });
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
