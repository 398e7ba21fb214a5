import { describe, expect, it } from "vitest";
import type { Clock } from "../../firmware/core/board.ts";
import { CHECKPOINT_SECONDS, CHECKPOINT_SLACK_SECONDS, clockCheckpointable, clockSet, clockWake, ClockNote, FOLLOW_SECONDS, type ClockNoter } from "../../firmware/core/clock.ts";

/** The microcontroller's clock and the DS3231 as two numbers a test moves by hand (-1: no time). */
class TwoClocks {
  mcu = -1;
  /** undefined: no DS3231 fitted. */
  ds3231: number | undefined = undefined;
  reads = 0;
  /** A DS3231 whose writes are lost (a loose wire): it keeps its old time. */
  writesLost = false;
  /** A DS3231 that does not answer for now (an I2C glitch). */
  silent = false;

  port(): Clock {
    return {
      now: () => this.mcu,
      set: (s) => {
        this.mcu = s;
        if (this.ds3231 !== undefined && !this.writesLost) this.ds3231 = s;
      },
      setLocal: (s) => (this.mcu = s),
      readBackup: () => {
        this.reads++;
        return this.ds3231 === undefined || this.silent ? -1 : this.ds3231;
      },
      hasBackup: () => this.ds3231 !== undefined,
    };
  }
}

function setup(mcu: number, ds3231: number | undefined, checkpoint: number) {
  const clocks = new TwoClocks();
  clocks.mcu = mcu;
  clocks.ds3231 = ds3231;
  const stored = checkpoint >= 0 ? [checkpoint] : [];
  const events: string[] = [];
  // The box's side of the clock (box.ts clockNote): the checkpoint store and the events, as strings.
  const note: ClockNoter = (kind, a, b) => {
    if (kind === ClockNote.ReadCheckpoint) return stored.length ? stored[stored.length - 1] : -1;
    if (kind === ClockNote.WriteCheckpoint) stored.push(a);
    else if (kind === ClockNote.OwnerSet) {
      events.push(`set ${a}->${b}`);
      stored.push(b);
    } else if (kind === ClockNote.MovedUp) events.push(`up ${a}->${b}`);
    else if (kind === ClockNote.BackupBehind) events.push(`behind ${a} checkpoint ${b}`);
    else if (kind === ClockNote.Followed) events.push(`follow ${a}->${b}`);
    return 0;
  };
  // The clock's functions over one state, as the box calls them (box.ts).
  const port = clocks.port();
  const state = [0];
  const box = {
    boot: () => clockWake(port, state, note, true),
    checkpoint: () => clockWake(port, state, note, false),
    set: (t: number) => clockSet(port, state, note, t),
    checkpointable: () => clockCheckpointable(port, state),
    now: () => port.now(),
    known: () => port.now() >= 0,
  };
  return { clocks, box, stored, events };
}

const T = 200_000_000;

describe("box clock at power-up", () => {
  it("takes the DS3231's time when the microcontroller's clock was lost", () => {
    const { box, events } = setup(-1, T, T - 600);
    box.boot();
    expect(box.now()).toBe(T);
    expect(events).toEqual([`follow -1->${T}`]);
  });

  it("takes a DS3231 reading behind the checkpoint by no more than the slack", () => {
    const { box } = setup(-1, T - CHECKPOINT_SLACK_SECONDS, T);
    box.boot();
    expect(box.now()).toBe(T - CHECKPOINT_SLACK_SECONDS);
  });

  it("stays unknown when the DS3231 is behind the checkpoint by more than the slack, and logs it", () => {
    const { box, events } = setup(-1, T - CHECKPOINT_SLACK_SECONDS - 1, T);
    box.boot();
    expect(box.known()).toBe(false);
    expect(events).toEqual([`behind ${T - CHECKPOINT_SLACK_SECONDS - 1} checkpoint ${T}`]);
  });

  it("a clock kept across a reset stays when the DS3231 is not believed", () => {
    const { box, events } = setup(T + 5, T - 86_400, T);
    box.boot();
    expect(box.now()).toBe(T + 5);
    expect(events).toEqual([`behind ${T - 86_400} checkpoint ${T}`]);
  });

  it("stays unknown when the DS3231 has no time, and when there is none", () => {
    const lost = setup(-1, -1, T);
    lost.box.boot();
    expect(lost.box.known()).toBe(false);
    const none = setup(-1, undefined, T);
    none.box.boot();
    expect(none.box.known()).toBe(false);
  });

  it("without DS3231 time, a clock kept across a reset that is behind the checkpoint is moved up to it", () => {
    const { box, events } = setup(1000, undefined, 5000);
    box.boot();
    expect(box.now()).toBe(5000);
    expect(events).toEqual(["up 1000->5000"]);
  });

  it("without DS3231 time, a clock ahead of the checkpoint is left alone", () => {
    const { box, events } = setup(9000, -1, 5000);
    box.boot();
    expect(box.now()).toBe(9000);
    expect(events).toEqual([]);
  });
});

