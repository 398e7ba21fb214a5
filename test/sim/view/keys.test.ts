/**
 * The terminal's keys drive a real SimBox running the built firmware: what a key does is checked
 * on the virtual board (keypad wires, lid, contacts, power, time) and in the box's own answers.
 */
import { existsSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actionFor, apply, type Action } from "../../../sim/view/keys.ts";
import { CONTACT_MS, KEY_DOWN_MS, KEY_GAP_MS, POWER_OFF_MS, SimSession } from "../../../sim/view/session.ts";

const START = Date.UTC(2026, 10, 28, 9, 0, 0) / 1000;

function press(session: SimSession, text: string): void {
  for (const ch of text) {
    const action = actionFor(ch);
    if (!action) throw new Error(`no action for ${JSON.stringify(ch)}`);
    apply(session, action);
  }
}

describe("terminal keys", () => {
  it("maps keypad characters, Enter and the command letters, and nothing else", () => {
    expect(actionFor("5")).toEqual({ kind: "keypad", key: "5" });
    expect(actionFor("*")).toEqual({ kind: "keypad", key: "*" });
    expect(actionFor("#")).toEqual({ kind: "keypad", key: "#" });
    expect(actionFor("\r")).toEqual({ kind: "keypad", key: "#" });
    expect(actionFor("o")).toEqual({ kind: "lid", open: true });
    expect(actionFor("c")).toEqual({ kind: "lid", open: false });
    expect(actionFor("m")).toMatchObject({ kind: "time", ms: 60_000 });
    expect(actionFor("t")).toMatchObject({ kind: "time", ms: 3_600_000 });
    expect(actionFor("d")).toMatchObject({ kind: "time", ms: 86_400_000 });
    for (const quit of ["q", "Q", "\x03"]) expect(actionFor(quit)).toEqual<Action>({ kind: "quit" });
    expect(actionFor("c", true)).toEqual<Action>({ kind: "quit" });
    for (const nothing of ["x", "\x1b[A", "\x1b", " ", "55", undefined]) expect(actionFor(nothing)).toBeUndefined();
  });
});

