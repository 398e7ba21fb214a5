/**
 * The scenario runner itself (sim/scenario): the `parcelbox-sim run` command's exit codes and
 * failure lines, and the file checks that refuse what it does not understand.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runCommand } from "../../sim/scenario/cli.ts";
import { parseScenario, ScenarioError } from "../../sim/scenario/format.ts";
import { failureLine, runScenario, runScenarioFile } from "../../sim/scenario/runner.ts";
import { parseDuration, matches } from "../../sim/scenario/values.ts";

const FIXTURES = "test/scenarios/fixtures";
const box = { secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", time: "2026-11-28T09:00:00Z" };

function captured(): { io: { out: (l: string) => void; err: (l: string) => void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

function problemsOf(steps: unknown[]): string[] {
  try {
    parseScenario("x.json", JSON.stringify({ box, steps }));
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  return [];
}

describe("parcelbox-sim run", () => {
  it("exits 1 and prints file, step, expected and found for a failed expectation (the real command)", () => {
    const result = spawnSync(process.execPath, ["sim/bin/parcelbox-sim.mjs", "run", `${FIXTURES}/failing-expectation.json`, "--runtime", "espruino"], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([`${FIXTURES}/failing-expectation.json: step 3 [espruino]: expected lock unlocked, found lock locked`]);
  });

  it("exits 0 when every expectation holds", async () => {
    const c = captured();
    expect(await runCommand(["test/scenarios/forced-lid.json"], c.io)).toBe(0);
    expect(c.out).toEqual([]);
  });

  it("reports the failed expectation on the NodeMCU build too", async () => {
    const c = captured();
    expect(await runCommand([`${FIXTURES}/failing-expectation.json`, "--runtime", "nodemcu"], c.io)).toBe(1);
    expect(c.out).toEqual([`${FIXTURES}/failing-expectation.json: step 3 [nodemcu/fengari]: expected lock unlocked, found lock locked`]);
  });

  it("refuses an unknown step key with exit code 2 before running anything", async () => {
    const c = captured();
    expect(await runCommand([`${FIXTURES}/unknown-step-key.json`], c.io)).toBe(2);
    expect(c.out).toHaveLength(1);
    expect(c.out[0]).toMatch(/^test\/scenarios\/fixtures\/unknown-step-key\.json: step 2: unknown step key "lidd" \(known: keys, key-down, key-up, wait, lid,/);
  });

  it("refuses an unknown runtime", async () => {
    const c = captured();
    expect(await runCommand([`${FIXTURES}/failing-expectation.json`, "--runtime", "micropython"], c.io)).toBe(2);
    expect(c.err.join("\n")).toMatch(/--runtime takes espruino, espruino-real, nodemcu or all/);
  });

  it("stops a scenario at a step that cannot run, with a line saying why", async () => {
    const failures = await runScenarioFile(`${FIXTURES}/step-cannot-run.json`, { runtime: "espruino" });
    expect(failures.map(failureLine)).toEqual([
      `${FIXTURES}/step-cannot-run.json: step 2 [espruino]: expected the usb step to run, found the box has no power: a USB request would never be answered (the scenario stops here)`,
    ]);
  });
});

describe("the wakeups expectation", () => {
  it("counts the wake-ups since the last step as a box on its battery would (USB unplugged): one a day idle, on either build", async () => {
    const steps = [{ wait: "3d" }, { expect: { wakeups: 3 } }, { expect: { wakeups: "<=2" } }];
    for (const runtime of ["espruino", "nodemcu"] as const) {
      const failures = await runScenario(parseScenario("wake.json", JSON.stringify({ box, steps })), { runtime, lua: "wasmoon" });
      expect(failures.map(failureLine)).toEqual([`wake.json: step 3 [${runtime === "nodemcu" ? "nodemcu/wasmoon" : runtime}]: expected wakeups <=2, found 3 wake-ups`]);
    }
  });
});

describe("scenario file checks", () => {
  it("accepts the vocabulary of the issue", () => {
    const steps = [{ keys: "123456#" }, { wait: 1500 }, { lid: "open" }, { lid: "close" }, { power: "cycle" }, { usb: "HELLO" }, { expect: { lock: "unlocked" } }, { expect: { lock: "locked" } }];
    expect(problemsOf(steps)).toEqual([]);
  });

  it("names an unknown expectation and lists the known ones", () => {
    expect(problemsOf([{ expect: { lok: "locked" } }])[0]).toMatch(/^step 1: unknown expectation "lok" \(known: lock, lid,/);
  });

  it("refuses two actions in one step", () => {
    expect(problemsOf([{ keys: "1#", wait: 10 }])).toEqual(["step 1: one action per step, found keys, wait"]);
  });

  it("refuses a key that belongs to another kind of step", () => {
    expect(problemsOf([{ lid: "open", off: "5s" }])[0]).toMatch(/unknown key "off" in a "lid" step/);
  });

  it("refuses keys the keypad does not have", () => {
    expect(problemsOf([{ keys: "12a#" }])[0]).toMatch(/keypad keys/);
  });

  it("refuses a secret that is not 20 bytes of base32", () => {
    expect(() => parseScenario("x.json", JSON.stringify({ box: { ...box, secret: "GEZDGNBV" }, steps: [] }))).toThrow(/20-byte master secret/);
  });

  it("refuses an unknown setting", () => {
    expect(() => parseScenario("x.json", JSON.stringify({ box: { ...box, settings: { pulse: 100 } }, steps: [] }))).toThrow(/unknown setting "pulse"/);
  });

  it("refuses a log event kind the firmware does not name, when the file is read", () => {
    expect(problemsOf([{ expect: { log: { last: "opened" } } }])[0]).toMatch(/no event kind "opened" \(known: power-up, open, wrong-code,/);
    expect(problemsOf([{ expect: { log: { count: "*", is: 3 } } }])).toEqual([]);
  });
});

describe("scenario values", () => {
  it("reads durations in ms, s, m, h and d", () => {
    expect([parseDuration(1500), parseDuration("30s"), parseDuration("5m"), parseDuration("2h"), parseDuration("3d")]).toEqual([1500, 30_000, 300_000, 7_200_000, 259_200_000]);
  });

  it("refuses a duration without a number", () => {
    expect(parseDuration("soon")).toBeUndefined();
  });

  it("compares numbers and times", () => {
    expect(matches("<=5000", 5000)).toBe(true);
    expect(matches("<=5000", 5001)).toBe(false);
    expect(matches(">=2026-11-28T09:00:00Z", 1795856399)).toBe(false);
    expect(matches("/^D-/", "D-60551-24-0")).toBe(true);
  });
});
