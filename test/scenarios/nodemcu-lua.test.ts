/**
 * Every scenario in test/scenarios/*.json on NodeMCU's own Lua (luac.cross: 32-bit integers and
 * 32-bit floats, the numbers of the device), with the NodeMCU modules bridged to the virtual
 * board (sim/nodemcu/real), on the ESP32 profile and, like scenarios.test.ts, a selection on the
 * ESP8266 one. Skipped, with the reason in the suite's name, where the tools are not found.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeMcuLuaMissing } from "../../sim/nodemcu/real/tools.ts";
import { failureLine, loadScenario, runScenario } from "../../sim/scenario/runner.ts";
import { skippedUnless } from "../setup/skipped.ts";
import { ESP8266_SCENARIOS } from "./esp8266-selection.ts";

const here = import.meta.dirname;
const files = readdirSync(here).filter((f) => f.endsWith(".json")).sort();
const missing = nodeMcuLuaMissing();

describe.skipIf(missing !== undefined)(`scenarios on NodeMCU's own Lua${skippedUnless(missing === undefined, missing?.why ?? "", missing?.how ?? "")}`, () => {
  for (const file of files) {
    const scenario = loadScenario(relative(process.cwd(), join(here, file)));
    it(`${file} holds on nodemcu (NodeMCU's Lua)`, async () => {
      const failures = await runScenario(scenario, { runtime: "nodemcu", lua: "nodemcu" });
      expect(failures.map(failureLine)).toEqual([]);
    });
  }
  for (const file of ESP8266_SCENARIOS) {
    const scenario = loadScenario(relative(process.cwd(), join(here, file)));
    const onEsp8266 = { ...scenario, box: { ...scenario.box, profile: { espruino: undefined, nodemcu: "esp8266-nodemcu" } } };
    it(`${file} holds on nodemcu (NodeMCU's Lua) on esp8266-nodemcu`, async () => {
      const failures = await runScenario(onEsp8266, { runtime: "nodemcu", lua: "nodemcu" });
      expect(failures.map(failureLine)).toEqual([]);
    });
  }
});
