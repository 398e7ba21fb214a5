import { describe, expect, it } from "vitest";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./rig.ts";
import { Lock } from "../../../firmware/core/lock.ts";

const CODE = codeFor(delivery(MORNING / HOUR - 9, 24, 0));
const ALARM_MS = 300_000; // lidOpenAlarmMs's default

function usbEvents(rig: BoxRig): string[] {
  return rig.fake.usbOut.join("").split("\r\n").filter((l) => l.startsWith("* EVENT "));
}

function alarm(rig: BoxRig): string | undefined {
  return BoxRig.field(rig.authenticated("STATUS"), "alarm");
}

describe("the lid left open", () => {
  it("raises the reminder, logs it and tells USB once the lid has been open too long", () => {
    const rig = BoxRig.provisioned();
    rig.enter(CODE);
    rig.lid(true);
    rig.wait(ALARM_MS - 1000);
    expect(rig.patterns).not.toContain("lid-open-reminder");
    expect(rig.log().some((e) => e.startsWith("lid-left-open"))).toBe(false);
    rig.wait(1000);
    expect(rig.patterns).toContain("lid-open-reminder");
    expect(rig.log()).toContain("lid-left-open seconds=300");
    expect(usbEvents(rig)).toContain("* EVENT lid-left-open");
    expect(alarm(rig)).toBe("lid-open");
  });

  it("keeps reminding (light and sound every 10 s) until the lid is closed", () => {
    const rig = BoxRig.provisioned();
    rig.enter(CODE);
    rig.lid(true);
    rig.wait(ALARM_MS + 60_000);
    const amberAfterAlarm = rig.fake.led.filter((l) => l.colour === "amber" && l.at > ALARM_MS).length;
    expect(amberAfterAlarm).toBeGreaterThanOrEqual(6);
    rig.lid(false);
    const amberBefore = rig.fake.led.filter((l) => l.colour === "amber").length;
    rig.wait(60_000);
    expect(rig.fake.led.filter((l) => l.colour === "amber").length).toBe(amberBefore);
    expect(rig.log().pop()).toBe("lid-closed");
  });

  it("a lid closed in time raises no alarm", () => {
    const rig = BoxRig.provisioned();
    rig.enter(CODE);
    rig.lid(true);
    rig.wait(ALARM_MS - 1000);
    rig.lid(false);
    rig.wait(ALARM_MS * 2);
    expect(rig.patterns).not.toContain("lid-open-reminder");
    expect(rig.log().some((e) => e.startsWith("lid-left-open"))).toBe(false);
  });
});

describe("a forced lid (opened while locked)", () => {
  it("is logged as forced, signalled with the alarm, and told to USB", () => {
    const rig = BoxRig.provisioned();
    rig.lid(true);
    expect(rig.log()).toContain("lid-forced");
    expect(rig.log()).not.toContain("lid-opened");
    expect(rig.patterns).toContain("forced");
    expect(rig.fake.buzzer.some((b) => b.on)).toBe(true);
    expect(usbEvents(rig)).toContain("* EVENT forced");
    expect(alarm(rig)).toBe("forced");
  });

  it("a lid opened after an accepted code is not forced", () => {
    const rig = BoxRig.provisioned();
    rig.enter(CODE);
    rig.lid(true);
    expect(rig.log()).toContain("lid-opened");
    expect(rig.log()).not.toContain("lid-forced");
    expect(rig.patterns).not.toContain("forced");
  });

  it("a lid opened after the box relocked (not opened in time) is forced", () => {
    const rig = BoxRig.provisioned();
    rig.enter(CODE);
    rig.wait(20_000);
    expect(rig.log()).toContain("not-opened");
    rig.lid(true);
    expect(rig.log()).toContain("lid-forced");
  });

  it("a box that powers up with the lid open counts it as forced, logs and signals it", () => {
    let rig = BoxRig.provisioned();
    rig.fake.lidOpen = true; // opened while the power was off
    rig = rig.powerCycle();
    expect(rig.box.lockState()).toBe(Lock.Forced);
    expect(alarm(rig)).toBe("forced");
    expect(rig.log().slice(-2)).toEqual(["power-up clock=known", "lid-forced"]);
    expect(rig.playing()).toBe("forced"); // played at boot, before the rig listens
    expect(rig.fake.buzzer.some((b) => b.on)).toBe(true);
  });
});

describe("keys pressed while the lid is open", () => {
  it("do not silence the lid-open reminder", () => {
    const rig = BoxRig.provisioned({ settings: { homeInputEnabled: 1 } });
    rig.fake.homeOpen();
    rig.lid(true);
    rig.wait(300_000);
    expect(rig.playing()).toBe("lid-open-reminder");
    rig.enter("12");
    expect(rig.playing()).toBe("lid-open-reminder");
  });
});
