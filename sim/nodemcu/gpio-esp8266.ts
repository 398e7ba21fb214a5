/**
 * NodeMCU's gpio module, ESP8266 flavour, on the board's pins. Pins are the dev kit's D indexes
 * (D5 is 5, whatever GPIO sits behind it: docs/boards.md has the table), as NodeMCU's API takes
 * them.
 * - gpio.mode(pin, INPUT | OUTPUT | INT | OPENDRAIN, PULLUP | FLOAT) onto the pin modes of
 *   sim/state/pins.ts. D0 (GPIO16) has no pull-up and no interrupt.
 * - gpio.trig(pin, "up" | "down" | "both" | "none", cb(level, when, eventcount)) fires only for a
 *   pin in INT mode (the device sets the pin's interrupt up in gpio.mode). The interrupt posts one
 *   task; further edges before it has run are counted into its eventcount, and `level` and `when`
 *   (tmr.now() microseconds) are those of the first edge, as the device reports them.
 * - gpio.serout(pin, start, delays_us, cycles, callback): with a callback the sequence runs on the
 *   "hardware timer" (host tasks, in virtual microseconds), not in Lua, and survives a stalled
 *   Lua; the callback is queued when it ends. A new call replaces a running sequence. Without a
 *   callback the device busy-waits (meant for under 15 ms): here every step happens at once.
 * Level triggers ("low", "high") are not emulated.
 */
import type { PinMode } from "../state/pins.ts";
import { intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";
import { tmrNowUs } from "./tmr.ts";

const INPUT = 0;
const OUTPUT = 1;
const INT = 2;
const OPENDRAIN = 3;
const PULLUP = 1;
const EDGES = ["up", "down", "both"];

function pinMode(pin: number, mode: number, pull: number): PinMode {
  // D0 is GPIO16, on the RTC block: it has a pull-down only, which NodeMCU does not offer.
  const pullUp = pull === PULLUP && pin !== 0;
  if (mode === OUTPUT) return "output";
  if (mode === OPENDRAIN) return pullUp ? "opendrain_pullup" : "opendrain";
  if (mode === INPUT || mode === INT) return pullUp ? "input_pullup" : "input";
  throw new Error(`bad argument #2 to 'mode' (wrong arg type: ${mode})`);
}

interface Serout {
  pin: string;
  level: 0 | 1;
  delays: number[];
  index: number;
  repeats: number;
  done: number;
  task: number | undefined;
}

export function installGpioEsp8266(boot: NodeMcuBoot): void {
  const pins = boot.board.pins;
  const interruptPins = new Set<string>();
  const triggers = new Map<string, { edge: string; callback: number }>();
  /** Posted interrupts not yet run, per pin: later edges only add to their count. */
  const posted = new Map<string, { count: number }>();
  const last = new Map<string, 0 | 1>();
  for (const name of pins.names()) last.set(name, pins.read(name));
  let serout: Serout | undefined;

  boot.onEnd(
    pins.onChange((name, level) => {
      const was = last.get(name);
      const now = level === 1 ? 1 : 0;
      last.set(name, now);
      const trigger = triggers.get(name);
      if (trigger === undefined || was === now || !boot.alive || !interruptPins.has(name)) return;
      const wanted = trigger.edge === "both" || (trigger.edge === "up" && now === 1) || (trigger.edge === "down" && now === 0);
      if (!wanted) return;
      const already = posted.get(name);
      if (already) {
        already.count++;
        return;
      }
      const event = { count: 1 };
      posted.set(name, event);
      const when = tmrNowUs(boot);
      boot.queueTask(0, () => {
        posted.delete(name);
        const current = triggers.get(name);
        if (current) boot.runNow("gpio", current.callback, now, when, event.count);
      });
    }),
  );

  const seroutStep = (s: Serout): void => {
    if (serout !== s) return;
    if (s.index < s.delays.length) {
      pins.write(s.pin, s.level);
      s.level = s.level === 1 ? 0 : 1;
      const delayUs = s.delays[s.index++];
      if (s.repeats > 0 && s.index >= s.delays.length) {
        s.index = 0;
        s.repeats--;
      }
      s.task = boot.queueTask(delayUs / 1000, () => seroutStep(s));
      return;
    }
    serout = undefined;
    if (s.done !== 0) boot.queueTask(0, () => boot.runOnce("gpio", s.done));
  };

  boot.register("__host_gpio_mode", (pin, mode, pull) => {
    const n = intArg(pin, "gpio.mode");
    const name = boot.pin(n);
    const m = intArg(mode, "gpio.mode");
    if (m === INT && n === 0) throw new Error("gpio.mode: no interrupt on D0 (GPIO16)");
    pins.setMode(name, pinMode(n, m, intArg(pull, "gpio.mode")));
    if (m === INT) interruptPins.add(name);
    else interruptPins.delete(name);
    return undefined;
  });
  boot.register("__host_gpio_read", (pin) => pins.read(boot.pin(pin)));
  boot.register("__host_gpio_write", (pin, level) => {
    pins.write(boot.pin(pin), level === "1" ? 1 : 0);
    return undefined;
  });
  boot.register("__host_gpio_trig", (pin, edge, callback) => {
    const n = intArg(pin, "gpio.trig");
    const name = boot.pin(n);
    if (n === 0) throw new Error("bad argument #1 to 'trig' (Invalid interrupt pin)");
    if (edge === "none") triggers.delete(name);
    else if (EDGES.includes(edge)) triggers.set(name, { edge, callback: intArg(callback, "gpio.trig") });
    else if (edge === "low" || edge === "high") throw new Error(`gpio.trig: level triggers ("${edge}") are not emulated`);
    else throw new Error(`bad argument #2 to 'trig' (invalid option '${edge}')`);
    return undefined;
  });
  boot.register("__host_gpio_serout", (pin, start, delayList, cycles, done, async) => {
    const name = boot.pin(intArg(pin, "gpio.serout"));
    const level = intArg(start, "gpio.serout");
    if (level !== 0 && level !== 1) throw new Error("bad argument #2 to 'serout' (Wrong level type)");
    const delays = delayList === "" ? [] : delayList.split(",").map((d) => intArg(d, "gpio.serout"));
    if (delays.some((d) => d < 0)) throw new Error("bad argument #3 to 'serout' (Invalid delay_times)");
    // GPIO_OUTPUT_SET enables the pin's output driver, whatever mode it was in.
    if (pins.mode(name) !== "output" && !pins.mode(name).startsWith("opendrain")) pins.setMode(name, "output");
    if (serout?.task !== undefined) boot.board.scheduler.cancel(serout.task);
    serout = undefined;
    const s: Serout = { pin: name, level: level as 0 | 1, delays, index: 0, repeats: Math.max(1, intArg(cycles, "gpio.serout")) - 1, done: intArg(done, "gpio.serout"), task: undefined };
    if (async === "1") {
      serout = s;
      seroutStep(s);
      return undefined;
    }
    // The busy-waiting form: every step at once, the pin left as the sequence leaves it.
    do {
      for (let i = 0; i < delays.length; i++) {
        pins.write(name, s.level);
        s.level = s.level === 1 ? 0 : 1;
      }
    } while (s.repeats-- > 0);
    return undefined;
  });
  boot.vm.run(luaModuleSource("gpio-esp8266"), "gpio.lua");
}