describe("box clock while running", () => {
  it("adopts a DS3231 that is behind a fast microcontroller clock (drift is corrected backwards too)", () => {
    const { clocks, box, events } = setup(T, T, T);
    box.boot();
    clocks.mcu = T + 3600 + 360; // 10 % fast over an hour
    clocks.ds3231 = T + 3600;
    box.checkpoint();
    expect(box.now()).toBe(T + 3600);
    expect(events).toEqual([`follow ${T + 3960}->${T + 3600}`]);
  });

  it("adopts a DS3231 that is ahead of a slow microcontroller clock", () => {
    const { clocks, box } = setup(T, T, T);
    box.boot();
    clocks.mcu = T + 3240;
    clocks.ds3231 = T + 3600;
    box.checkpoint();
    expect(box.now()).toBe(T + 3600);
  });

  it(`leaves the microcontroller's clock alone within ${FOLLOW_SECONDS - 1} s of the DS3231, and follows at ${FOLLOW_SECONDS} s`, () => {
    const { clocks, box, events } = setup(T, T, T);
    box.boot();
    clocks.mcu = T + 100 + FOLLOW_SECONDS - 1;
    clocks.ds3231 = T + 100;
    box.checkpoint();
    expect(box.now()).toBe(T + 100 + FOLLOW_SECONDS - 1);
    clocks.mcu = T + 100 - FOLLOW_SECONDS;
    box.checkpoint();
    expect(box.now()).toBe(T + 100);
    expect(events).toEqual([`follow ${T + 100 - FOLLOW_SECONDS}->${T + 100}`]);
  });

  it("keeps its own clock when the DS3231 jumps behind the checkpoint, logging it once until it agrees again", () => {
    const { clocks, box, events } = setup(T, T, T);
    box.boot();
    clocks.mcu = T + 600;
    clocks.ds3231 = T - 86_400;
    box.checkpoint();
    box.checkpoint();
    expect(box.now()).toBe(T + 600);
    expect(events).toEqual([`behind ${T - 86_400} checkpoint ${T}`]);
    clocks.ds3231 = T + 600;
    box.checkpoint();
    clocks.ds3231 = T - 86_400;
    box.checkpoint();
    expect(events.length).toBe(2);
  });

  it("keeps its own clock when the DS3231 stops answering", () => {
    const { clocks, box } = setup(T, T, T);
    box.boot();
    clocks.mcu = T + 700;
    clocks.ds3231 = -1;
    box.checkpoint();
    expect(box.now()).toBe(T + 700);
  });

  it("reads the DS3231 at every wake", () => {
    const { clocks, box } = setup(T, T, T);
    box.boot();
    const before = clocks.reads;
    box.checkpoint();
    box.checkpoint();
    expect(clocks.reads - before).toBe(2);
  });

  it("stores checkpoints from the DS3231's time, so a fast clock never pushes them ahead of it", () => {
    const { clocks, box, stored } = setup(T, T, T);
    box.boot();
    clocks.mcu = T + CHECKPOINT_SECONDS + 360;
    clocks.ds3231 = T + CHECKPOINT_SECONDS;
    box.checkpoint();
    expect(stored).toEqual([T, T + CHECKPOINT_SECONDS]);
  });
});