describe("keys drive the virtual box (Espruino build)", () => {
  let session: SimSession;

  beforeEach(async () => {
    session = await SimSession.start({ runtime: "espruino", link: null, unixTime: START, seed: 11, timeZone: "UTC" });
  });
  afterEach(async () => {
    await session.close();
  });

  it("pressing 5 presses key 5 on the keypad, and releases it after a finger's press", () => {
    press(session, "5");
    expect(session.box.board.keypad.held()).toBe("5");
    session.box.advance(KEY_DOWN_MS);
    expect(session.box.board.keypad.held()).toBe("");
  });

  it("keys typed faster than a finger wait their turn: never two keys down at once", () => {
    press(session, "12");
    expect(session.box.board.keypad.held()).toBe("1");
    expect(session.snapshot().keysQueued).toBe("2");
    session.box.advance(KEY_DOWN_MS + KEY_GAP_MS);
    expect(session.box.board.keypad.held()).toBe("2");
    expect(session.snapshot().keysQueued).toBe("");
  });

  it("typing the demo delivery code and # unlocks the box and logs the opening", () => {
    const code = session.snapshot().demoCode!;
    press(session, code.code + "#");
    session.box.advance(9 * (KEY_DOWN_MS + KEY_GAP_MS) + 200);
    expect(session.box.board.coil.pulseCount).toBe(1);
    expect(session.pollNow()).toBe(true);
    const state = session.snapshot();
    expect(state.lock).toBe("unlocked");
    expect(state.log.some((e) => e.kind === "open" && e.details.includes(`code=${code.id}`))).toBe(true);
    expect(state.demoCode?.usedUp).toBe(true);
  });

  it("a wrong code does not unlock the box", () => {
    press(session, "00000000#");
    session.box.advance(9 * (KEY_DOWN_MS + KEY_GAP_MS) + 200);
    expect(session.box.board.coil.pulseCount).toBe(0);
    session.pollNow();
    expect(session.snapshot().lock).toBe("locked");
    expect(session.snapshot().wrongCodes).toBe(1);
  });

  it("the message line says what the box just did, in words", () => {
    press(session, "00000000#");
    session.box.advance(9 * (KEY_DOWN_MS + KEY_GAP_MS) + 200);
    session.pollNow();
    expect(session.snapshot().message).toContain("Wrong code");
    press(session, session.snapshot().demoCode!.code + "#");
    session.box.advance(9 * (KEY_DOWN_MS + KEY_GAP_MS) + 200);
    session.pollNow();
    expect(session.snapshot().message).toContain("took the delivery code and opened");
  });

  it("o opens the lid and c closes it", () => {
    press(session, "o");
    expect(session.box.board.lid.isOpen).toBe(true);
    press(session, "c");
    expect(session.box.board.lid.isOpen).toBe(false);
  });

  it("s holds the service button and s again lets go: the port stays closed to unsigned requests", () => {
    press(session, "o");
    press(session, "s");
    expect(session.box.board.serviceButton.pressed).toBe(true);
    expect(session.snapshot().serviceHeld).toBe(true);
    expect(session.box.request(`${session.box.requestId()} LOCKTEST`).pop()).toMatch(/ ERR E_AUTH /);
    press(session, "s");
    expect(session.box.board.serviceButton.pressed).toBe(false);
    expect(session.snapshot().serviceHeld).toBe(false);
  });

  it("s held through a power cut erases the box after 10 s: it comes back not set up", () => {
    press(session, "s");
    press(session, "p");
    session.box.advance(POWER_OFF_MS + 10_500);
    press(session, "s");
    session.pollNow();
    expect(session.snapshot().provisioned).toBe(false);
  });

  it("s pressed within 3 s after the power comes back erases the box too; pressed later it does nothing", () => {
    press(session, "p");
    session.box.advance(POWER_OFF_MS + 4000);
    press(session, "s");
    session.box.advance(10_500);
    press(session, "s");
    session.pollNow();
    expect(session.snapshot().provisioned).toBe(true);
    press(session, "p");
    session.box.advance(POWER_OFF_MS + 1000);
    press(session, "s");
    session.box.advance(10_500);
    press(session, "s");
    session.pollNow();
    expect(session.snapshot().provisioned).toBe(false);
    expect(session.snapshot().message).toMatch(/erased \(factory reset\)/);
  });

  it("h closes the home relay and the box opens", () => {
    press(session, "h");
    expect(session.box.board.homeOpen.closed).toBe(true);
    session.box.advance(CONTACT_MS + 100);
    expect(session.box.board.homeOpen.closed).toBe(false);
    expect(session.box.board.coil.pulseCount).toBe(1);
  });

  it("p cuts the power, which comes back and the firmware boots again", () => {
    const boots = session.box.board.bootCount;
    press(session, "p");
    expect(session.box.board.powered).toBe(false);
    expect(session.snapshot().powered).toBe(false);
    session.box.advance(POWER_OFF_MS + 10);
    expect(session.box.board.powered).toBe(true);
    expect(session.box.board.bootCount).toBe(boots + 1);
  });

  it("m, t and d move the box clock on by a minute, an hour and a day", async () => {
    session.pollNow();
    const before = session.boxSecondsNow()!;
    await session.fastForward(60_000, "1 minute");
    expect(session.boxSecondsNow()! - before).toBe(60);
    press(session, "d");
    await session.settled();
    session.pollNow();
    expect(session.boxSecondsNow()! - before).toBeGreaterThanOrEqual(86_460);
    expect(session.boxSecondsNow()! - before).toBeLessThan(86_465);
  });

  it("n makes a different delivery code that also opens the box", () => {
    const first = session.snapshot().demoCode!;
    press(session, "n");
    const second = session.snapshot().demoCode!;
    expect(second.code).not.toBe(first.code);
    expect(second.id).not.toBe(first.id);
    press(session, second.code + "#");
    session.box.advance(9 * (KEY_DOWN_MS + KEY_GAP_MS) + 200);
    expect(session.box.board.coil.pulseCount).toBe(1);
  });

  it("q asks to quit and changes nothing on the box", () => {
    const before = session.box.board.scheduler.nowMs;
    expect(apply(session, actionFor("q")!)).toBe(true);
    expect(session.box.board.scheduler.nowMs).toBe(before);
    expect(session.box.board.keypad.held()).toBe("");
  });
});

describe("the demo box", () => {
  it("is provisioned with a profile the owner's tool reads, in a folder removed on close", async () => {
    const session = await SimSession.start({ runtime: "espruino", link: null, unixTime: START, seed: 3 });
    const home = session.configHome!;
    const boxId = session.demo!.boxId;
    expect(existsSync(`${home}/parcelbox/boxes/${boxId}.json`)).toBe(true);
    session.pollNow();
    expect(session.snapshot().provisioned).toBe(true);
    await session.close();
    expect(existsSync(home)).toBe(false);
  });

  it("a blank box stays unprovisioned and the view reads its pushed events instead of the log", async () => {
    const session = await SimSession.start({ runtime: "espruino", link: null, demo: false, unixTime: START, seed: 4 });
    try {
      expect(session.configHome).toBeUndefined();
      session.pollNow();
      const state = session.snapshot();
      expect(state.provisioned).toBe(false);
      expect(state.demoCode).toBeUndefined();
      expect(state.logNote).toContain("not provisioned");
      press(session, "o");
      session.box.advance(100);
      expect(session.snapshot().log.map((e) => e.kind)).toContain("forced");
    } finally {
      await session.close();
    }
  });

  it("the NodeMCU build opens for the demo code typed on the keys too", async () => {
    const session = await SimSession.start({ runtime: "nodemcu", link: null, unixTime: START, seed: 5 });
    try {
      press(session, session.snapshot().demoCode!.code + "#");
      session.box.advance(9 * (KEY_DOWN_MS + KEY_GAP_MS) + 500);
      expect(session.box.board.coil.pulseCount).toBe(1);
      session.pollNow();
      expect(session.snapshot().lock).toBe("unlocked");
    } finally {
      await session.close();
    }
  });
});
