/**
 * Every scenario in test/scenarios/*.json (the box's flows of issue 3, docs/scenarios.md) on the
 * built firmware of both runtimes: the Espruino file in its node:vm context, and the NodeMCU file
 * in fengari (32-bit integers, like NodeMCU) and wasmoon (64-bit). Needs `make build`.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { failureLine, loadScenario, runScenario, type RunOptions } from "../../sim/scenario/runner.ts";
import { ESP8266_SCENARIOS } from "./esp8266-selection.ts";

const here = import.meta.dirname;
const files = readdirSync(here).filter((f) => f.endsWith(".json")).sort();

const runtimes: { label: string; options: RunOptions }[] = [
  { label: "espruino", options: { runtime: "espruino" } },
  { label: "nodemcu (fengari)", options: { runtime: "nodemcu", lua: "fengari" } },
  { label: "nodemcu (wasmoon)", options: { runtime: "nodemcu", lua: "wasmoon" } },
];

it("finds the scenarios of the box's flows", () => {
  expect(files.length).toBeGreaterThanOrEqual(15);
});

for (const file of files) {
  const scenario = loadScenario(relative(process.cwd(), join(here, file)));
  describe(`${file}: ${scenario.name}`, () => {
    for (const { label, options } of runtimes) {
      it(`holds on ${label}`, async () => {
        const failures = await runScenario(scenario, options);
        expect(failures.map(failureLine)).toEqual([]);
      });
    }
  });
}

describe("scenarios on the esp8266-nodemcu profile", () => {
  for (const file of ESP8266_SCENARIOS) {
    const scenario = loadScenario(relative(process.cwd(), join(here, file)));
    const onEsp8266 = { ...scenario, box: { ...scenario.box, profile: { espruino: undefined, nodemcu: "esp8266-nodemcu" } } };
    for (const lua of ["fengari", "wasmoon"] as const) {
      it(`${file} holds on nodemcu (${lua}) on esp8266-nodemcu`, async () => {
        const failures = await runScenario(onEsp8266, { runtime: "nodemcu", lua });
        expect(failures.map(failureLine)).toEqual([]);
      });
    }
  }
});
