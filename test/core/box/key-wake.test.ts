/**
 * What a key wakes (box.ts keyPressed): the battery at an entry's first key, the DS3231 at its
 * second, nothing more at the keys after (issue 11: the work after a key); and `#` checks a code
 * on the DS3231's time whatever the entry took (clock.ts).
 */
import { describe, expect, it } from "vitest";
import { BoxRig, codeFor, delivery, HOUR, MORNING } from "./rig.ts";

/** Counts the box's DS3231 and battery reads from now on. */
function countReads(rig: BoxRig): { ds3231: number; battery: number } {
  const counts = { ds3231: 0, battery: 0 };
  const board = rig.box.board;
  const readBackup = board.clock.readBackup;
  const millivolts = board.battery.millivolts;
  board.clock.readBackup = () => (counts.ds3231++, readBackup());
  board.battery.millivolts = () => (counts.battery++, millivolts());
  return counts;
}

describe("a key's wake", () => {
  it("reads the battery at an entry's first key and the DS3231 at its second, then nothing until the next entry", () => {
    const rig = BoxRig.provisioned();
    const reads = countReads(rig);
    rig.fake.type("1");
    expect(reads).toEqual({ ds3231: 0, battery: 1 });
    rig.fake.type("2");
    expect(reads).toEqual({ ds3231: 1, battery: 1 });
    rig.fake.type("345678");
    rig.fake.type("#");
    expect(reads).toEqual({ ds3231: 1, battery: 1 });
    rig.fake.type("*1");
    expect(reads).toEqual({ ds3231: 1, battery: 3 });
  });

  it("`#` after a single digit takes the DS3231's time", () => {
    const rig = BoxRig.provisioned();
    const reads = countReads(rig);
    rig.fake.type("1#");
    expect(reads).toEqual({ ds3231: 1, battery: 1 });
  });

  it("`#` takes the DS3231's time again when the entry's reading is 20 s old, and the code is checked on it", () => {
    const rig = BoxRig.provisioned();
    const tenCode = delivery(MORNING / HOUR + 1, 1, 0); // 10:00-11:00
    rig.waitUntil((MORNING / HOUR + 1) * HOUR - 30); // 09:59:30 on both clocks
    rig.fake.ds3231Seconds = rig.fake.clockSeconds;
    const reads = countReads(rig);
    const code = codeFor(tenCode);
    rig.fake.type(code.slice(0, 4));
    expect(reads.ds3231).toBe(1);
    // Typed slowly (each key within the entry timeout), while the DS3231 reaches 10:00 and the
    // microcontroller's clock, 2 minutes slow, does not.
    rig.fake.clockSeconds = rig.fake.clockSeconds - 120;
    for (const digit of code.slice(4)) {
      rig.wait(9000);
      rig.fake.type(digit);
    }
    rig.fake.type("#");
    expect(reads.ds3231).toBe(2);
    expect(rig.pulses()).toBe(1);
  });

  it("`#` within 20 s of the entry's reading uses it (the microcontroller's clock cannot have moved 2 s from it)", () => {
    const rig = BoxRig.provisioned();
    const reads = countReads(rig);
    rig.fake.type("12345678");
    rig.wait(12_000);
    rig.fake.type("#");
    expect(reads.ds3231).toBe(1);
    expect(rig.patterns.pop()).toBe("wrong");
  });

  it("an entry still times out its timeout after its last key, not its first", () => {
    const rig = BoxRig.provisioned();
    const code = codeFor(delivery(MORNING / HOUR - 9, 48, 0));
    rig.fake.type(code.slice(0, 4));
    rig.wait(10_000);
    rig.fake.type(code.slice(4));
    rig.wait(10_000); // 20 s after the first key, 10 s after the last: still typed
    rig.fake.type("#");
    expect(rig.pulses()).toBe(1);
    rig.deliver();
    rig.fake.type(code.slice(0, 4));
    rig.wait(15_001);
    rig.fake.type(code.slice(4) + "#");
    expect(rig.pulses()).toBe(1);
    expect(rig.patterns.pop()).toBe("wrong");
  });
});