describe("box clock checkpoints and setting", () => {
  it("stores a checkpoint once the last is an hour old", () => {
    const { clocks, box, stored } = setup(10_000, undefined, 10_000);
    clocks.mcu = 10_000 + CHECKPOINT_SECONDS - 1;
    box.checkpoint();
    expect(stored).toEqual([10_000]);
    clocks.mcu = 10_000 + CHECKPOINT_SECONDS;
    box.checkpoint();
    expect(stored).toEqual([10_000, 10_000 + CHECKPOINT_SECONDS]);
  });

  it("an owner's set is logged with where the clock was, and goes to the DS3231 too", () => {
    const { clocks, box, events } = setup(-1, -1, -1);
    box.set(123456);
    expect(events).toEqual(["set -1->123456"]);
    expect(box.now()).toBe(123456);
    expect(clocks.ds3231).toBe(123456);
  });

  it("an owner's set back in time is followed at the next wake, the checkpoint moving with it", () => {
    const { clocks, box } = setup(T, T, T + 3000);
    box.set(T - 86_400);
    box.checkpoint();
    expect(box.now()).toBe(T - 86_400);
    expect(clocks.ds3231).toBe(T - 86_400);
  });
});

describe("box clock set by the owner", () => {
  it("says the time is kept when the DS3231 reads it back", () => {
    const { box, clocks } = setup(T, T, T);
    box.boot();
    expect(box.set(T - 3600)).toBe(true);
    expect(clocks.ds3231).toBe(T - 3600);
  });

  it("says so when the DS3231 did not take the time, and does not let its old time undo the owner's", () => {
    const { box, clocks } = setup(T, T, T - 600);
    box.boot();
    clocks.writesLost = true;
    // The owner moves the clock back an hour (the DS3231 ran ahead); the DS3231 keeps T.
    expect(box.set(T - 3600)).toBe(false);
    clocks.mcu += 10;
    box.checkpoint();
    expect(box.now()).toBe(T - 3600 + 10);
  });

  it("follows the DS3231 again once a set reaches it", () => {
    const { box, clocks } = setup(T, T, T - 600);
    box.boot();
    clocks.writesLost = true;
    box.set(T - 3600);
    clocks.writesLost = false;
    expect(box.set(T - 3600)).toBe(true);
    clocks.ds3231 = T - 3600 + 100;
    box.checkpoint();
    expect(box.now()).toBe(T - 3600 + 100);
  });

  it("has nothing to check without a DS3231", () => {
    const { box } = setup(T, undefined, T);
    box.boot();
    expect(box.set(T + 60)).toBe(true);
  });
});

describe("box clock when the DS3231 does not answer for a while", () => {
  it("stores no checkpoint from the drifting microcontroller time, so the good DS3231 is believed again", () => {
    const { box, clocks, stored } = setup(T, T, T);
    box.boot();
    const checkpoints = stored.length;
    clocks.silent = true;
    // A day asleep on a clock running 10 % fast, then a wake with the DS3231 silent.
    clocks.mcu = T + 86400 + 8640;
    clocks.ds3231 = T + 86400;
    box.checkpoint();
    expect(box.checkpointable()).toBe(false);
    expect(stored.length).toBe(checkpoints);
    clocks.silent = false;
    box.checkpoint();
    expect(box.now()).toBe(T + 86400);
    expect(box.checkpointable()).toBe(true);
  });

  it("a CLOCK SET the DS3231 missed is followed again once the DS3231 agrees", () => {
    const { box, clocks } = setup(T, T, T - 600);
    box.boot();
    clocks.writesLost = true;
    expect(box.set(T - 3600)).toBe(false);
    clocks.ds3231 = clocks.mcu;
    box.checkpoint();
    clocks.ds3231 += 50;
    box.checkpoint();
    expect(box.now()).toBe(clocks.ds3231);
  });
});

describe("box clock at power-up with a DS3231 not believed", () => {
  it("moves a microcontroller clock kept across a reset up to the checkpoint", () => {
    const { box, events } = setup(T - 100000, T - 100000, T);
    box.boot();
    expect(box.now()).toBe(T);
    expect(events).toContain(`up ${T - 100000}->${T}`);
  });
});
