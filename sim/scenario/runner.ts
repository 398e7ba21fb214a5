/**
 * Runs a scenario (./format.ts) on a simulated box (../box.ts): the real built firmware of one
 * runtime on the virtual board, provisioned through its own USB protocol, driven step by step in
 * virtual time. Returns one failure per expectation that did not hold; a step that cannot be
 * carried out (the box does not answer, an unknown variable) ends the run with a failure too.
 */
import { readFileSync } from "node:fs";
import { batteryLevels } from "../../firmware/boards/profiles.ts";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import { DS3231_ADDRESS } from "../state/ds3231.ts";
import { PowerMeter } from "../energy/meter.ts";
import { chipSleepOf } from "../energy/probes.ts";
import { buildOf, SimBox, type SimRuntimeName } from "../box.ts";
import type { EspruinoBinary } from "../espruino-real/interpreter.ts";
import type { Esp32Console } from "../nodemcu/loader.ts";
import type { LuaVmKind } from "../nodemcu/lua-vm.ts";
import { BoxReader } from "./box-reads.ts";
import { checkAll } from "./expectations.ts";
import { parseScenario, type Action, type Fault, type Scenario, type Step } from "./format.ts";
import { parseTime } from "./values.ts";
import { StepError, Variables } from "./variables.ts";

export interface RunOptions {
  runtime: SimRuntimeName;
  lua?: LuaVmKind;
  /** ESP32 NodeMCU only: whose the USB console is (sim/nodemcu/loader.ts). */
  esp32Console?: Esp32Console;
  /** espruino-real: which interpreter build (default $ESPRUINO_REAL_BINARY, else espruino-debug). */
  espruinoBinary?: EspruinoBinary;
  /** Called with each step before it runs and a note of what it did (for --verbose). */
  trace?: (step: Step, note: string) => void;
}

export interface ScenarioFailure {
  file: string;
  /** Step number (1-based); "box" for starting the box, "end" for what is checked after the last step. */
  step: number | "box" | "end";
  runtime: string;
  expected: string;
  found: string;
}

/** "file: step 7 [espruino]: expected lock unlocked, found lock locked" */
export function failureLine(f: ScenarioFailure): string {
  return `${f.file}: ${typeof f.step === "number" ? `step ${f.step}` : f.step} [${f.runtime}]: expected ${f.expected}, found ${f.found}`;
}

/** Time for the firmware to see a contact change (its pin watches debounce) before the next step. */
const SETTLE_MS = 100;
/**
 * The "heap-fragmented" fault on the real interpreter: fills the free JsVars with two arrays of
 * integers (one JsVar an entry, allocated in turn, so the two interleave) and lets one go. What is
 * left free is single JsVars with a held one between each two: no flat string (a run of
 * contiguous JsVars, which a native digest's result needs) can be made, with hundreds free.
 * The held array stays (global.heapFiller) until something moves memory together (E.defrag).
 * Answers how many JsVars were free before.
 */
const HEAP_FRAGMENTER = `(function () {
  var a = [], b = [], free = process.memory().free, f;
  while ((f = process.memory().free) > 40) { a.push(0); b.push(0); }
  for (var k = 0; k < f - 6; k++) (k & 1 ? b : a).push(0);
  global.heapFiller = a;
  return free;
})()`;
const PULSE_MS = 500;

export function loadScenario(file: string): Scenario {
  return parseScenario(file, readFileSync(file, "utf8"));
}

export async function runScenarioFile(file: string, options: RunOptions): Promise<ScenarioFailure[]> {
  return runScenario(loadScenario(file), options);
}

export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioFailure[]> {
  const run = new ScenarioRun(scenario, options);
  try {
    return await run.run();
  } finally {
    run.close();
  }
}

class ScenarioRun {
  private box: SimBox | undefined;
  private readonly failures: ScenarioFailure[] = [];
  private readonly vars: Variables;
  private lastUsb: string[] | undefined;
  private markMs = 0;
  /** Counts wake-ups for the "wakeups" expectation; its count at markMs. */
  private meter: PowerMeter | undefined;
  private wakeUpsAtMark = 0;
  private readonly runtimeLabel: string;

