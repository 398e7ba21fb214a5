import { describe, expect, it } from "vitest";
import { BoxClock, CHECKPOINT_SECONDS } from "../../firmware/core/clock.ts";
import { FakeBoard } from "../fakes/fake-board.ts";

function setup(clock: number, checkpoint: number): { fake: FakeBoard; box: BoxClock; stored: number[]; events: string[] } {
  const fake = new FakeBoard();
  fake.clockSeconds = clock;
  const stored = checkpoint >= 0 ? [checkpoint] : [];
  const events: string[] = [];
  const box = new BoxClock(
    fake.board().clock,
    { read: () => (stored.length ? stored[stored.length - 1] : -1), write: (t) => stored.push(t) },
    { movedUpToCheckpoint: (f, c) => events.push(`up ${f}->${c}`), set: (f, t, s) => events.push(`set ${f}->${t} ${s}`) },
  );
  return { fake, box, stored, events };
}

describe("box clock", () => {
  it("a clock that comes back behind the checkpoint is moved up to it", () => {
    const { fake, box, events } = setup(1000, 5000);
    box.boot();
    expect(fake.clockSeconds).toBe(5000);
    expect(events).toEqual(["up 1000->5000"]);
  });

  it("a clock ahead of the checkpoint is left alone", () => {
    const { fake, box, events } = setup(9000, 5000);
    box.boot();
    expect(fake.clockSeconds).toBe(9000);
    expect(events).toEqual([]);
  });

  it("a clock that lost power stays unknown", () => {
    const { box } = setup(-1, 5000);
    box.boot();
    expect(box.known()).toBe(false);
    expect(box.now()).toBe(-1);
  });

  it("stores a checkpoint once the last is an hour old", () => {
    const { fake, box, stored } = setup(10_000, 10_000);
    fake.clockSeconds = 10_000 + CHECKPOINT_SECONDS - 1;
    box.checkpoint();
    expect(stored).toEqual([10_000]);
    fake.clockSeconds = 10_000 + CHECKPOINT_SECONDS;
    box.checkpoint();
    expect(stored).toEqual([10_000, 10_000 + CHECKPOINT_SECONDS]);
  });

  it("an owner's set is logged with where the clock was", () => {
    const { box, events } = setup(-1, -1);
    box.set(123456, "usb");
    expect(events).toEqual(["set -1->123456 usb"]);
    expect(box.now()).toBe(123456);
  });
});
