/**
 * `parcelbox-sim run FILE... [--runtime espruino|espruino-real|nodemcu|all] [--lua fengari|wasmoon|nodemcu|nodemcu-lfs]`: runs
 * scenario files (docs/scenarios.md) on the built firmware and prints one line per failed
 * expectation. Exit codes: 0 every expectation held; 1 at least one did not (or a step could not
 * run); 2 a wrong command line or a scenario file that is not valid (nothing was run).
 */
import { parseArgs } from "node:util";
import type { SimRuntimeName } from "../box.ts";
import { ESPRUINO_BINARIES, espruinoMissing, tierBinary, type EspruinoBinary } from "../espruino-real/interpreter.ts";
import { LUA_VM_KINDS, type LuaVmKind } from "../nodemcu/lua-vm.ts";
import { ScenarioError, type Scenario } from "./format.ts";
import { failureLine, loadScenario, runScenario } from "./runner.ts";

export const EXIT_PASSED = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const RUN_USAGE = `usage: parcelbox-sim run FILE... [--runtime espruino|espruino-real|nodemcu|all] [--lua fengari|wasmoon|nodemcu|nodemcu-lfs] [--verbose]

Runs each scenario file on the built firmware (make build first) on a virtual box and prints one
line per failed expectation: file, step number, runtime, what was expected and what was found.
  --runtime   espruino (default: the build in Node's vm with Espruino's API), espruino-real (the
              build in the real Espruino 2v29 interpreter, loaded from Storage; needs ESPRUINO_BIN
              or ../shared/tools/espruino), nodemcu, or all (every one of them that is installed)
  --espruino-binary  for espruino-real: espruino-debug (default, assertions on) or espruino-pico
              (a Pico's 5100 JsVars)
  --lua       the Lua VM for nodemcu: fengari (32-bit integers, default), wasmoon (64-bit),
              nodemcu (NodeMCU's own Lua: 32-bit integers and floats; needs luac.cross from
              NODEMCU_TOOLS or ../shared/tools/nodemcu) or nodemcu-lfs (the same with the code
              in an LFS image; needs qemu-i386)
  --verbose   print every step as it runs
Exit code 0 when every expectation holds, 1 when one does not, 2 for a bad command line or file.
The file format: docs/scenarios.md.`;

interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const processOutput: Output = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
};

/** The `run` command; returns the exit code. */
export async function runCommand(args: string[], io: Output = processOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        runtime: { type: "string", default: "espruino" },
        lua: { type: "string", default: "fengari" },
        "espruino-binary": { type: "string" },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${RUN_USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(RUN_USAGE);
    return EXIT_PASSED;
  }
  if (!["espruino", "espruino-real", "nodemcu", "all"].includes(values.runtime)) {
    io.err(`--runtime takes espruino, espruino-real, nodemcu or all, not ${values.runtime}\n${RUN_USAGE}`);
    return EXIT_USAGE;
  }
  const binaryOption = values["espruino-binary"];
  if (binaryOption !== undefined && !(ESPRUINO_BINARIES as readonly string[]).includes(binaryOption)) {
    io.err(`--espruino-binary takes ${ESPRUINO_BINARIES.join(" or ")}, not ${binaryOption}`);
    return EXIT_USAGE;
  }
  const espruinoBinary = (binaryOption ?? tierBinary()) as EspruinoBinary;
  const missing = espruinoMissing(espruinoBinary);
  let runtimes: SimRuntimeName[] = values.runtime === "all" ? ["espruino", "espruino-real", "nodemcu"] : [values.runtime as SimRuntimeName];
  if (missing && runtimes.includes("espruino-real")) {
    if (values.runtime === "espruino-real") {
      io.err(`the real Espruino interpreter is not installed: ${missing}`);
      return EXIT_USAGE;
    }
    io.err(`espruino-real left out: ${missing}`);
    runtimes = runtimes.filter((r) => r !== "espruino-real");
  }
  if (!(LUA_VM_KINDS as readonly string[]).includes(values.lua)) {
    io.err(`--lua takes ${LUA_VM_KINDS.join(", ")}, not ${values.lua}`);
    return EXIT_USAGE;
  }
  if (positionals.length === 0) {
    io.err(`name at least one scenario file\n${RUN_USAGE}`);
    return EXIT_USAGE;
  }
  // Every file is read and checked before any runs: a typo should not cost a long run first.
  const scenarios: Scenario[] = [];
  let invalid = false;
  for (const file of positionals) {
    try {
      scenarios.push(loadScenario(file));
    } catch (error) {
      invalid = true;
      if (error instanceof ScenarioError) for (const p of error.problems) io.out(`${file}: ${p}`);
      else io.out(`${file}: ${(error as Error).message}`);
    }
  }
  if (invalid) return EXIT_USAGE;

  let failed = 0;
  let runs = 0;
  for (const scenario of scenarios) {
    for (const runtime of runtimes) {
      runs++;
      const trace = values.verbose ? (step: { number: number; source: string }, note: string) => io.err(`  ${scenario.file} step ${step.number} ${step.source}: ${note}`) : undefined;
      const failures = await runScenario(scenario, { runtime, lua: values.lua as LuaVmKind, espruinoBinary, trace });
      for (const f of failures) io.out(failureLine(f));
      if (failures.length > 0) failed++;
      else if (values.verbose) io.err(`ok ${scenario.file} [${runtime === "nodemcu" ? `nodemcu/${values.lua}` : runtime}]`);
    }
  }
  io.err(`${runs - failed} of ${runs} scenario runs passed`);
  return failed === 0 ? EXIT_PASSED : EXIT_FAILED;
}
