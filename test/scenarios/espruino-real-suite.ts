/**
 * Every scenario in test/scenarios on the real Espruino 2v29 interpreter (runtime espruino-real,
 * sim/espruino-real): build/espruino/parcelbox.js loaded from Storage as a Pico loads .bootcde,
 * on the same virtual board as the node:vm runtime, in virtual time. Runs on espruino-debug, so an
 * interpreter assertion fails the scenario ("no firmware errors" at its end);
 * ESPRUINO_REAL_BINARY=espruino-pico runs it with a Pico's 5100 JsVars instead. Skipped, with the
 * reason in the title, where the interpreter is not installed (ESPRUINO_BIN, README).
 *
 * The files are shared out between two test files (espruino-real-{1,2}.test.ts), so that vitest
 * runs the halves side by side: together they take about a minute and a quarter here.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { espruinoMissing, tierBinary } from "../../sim/espruino-real/interpreter.ts";
import { runCommand } from "../../sim/scenario/cli.ts";
import { failureLine, loadScenario, runScenario } from "../../sim/scenario/runner.ts";
import { realTierTitle } from "../espruino-real/tier.ts";

const here = import.meta.dirname;
export const SCENARIO_FILES = readdirSync(here).filter((f) => f.endsWith(".json")).sort();

/** Runs scenario files `part` of `parts` (every parts-th file, from the part-th). */
export function realScenarioSuite(part: number, parts: number): void {
  const binary = tierBinary();
  const mine = SCENARIO_FILES.filter((_, i) => i % parts === part - 1);
  describe.skipIf(espruinoMissing(binary) !== undefined)(realTierTitle(`scenarios on the real Espruino interpreter, part ${part} of ${parts}`, binary), () => {
    if (part === 1) {
      it("parcelbox-sim run --runtime espruino-real reports a step that cannot run, naming the runtime", async () => {
        const out: string[] = [];
        const code = await runCommand(["test/scenarios/fixtures/step-cannot-run.json", "--runtime", "espruino-real", "--espruino-binary", binary], { out: (l) => out.push(l), err: () => undefined });
        expect(code).toBe(1);
        expect(out).toEqual([
          "test/scenarios/fixtures/step-cannot-run.json: step 2 [espruino-real]: expected the usb step to run, found the box has no power: a USB request would never be answered (the scenario stops here)",
        ]);
      });
    }
    for (const file of mine) {
      const scenario = loadScenario(relative(process.cwd(), join(here, file)));
      it(`${file} holds on espruino-real: ${scenario.name}`, async () => {
        const failures = await runScenario(scenario, { runtime: "espruino-real", espruinoBinary: binary });
        expect(failures.map(failureLine)).toEqual([]);
      });
    }
  });
}
