/**
 * Every scenario in test/scenarios/*.json (the box's flows of issue 3, docs/scenarios.md) on the
 * built firmware of both runtimes: the Espruino file in its node:vm context, and the NodeMCU file
 * in fengari (32-bit integers, like NodeMCU) and wasmoon (64-bit). Needs `make build`.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { failureLine, loadScenario, runScenario, type RunOptions } from "../../sim/scenario/runner.ts";

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
