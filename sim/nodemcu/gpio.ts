/**
 * NodeMCU's gpio module (ESP32 flavour) on the board's pins. gpio.config maps onto the pin modes
 * of sim/state/pins.ts; GPIO34-39 are input-only and have no internal pulls, as on the chip.
 * A trigger queues its callback(pin, level) on the task queue when the level changes the right
 * way: the callback never runs inside the pin change that caused it (as on the device, where the
 * interrupt only posts a task).
 */
import type { Level, PinMode } from "../state/pins.ts";
import { intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";

const IN = 1;
/** gpio.pull bits as NodeMCU's gpio.c has them (FLOATING is 0, PULL_UP_DOWN both bits). */
const PULL_UP = 1;
const PULL_DOWN = 2;
const INTR_NONE = 0;
const INTR_UP = 1;
const INTR_DOWN = 2;
const INTR_UP_DOWN = 3;

function inputOnly(gpio: number): boolean {
  return gpio >= 34 && gpio <= 39;
}

function pinMode(gpio: number, dir: number, pull: number, openDrain: boolean): PinMode {
  if (dir === IN) {
    if (inputOnly(gpio)) return "input";
    if ((pull & PULL_UP) !== 0) return "input_pullup";
    if ((pull & PULL_DOWN) !== 0) return "input_pulldown";
    return "input";
  }
  if (inputOnly(gpio)) throw new Error(`gpio.config: GPIO${gpio} is input-only`);
  if (openDrain) return (pull & PULL_UP) !== 0 ? "opendrain_pullup" : "opendrain";
  return "output";
}

const bit = (level: Level): 0 | 1 => (level === 1 ? 1 : 0);

export function installGpio(boot: NodeMcuBoot): void {
  const pins = boot.board.pins;
  const triggers = new Map<string, { kind: number; callback: number }>();
  const last = new Map<string, 0 | 1>();
  for (const name of pins.names()) last.set(name, pins.read(name));

  boot.onEnd(
    pins.onChange((name, level) => {
      const was = last.get(name);
      const now = bit(level);
      last.set(name, now);
      const trigger = triggers.get(name);
      if (trigger === undefined || was === now || !boot.alive) return;
      const wanted = trigger.kind === INTR_UP_DOWN || (trigger.kind === INTR_UP && now === 1) || (trigger.kind === INTR_DOWN && now === 0);
      if (wanted) boot.queue(0, "gpio", trigger.callback, boot.gpioOf(name) ?? -1, now);
    }),
  );

  boot.register("__host_gpio_config", (gpio, dir, pull, openDrain) => {
    const n = intArg(gpio, "gpio.config");
    pins.setMode(boot.pin(n), pinMode(n, intArg(dir, "gpio.config"), intArg(pull, "gpio.config"), openDrain === "1"));
    return undefined;
  });
  boot.register("__host_gpio_read", (gpio) => pins.read(boot.pin(gpio)));
  boot.register("__host_gpio_write", (gpio, level) => {
    pins.write(boot.pin(gpio), level === "1" ? 1 : 0);
    return undefined;
  });
  boot.register("__host_gpio_trig", (gpio, kind, callback) => {
    const name = boot.pin(gpio);
    const k = intArg(kind, "gpio.trig");
    if (k === INTR_NONE) triggers.delete(name);
    else if (k === INTR_UP || k === INTR_DOWN || k === INTR_UP_DOWN) triggers.set(name, { kind: k, callback: intArg(callback, "gpio.trig") });
    else throw new Error(`gpio.trig: level triggers (${k}) are not emulated`);
    return undefined;
  });
  boot.vm.run(luaModuleSource("gpio"), "gpio.lua");
}