  constructor(
    private readonly scenario: Scenario,
    private readonly options: RunOptions,
  ) {
    this.vars = new Variables(scenario.box.secret);
    this.runtimeLabel = options.runtime === "nodemcu" ? `nodemcu/${options.lua ?? "fengari"}` : options.runtime;
  }

  private fail(step: ScenarioFailure["step"], expected: string, found: string): void {
    this.failures.push({ file: this.scenario.file, step, runtime: this.runtimeLabel, expected, found });
  }

  private get sim(): SimBox {
    return this.box as SimBox;
  }

  /** The scenario's wall clock: the start time plus virtual time elapsed (the DS3231 keeps it too). */
  private nowUnix(): number {
    return this.scenario.box.unixTime + this.sim.board.scheduler.nowMs / 1000;
  }

  async run(): Promise<ScenarioFailure[]> {
    const spec = this.scenario.box;
    this.box = await SimBox.start({
      runtime: this.options.runtime,
      lua: this.options.lua,
      esp32Console: this.options.esp32Console,
      profile: spec.profile[buildOf(this.options.runtime)],
      ds3231: spec.ds3231,
      unixTime: spec.unixTime,
      seed: spec.seed,
      espruinoBinary: this.options.espruinoBinary,
    });
    const reader = new BoxReader(this.sim, spec.secret);
    // An ESP32 on NodeMCU sleeps when its firmware says so; Espruino's rule judges the others.
    const sleeps = this.options.runtime === "nodemcu" && this.sim.board.profile.name === "esp32-nodemcu";
    this.meter = new PowerMeter(this.sim.board, sleeps ? { chipSleep: chipSleepOf(this.sim) } : { asOnBattery: true });
    const [low, critical] = this.batteryLevels();
    this.vars.set("batteryLow", String(low));
    this.vars.set("batteryCritical", String(critical));
    try {
      if (spec.provisioned) this.sim.provision(spec.secret, Math.floor(this.nowUnix()), spec.settings);
    } catch (error) {
      const errors = this.sim.errors();
      this.fail("box", "the box to take PROVISION", (error as Error).message + (errors.length ? `; firmware errors: ${errors.join(" | ")}` : ""));
      return this.failures;
    }
    for (const step of this.scenario.steps) {
      try {
        if (step.action.kind === "expect") {
          for (const f of checkAll(step.action.checks, { box: this.sim, reader, markMs: this.markMs, wakeUps: () => (this.meter as PowerMeter).read().wakeUps - this.wakeUpsAtMark, lastUsb: this.lastUsb, expand: (t) => this.vars.expand(t, this.nowUnix()) })) this.fail(step.number, f.expected, f.found);
          this.options.trace?.(step, "checked");
        } else {
          this.markMs = this.sim.board.scheduler.nowMs;
          this.wakeUpsAtMark = (this.meter as PowerMeter).read().wakeUps;
          const note = this.act(step.action);
          this.options.trace?.(step, note);
        }
      } catch (error) {
        // Any failure to act (StepError or the simulator's own) ends this scenario, with a line.
        const message = error instanceof Error ? error.message : String(error);
        this.fail(step.number, `the ${step.action.kind} step to run`, `${message} (the scenario stops here)`);
        return this.failures;
      }
    }
    const errors = this.sim.errors();
    if (errors.length > 0) this.fail("end", "no firmware errors", `${errors.length}: ${errors.join(" | ")}`);
    return this.failures;
  }

