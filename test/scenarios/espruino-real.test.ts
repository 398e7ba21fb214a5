/**
 * Every scenario in test/scenarios on the real Espruino 2v29 interpreter (runtime espruino-real,
 * sim/espruino-real): build/espruino/parcelbox.js loaded from Storage as a Pico loads .bootcde,
 * on the same virtual board as the node:vm runtime, in virtual time. Runs on espruino-debug, so an
 * interpreter assertion fails the scenario ("no firmware errors" at its end);
 * ESPRUINO_REAL_BINARY=espruino-pico runs it with a Pico's 5100 JsVars instead. Skipped, with the
 * reason in the title, where the interpreter is not installed (ESPRUINO_BIN, README).
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { espruinoMissing, realTierTitle, tierBinary } from "../../sim/espruino-real/interpreter.ts";
import { failureLine, loadScenario, runScenario } from "../../sim/scenario/runner.ts";

const here = import.meta.dirname;
const files = readdirSync(here).filter((f) => f.endsWith(".json")).sort();
const binary = tierBinary();

describe.skipIf(espruinoMissing(binary) !== undefined)(realTierTitle("scenarios on the real Espruino interpreter", binary), () => {
  for (const file of files) {
    const scenario = loadScenario(relative(process.cwd(), join(here, file)));
    it(`${file} holds on espruino-real: ${scenario.name}`, async () => {
      const failures = await runScenario(scenario, { runtime: "espruino-real", espruinoBinary: binary });
      expect(failures.map(failureLine)).toEqual([]);
    });
  }
});
