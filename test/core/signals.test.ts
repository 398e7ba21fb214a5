/**
 * The signal patterns as compact data (firmware/core/signals.ts): one string of four-character
 * steps, played by the player as the LED colour, the buzzer and the step's length the pattern was
 * written with, repeating where it says so, then its follow-up.
 */
import "../../tools/lib/intrinsics-global.ts";
import { describe, expect, it } from "vitest";
import type { LedColour, Signals, Timers } from "../../firmware/core/board.ts";
import { patternNames, SIGNAL_NAMES, SIGNAL_WORDS, signalName, type SignalName } from "../../firmware/core/host/signals.ts";
import { lockOutPattern, Signal, signalPatterns, signalPlayer } from "../../firmware/core/signals.ts";

/** The pattern called `name` (the host's names, in Signal's order). */
function numbered(name: SignalName): Signal {
  return SIGNAL_NAMES.indexOf(name) as Signal;
}

/** A player on a fake LED, buzzer and timers that run when the test says; `log` is what it did. */
function rig(buzzerAllowed = true) {
  const log: string[] = [];
  let led: LedColour = "off";
  let timer: { id: number; ms: number; run: () => void } | undefined;
  let ids = 0;
  const signals: Signals = { led: (c) => void (led = c), buzzer: (on) => void log.push(`${led}${on ? "+buzzer" : ""}`) };
  const timers: Timers = {
    after: (ms, run) => {
      timer = { id: ++ids, ms: ms, run: run };
      return timer.id;
    },
    cancel: (id) => {
      if (timer !== undefined && timer.id === id) timer = undefined;
    },
    uptimeMs: () => 0,
  };
  const player = signalPlayer(signals, timers, () => buzzerAllowed);
  /**
   * Plays `name` (then `after`). play cancels whatever played and goes straight to the first step,
   * which sets the LED and the buzzer itself: nothing turns them off first (three pin writes a key).
   */
  function play(name: SignalName, after?: SignalName): void {
    const before = log.length;
    player.play(numbered(name), after === undefined ? undefined : numbered(after));
    expect(log.length).toBe(before + 1);
  }
  /** Runs the pending timer `count` times (or until none is left), logging each wait. */
  function advance(count = 1000): void {
    for (let i = 0; i < count && timer !== undefined; i++) {
      const t = timer;
      timer = undefined;
      log[log.length - 1] += ` ${t.ms}`;
      t.run();
    }
  }
  return { log, player, play, advance, pending: () => timer };
}

/** The steps of pattern `name` as played: "colour[+buzzer] ms" each, up to its end. */
function played(name: SignalName): string[] {
  const r = rig();
  r.play(name);
  r.advance();
  // The last line is the end of the pattern: LED and buzzer off, no timer.
  expect(r.log[r.log.length - 1]).toBe("off");
  expect(r.player.current()).toBe(-1);
  return r.log.slice(0, -1);
}

describe("signal patterns", () => {
  it("are well-formed: whole steps of a known LED letter and three digits, maybe a count of plays, maybe a repeat", () => {
    // Each starts with an LED step: play() relies on it to set the LED and buzzer without turning them off first.
    expect(signalPatterns()).toMatch(/^(([ograOGRA]\d{3})+(x\d{3})?(\*\d{3})?\|)+$/);
  });

  it("are exactly the names the host's words cover, each once, one name a pattern", () => {
    const names = patternNames();
    expect(names.length).toBe(signalPatterns().split("|").length - 1);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(SIGNAL_WORDS).sort());
  });

  it("are numbered by Signal in the order of their names", () => {
    const byName: Record<string, Signal> = {
      key: Signal.Key,
      accepted: Signal.Accepted,
      wrong: Signal.Wrong,
      "locked-out-short": Signal.LockedOutShort,
      "locked-out-minutes": Signal.LockedOutMinutes,
      "locked-out-hour": Signal.LockedOutHour,
      "locked-out-long": Signal.LockedOutLong,
      "not-ready": Signal.NotReady,
      "lid-open-reminder": Signal.LidOpenReminder,
      forced: Signal.Forced,
      relocked: Signal.Relocked,
      delivered: Signal.Delivered,
      "reset-countdown": Signal.ResetCountdown,
      reset: Signal.Reset,
      "battery-low": Signal.BatteryLow,
      "battery-critical": Signal.BatteryCritical,
    };
    expect(Object.keys(byName).sort()).toEqual([...SIGNAL_NAMES].sort());
    for (const [name, p] of Object.entries(byName)) expect(signalName(p)).toBe(name);
    expect(signalName(-1)).toBe("");
  });

  it("the last pattern plays its own steps, not past the string's end", () => {
    expect(played("battery-critical")).toEqual(["amber+buzzer 40"]);
    expect(played("key")).toEqual(["green+buzzer 40"]);
  });

  it("play back as written", () => {
    expect(played("key")).toEqual(["green+buzzer 40"]);
    expect(played("accepted")).toEqual(["green+buzzer 100", "green 100", "green+buzzer 100", "green 2700"]);
    expect(played("locked-out-minutes")).toEqual(["red+buzzer 300", "off 300", "red+buzzer 300", "off 300"]);
    expect(played("forced")).toEqual(Array.from({ length: 20 }, () => ["red+buzzer 250", "off 250"]).flat());
    expect(played("locked-out-short")).toEqual(["red+buzzer 300", "off 300"]);
    expect(played("locked-out-long")).toEqual(Array.from({ length: 4 }, () => ["red+buzzer 300", "off 300"]).flat());
    expect(played("relocked")).toEqual(["red+buzzer 150", "off 50"]);
    expect(played("reset")).toEqual(["green+buzzer 1500", "red+buzzer 1500"]);
    expect(played("battery-low")).toEqual(["off 300", "amber 1500"]);
  });

  it("repeat after their pause until stopped", () => {
    const r = rig();
    r.play("lid-open-reminder");
    r.advance(7);
    expect(r.log).toEqual(["amber+buzzer 150", "off 150", "amber 150", "off 10000", "amber+buzzer 150", "off 150", "amber 150", "off"]);
    expect(r.player.current()).toBe(Signal.LidOpenReminder);
    r.player.stop();
    expect(r.pending()).toBeUndefined();
    expect(r.player.current()).toBe(-1);
    const c = rig();
    c.play("reset-countdown");
    c.advance(3);
    expect(c.log).toEqual(["amber+buzzer 100", "amber 400", "off 500", "amber+buzzer"]);
  });

  it("play the follow-up when a pattern ends, not when it is replaced", () => {
    const r = rig();
    r.play("wrong", "battery-low");
    r.advance();
    expect(r.log).toEqual(["red+buzzer 700", "red 800", "off", "off 300", "amber 1500", "off"]);
    const s = rig();
    s.play("wrong", "battery-low");
    s.player.play(Signal.Key);
    s.advance();
    expect(s.log).toEqual(["red+buzzer", "green+buzzer 40", "off"]);
  });

  it("keep the buzzer quiet when it is not allowed", () => {
    const r = rig(false);
    r.play("accepted");
    r.advance();
    expect(r.log).toEqual(["green 100", "green 100", "green 100", "green 2700", "off"]);
  });

  it("signal longer lock-outs with more blinks", () => {
    expect([60, 61, 600, 601, 3600, 3601].map((w) => signalName(lockOutPattern(w)))).toEqual([
      "locked-out-short",
      "locked-out-minutes",
      "locked-out-minutes",
      "locked-out-hour",
      "locked-out-hour",
      "locked-out-long",
    ]);
  });
});
