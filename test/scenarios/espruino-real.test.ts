/**
 * Every scenario in test/scenarios on the real Espruino 2v29 interpreter (runtime espruino-real,
 * sim/espruino-real): build/espruino/parcelbox.js loaded from Storage as a Pico loads .bootcde,
 * on the same virtual board as the node:vm runtime, in virtual time. Runs on espruino-debug, so an
 * interpreter assertion fails the scenario ("no firmware errors" at its end);
 * ESPRUINO_REAL_BINARY=espruino-pico runs it with a Pico's 5100 JsVars instead. Skipped, with the
 * reason in the title, where the interpreter is not installed (ESPRUINO_BIN, README).
 *
 * Time: today each key of a code computes up to 40 HMACs, about a second a key in this
 * interpreter from Storage, so every file takes 4-7 minutes on this 2-core machine. `make test`
 * runs QUICK (the bridge's every feature: boot, power cut at a flash write, a delivery with its
 * signal, USB, DS3231, lid, home input, service button; about a minute) and names the others as
 * skipped; ESPRUINO_REAL_SCENARIOS=all runs every file. Once a key costs milliseconds (issue 11),
 * every file fits, and QUICK should go.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { espruinoMissing, tierBinary } from "../../sim/espruino-real/interpreter.ts";
import { realTierTitle } from "../espruino-real/tier.ts";
import { skippedUnless } from "../setup/skipped.ts";
import { runCommand } from "../../sim/scenario/cli.ts";
import { failureLine, loadScenario, runScenario } from "../../sim/scenario/runner.ts";

const here = import.meta.dirname;
const files = readdirSync(here).filter((f) => f.endsWith(".json")).sort();
const binary = tierBinary();
const QUICK = ["clock-never-backwards.json", "delivery-signal.json", "ds3231-reset.json", "flash-power-cut.json", "forced-lid.json", "home-input.json", "service-mode.json", "usb-garbage.json"];
const all = process.env.ESPRUINO_REAL_SCENARIOS === "all";
const SLOW = skippedUnless(false, "minutes on the real interpreter while a key costs up to 40 HMACs", "ESPRUINO_REAL_SCENARIOS=all npx vitest run test/scenarios/espruino-real.test.ts");

describe.skipIf(espruinoMissing(binary) !== undefined)(realTierTitle("scenarios on the real Espruino interpreter", binary), () => {
  it("parcelbox-sim run --runtime espruino-real reports a step that cannot run, naming the runtime", async () => {
    const out: string[] = [];
    const code = await runCommand(["test/scenarios/fixtures/step-cannot-run.json", "--runtime", "espruino-real", "--espruino-binary", binary], { out: (l) => out.push(l), err: () => undefined });
    expect(code).toBe(1);
    expect(out).toEqual([
      "test/scenarios/fixtures/step-cannot-run.json: step 2 [espruino-real]: expected the usb step to run, found the box has no power: a USB request would never be answered (the scenario stops here)",
    ]);
  });

  it("QUICK names scenario files that exist", () => {
    expect(QUICK.filter((f) => !files.includes(f))).toEqual([]);
  });

  for (const file of files) {
    const scenario = loadScenario(relative(process.cwd(), join(here, file)));
    const quick = all || QUICK.includes(file);
    it.skipIf(!quick)(`${file} holds on espruino-real: ${scenario.name}${quick ? "" : SLOW}`, async () => {
      const failures = await runScenario(scenario, { runtime: "espruino-real", espruinoBinary: binary });
      expect(failures.map(failureLine)).toEqual([]);
    });
  }
});