  /** Carries out one step; returns a note of what happened. */
  private act(action: Exclude<Action, { kind: "expect" }>): string {
    const box = this.sim;
    const board = box.board;
    switch (action.kind) {
      case "keys": {
        const keys = this.vars.expand(action.keys, this.nowUnix());
        if (!/^[0-9*#]*$/.test(keys)) throw new StepError(`"${keys}" holds characters the keypad does not have`);
        box.type(keys);
        return keys;
      }
      case "wait":
        box.advance(action.ms);
        return `${action.ms} ms`;
      case "lid":
        if (action.action === "open") board.lid.open();
        else board.lid.close();
        box.advance(SETTLE_MS);
        return action.action;
      case "power":
        if (action.action === "cycle") box.powerCycle(action.offMs);
        else if (action.action === "off") board.powerOff("scenario: power off");
        else {
          board.powerOn();
          box.advance(10);
        }
        return action.action;
      case "usb":
        this.lastUsb = this.needPower(() => box.request(`${box.requestId()} ${this.vars.expand(action.line, this.nowUnix())}`));
        return this.lastUsb.join(" | ");
      case "usb-auth":
        this.lastUsb = this.needPower(() => box.authenticated(this.scenario.box.secret, this.vars.expand(action.line, this.nowUnix())));
        return this.lastUsb.join(" | ");
      case "usb-raw": {
        board.usb.takeOutput();
        board.usb.send(this.vars.expand(action.text, this.nowUnix()));
        box.advance(action.withinMs);
        this.lastUsb = board.usb.takeOutput().split(/\r?\n/).filter((l) => l.length > 0);
        return this.lastUsb.join(" | ");
      }
      case "code":
        return this.vars.makeCode(action.code, this.nowUnix(), this.scenario.box.settings.zoneOffsetHours ?? 0);
      case "totp":
        return this.vars.makeTotp(action.totp, this.nowUnix());
      case "fault":
        return this.fault(action.fault);
      case "home":
        if (action.action === "close" || action.action === "pulse") board.homeOpen.close();
        if (action.action === "pulse") box.advance(PULSE_MS);
        if (action.action === "open" || action.action === "pulse") board.homeOpen.open();
        box.advance(SETTLE_MS);
        return action.action;
      case "key-down":
      case "key-up":
        if (action.kind === "key-down") board.keypad.press(action.key);
        else board.keypad.release(action.key);
        box.advance(SETTLE_MS);
        return action.key;
      case "battery": {
        const [low, critical] = this.batteryLevels();
        const mv = action.to.mv + (action.to.from === "low" ? low : action.to.from === "critical" ? critical : 0);
        board.battery.ramp(mv, action.overMs);
        return action.overMs > 0 ? `the pack goes to ${mv} mV over ${action.overMs} ms` : `the pack reads ${mv} mV`;
      }
      case "service":
        if (action.action === "press" || action.action === "pulse") board.serviceButton.press();
        if (action.action === "pulse") box.advance(PULSE_MS);
        if (action.action === "release" || action.action === "pulse") board.serviceButton.release();
        box.advance(SETTLE_MS);
        return action.action;
    }
  }

  /** [low, critical] mV for the box's board and its cells setting, as the firmware has them. */
  private batteryLevels(): number[] {
    return batteryLevels(this.sim.board.profile, this.scenario.box.settings.cells ?? 0);
  }

  private needPower(request: () => string[]): string[] {
    if (!this.sim.board.powered) throw new StepError("the box has no power: a USB request would never be answered");
    return request();
  }

  private fault(fault: Fault): string {
    const board = this.sim.board;
    if (fault.fault === "flash-power-cut") {
      board.flash.cutPowerAt(fault.nth, fault.keep);
      return `power goes at flash operation ${fault.nth} from now, keeping ${fault.keep} bytes of it`;
    }
    if (fault.fault === "heap-fragmented") {
      const real = this.sim.espruinoReal;
      if (!real) return "no JsVar heap on this runtime: nothing to fragment";
      return `the interpreter's free JsVars cut into single ones (${real.evaluate(HEAP_FRAGMENTER)} were free)`;
    }
    const chip = board.ds3231;
    if (!chip) throw new StepError(`${fault.fault}: this box has no DS3231 (box "ds3231": false)`);
    switch (fault.fault) {
      case "ds3231-removed":
        board.i2c.detach(DS3231_ADDRESS);
        return "DS3231 gone from the bus";
      case "ds3231-refitted":
        board.i2c.attach(DS3231_ADDRESS, chip);
        return "DS3231 back on the bus";
      case "ds3231-reset":
        // A dead coin cell: the chip restarts at 2000-01-01 with its oscillator-stop flag up.
        chip.setUnixSeconds(946684800);
        chip.write([0x0f, 0x80]);
        return "DS3231 lost its time";
      case "ds3231-set": {
        const unix = parseTime(fault.time, this.nowUnix()) as number;
        chip.setUnixSeconds(unix);
        return `DS3231 set to box second ${unix - BOX_EPOCH_UNIX}`;
      }
      case "ds3231-drift":
        chip.driftPpm = fault.ppm;
        return `DS3231 drifts ${fault.ppm} ppm`;
    }
  }

  close(): void {
    this.meter?.close();
    this.box?.close();
  }
}
