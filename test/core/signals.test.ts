/**
 * The signal patterns as compact data (firmware/core/signals.ts): four characters a step, read
 * back as the LED colour, the buzzer and the step's length the pattern was written with.
 */
import "../../tools/lib/intrinsics-global.ts";
import { describe, expect, it } from "vitest";
import { PATTERNS, pattern, signalStep, type SignalPattern } from "../../firmware/core/signals.ts";

function steps(p: SignalPattern): string[] {
  const out: string[] = [];
  for (let i = 0; signalStep(p, i) !== undefined; i++) {
    const s = signalStep(p, i) as { led: string; buzzer: boolean; ms: number };
    out.push(`${s.led}${s.buzzer ? "+buzzer" : ""} ${s.ms}`);
  }
  return out;
}

describe("signal patterns", () => {
  it("are well-formed: whole steps of a known LED letter and three digits", () => {
    for (const p of PATTERNS) {
      expect(p.steps.length % 4, p.name).toBe(0);
      expect(p.steps, p.name).toMatch(/^([ograOGRA]\d{3})+$/);
    }
  });

  it("read back as written", () => {
    expect(steps(pattern("key"))).toEqual(["green+buzzer 40"]);
    expect(steps(pattern("accepted"))).toEqual(["green+buzzer 100", "green 100", "green+buzzer 100", "green 2700"]);
    expect(steps(pattern("lid-open-reminder"))).toEqual(["amber+buzzer 150", "off 150", "amber 150"]);
    expect(steps(pattern("locked-out-minutes"))).toEqual(["red+buzzer 300", "off 300", "red+buzzer 300", "off 300"]);
    expect(steps(pattern("forced"))).toHaveLength(40);
    expect(steps(pattern("relocked"))).toEqual(["red+buzzer 150", "off 50"]);
  });
});
