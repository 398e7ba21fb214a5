/**
 * Drift of ±10 % (the Espruino Pico's RC oscillator, PLATFORMS.md) of the clock the box runs on
 * while powered: the microcontroller's own clock (getTime / rtctime). The DS3231 (here exact) is
 * the time: the box reads it whenever it wakes, so before every code is checked, and adopts it
 * when the two differ by FOLLOW_SECONDS or more (firmware/core/clock.ts). Checkpoints are stored
 * from the corrected time, so a power cycle finds the DS3231 ahead of them and takes it.
 *
 * Tolerance for delivery codes (docs/codes.md, "Time"): with a DS3231, its own accuracy (exact
 * here) plus the whole seconds it is read in: FOLLOW_SECONDS. The measurement is how far outside
 * its window (true time) a code was accepted.
 *
 * Probes: every `probeMin` minutes the box's clock is read (CLOCK GET); when the box's hour differs
 * from the true hour, the code of the box's hour (a fresh use) and the code of the true hour are
 * typed. A last probe is typed at the edge of a box hour, where the error is largest. The worst
 * error is the largest true-time distance of an opening from its window.
 */
import { describe, expect, it } from "vitest";
import { BUILDS, ClockBox, DAY, HOUR, secondsOutside, type Build } from "./clock-box.ts";
import { FOLLOW_SECONDS } from "../../firmware/core/clock.ts";
import { summary } from "./summary.ts";

const SLOT_USES = [0, 1, 2, 3, 4, 4, 5, 5, 5];
const RC_PPM = 100_000;

interface DriftResult {
  /** Worst seconds outside its window of any code the box opened for. */
  worst: number;
  outside: number;
  /** Codes of the true hour the box refused. */
  refusedInWindow: number;
  /** Box clock minus true time at the end, seconds, and the true seconds elapsed. */
  errorAtEnd: number;
  elapsed: number;
  /** Box clock minus true time after a power cycle at the end. */
  errorAfterPowerCycle: number;
  errors: string[];
}

async function driftRun(build: Build, ppm: number, days: number, probeMin: number): Promise<DriftResult> {
  const box = await ClockBox.start(build);
  box.sim.board.rtc.driftPpm = ppm;
  const startTrue = box.trueBox();
  const used = new Map<number, number>();
  const nextSlot = (hour: number): number | undefined => {
    const n = used.get(hour) ?? 0;
    used.set(hour, n + 1);
    return SLOT_USES[n];
  };
  let worst = 0;
  let outside = 0;
  let refusedInWindow = 0;
  const probes = Math.floor((days * DAY) / (probeMin * 60));
  for (let i = 0; i < probes; i++) {
    box.advance(probeMin * 60 * 1000);
    const boxHour = Math.floor(box.clock().time / HOUR);
    const trueHour = Math.floor(box.trueBox() / HOUR);
    if (boxHour === trueHour) continue;
    const slot = nextSlot(boxHour);
    if (slot !== undefined) {
      const at = box.trueBox();
      if (box.enter(box.deliveryCode(boxHour, 1, slot)) === "opened") {
        const error = secondsOutside(at, boxHour * HOUR, (boxHour + 1) * HOUR);
        if (error > 0) outside++;
        worst = Math.max(worst, error);
      }
    }
    const rightSlot = nextSlot(trueHour);
    const at = box.trueBox();
    if (rightSlot !== undefined && Math.floor(at / HOUR) === trueHour && box.enter(box.deliveryCode(trueHour, 1, rightSlot)) !== "opened") refusedInWindow++;
  }
  // The worst instant comes last: typed at the very edge of a box hour, a fast clock's next hour
  // (early by its whole error) or a slow clock's last seconds of an hour (late by its whole error).
  const boxNow = box.clock().time;
  let edge = ppm > 0 ? Math.ceil(boxNow / HOUR) * HOUR + 10 : Math.ceil(boxNow / HOUR) * HOUR - 20;
  // Read in an hour's last 20 s (the clock read itself woke the box and resynchronised it): next hour's edge.
  if (edge <= boxNow) edge += HOUR;
  box.advance(Math.round(((edge - boxNow) * 1000) / (1 + ppm / 1e6)));
  const edgeHour = Math.floor(box.clock().time / HOUR);
  const edgeSlot = nextSlot(edgeHour);
  const edgeAt = box.trueBox();
  if (edgeSlot !== undefined && box.enter(box.deliveryCode(edgeHour, 1, edgeSlot)) === "opened") {
    const error = secondsOutside(edgeAt, edgeHour * HOUR, (edgeHour + 1) * HOUR);
    if (error > 0) outside++;
    worst = Math.max(worst, error);
  }
  const errorAtEnd = box.clock().time - box.trueBox();
  const elapsed = box.trueBox() - startTrue;
  box.sim.powerCycle(1000);
  const errorAfterPowerCycle = box.clock().time - box.trueBox();
  const errors = box.errors();
  box.close();
  return { worst, outside, refusedInWindow, errorAtEnd, elapsed, errorAfterPowerCycle, errors };
}

const RUNS: { label: string; ppm: number; days: number; probeMin: number }[] = [
  { label: "+10 % for a day", ppm: RC_PPM, days: 1, probeMin: 180 },
  { label: "-10 % for a day", ppm: -RC_PPM, days: 1, probeMin: 180 },
  { label: "+10 % for a week", ppm: RC_PPM, days: 7, probeMin: 1440 },
  { label: "-10 % for a week", ppm: -RC_PPM, days: 7, probeMin: 1440 },
];

for (const { name, build } of BUILDS) {
  for (const spec of RUNS) {
    describe(`MCU clock ${spec.label}, DS3231 exact [${name}]`, () => {
      let result: Promise<DriftResult> | undefined;
      const run = (): Promise<DriftResult> => {
        result ??= driftRun(build, spec.ppm, spec.days, spec.probeMin).then((r) => {
          summary(`delivery codes, MCU clock ${spec.label}`, name, r.worst, FOLLOW_SECONDS, `${r.outside} openings outside their window, ${r.refusedInWindow} refused inside it; clock off by ${Math.round(r.errorAtEnd)} s at the end`);
          return r;
        });
        return result;
      };

      it("the box follows the DS3231 while powered: its clock ends within FOLLOW_SECONDS of true time", async () => {
        const r = await run();
        expect(r.errors).toEqual([]);
        expect(Math.abs(r.errorAtEnd)).toBeLessThanOrEqual(FOLLOW_SECONDS);
      });

      it("a power cycle puts the clock right (checkpoints are stored from the DS3231's time)", async () => {
        expect(Math.abs((await run()).errorAfterPowerCycle)).toBeLessThanOrEqual(1);
      });

      it("no delivery code opens more than FOLLOW_SECONDS outside its window (docs/codes.md: the DS3231's accuracy, read in whole seconds)", async () => {
        expect((await run()).worst).toBeLessThanOrEqual(FOLLOW_SECONDS);
      });
    });
  }
}
