/**
 * NodeMCU's gpio module (ESP32 flavour) on the board's pins. gpio.config maps onto the pin modes
 * of sim/state/pins.ts; GPIO34-39 are input-only and have no internal pulls, as on the chip.
 * A trigger queues its callback(pin, level) on the task queue when the level changes the right
 * way: the callback never runs inside the pin change that caused it (as on the device, where the
 * interrupt only posts a task).
 *
 * Level triggers (INTR_LOW, INTR_HIGH) behave as gpio.c makes them: the interrupt disables itself
 * when it fires, the task calls the pin's callback of that moment and enables it again, so a level
 * that persists fires again after every callback. gpio.wakeup(pin, INTR_LOW | INTR_HIGH) sets the
 * pin's interrupt type to that level (ESP-IDF's gpio_wakeup_enable overrides what gpio.trig set)
 * and marks the pin as a light-sleep wake source; gpio.wakeup(pin, INTR_NONE) clears the mark only,
 * the level type stays until gpio.trig sets another. While the chip is in light sleep (./sleep.ts)
 * no interrupt runs: edges are not seen, and a wake pin at its level wakes the chip when
 * node.sleep was given gpio = true; a level still present at the wake-up fires after it.
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
const INTR_LOW = 4;
const INTR_HIGH = 5;
/** A level interrupt enabled again by its task while the level is still there fires again after this. */
const LEVEL_REFIRE_MS = 1;

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
const isLevelType = (kind: number): boolean => kind === INTR_LOW || kind === INTR_HIGH;
const levelOf = (kind: number): 0 | 1 => (kind === INTR_HIGH ? 1 : 0);

/** One pin's interrupt as the chip holds it. */
interface PinInterrupt {
  kind: number;
  /** Lua registry id of the callback; 0 when gpio.trig set none. */
  callback: number;
  /** A level interrupt disables itself until its task has run (gpio.c's single_pin_isr). */
  enabled: boolean;
  /** gpio.wakeup marked the pin as a light-sleep wake source. */
  wake: boolean;
}

/** What light sleep (./sleep.ts) needs of the gpio module. */
export interface GpioWake {
  /** Whether a wake pin is at its wake level now. */
  wakeLevelPresent(): boolean;
  /** After a wake-up: level interrupts whose level is present fire. */
  afterWake(): void;
}

export function installGpio(boot: NodeMcuBoot): GpioWake {
  const pins = boot.board.pins;
  const interrupts = new Map<string, PinInterrupt>();
  const last = new Map<string, 0 | 1>();
  for (const name of pins.names()) last.set(name, pins.read(name));

  const atWakeLevel = (name: string, irq: PinInterrupt): boolean => irq.wake && isLevelType(irq.kind) && bit(pins.read(name)) === levelOf(irq.kind);

  /** Fires a level interrupt if it is enabled and its level is present. */
  const checkLevel = (name: string, delayMs: number): void => {
    const irq = interrupts.get(name);
    if (irq === undefined || !isLevelType(irq.kind) || irq.callback === 0 || !irq.enabled || boot.sleeping) return;
    const level = bit(pins.read(name));
    if (level !== levelOf(irq.kind)) return;
    irq.enabled = false;
    boot.queueTask(delayMs, () => {
      // The task calls the pin's callback as it is when the task runs, as gpio.c does.
      const now = interrupts.get(name);
      if (now === undefined || now.callback === 0) return;
      boot.runNow("gpio", now.callback, boot.gpioOf(name) ?? -1, level);
      now.enabled = true;
      checkLevel(name, LEVEL_REFIRE_MS);
    });
  };

  boot.onEnd(
    pins.onChange((name, level) => {
      const was = last.get(name);
      const now = bit(level);
      last.set(name, now);
      const irq = interrupts.get(name);
      if (irq === undefined || was === now || !boot.alive) return;
      if (boot.sleeping) {
        if (atWakeLevel(name, irq)) boot.sleep?.gpioLevel();
        return;
      }
      if (isLevelType(irq.kind)) {
        checkLevel(name, 0);
        return;
      }
      if (irq.callback === 0) return;
      const wanted = irq.kind === INTR_UP_DOWN || (irq.kind === INTR_UP && now === 1) || (irq.kind === INTR_DOWN && now === 0);
      if (wanted) boot.queue(0, "gpio", irq.callback, boot.gpioOf(name) ?? -1, now);
    }),
  );

  const interruptOf = (name: string): PinInterrupt => {
    let irq = interrupts.get(name);
    if (irq === undefined) {
      irq = { kind: INTR_NONE, callback: 0, enabled: true, wake: false };
      interrupts.set(name, irq);
    }
    return irq;
  };

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
    if (k < INTR_NONE || k > INTR_HIGH) throw new Error("invalid argument");
    const irq = interruptOf(name);
    irq.kind = k;
    irq.callback = k === INTR_NONE ? 0 : intArg(callback, "gpio.trig");
    irq.enabled = true;
    checkLevel(name, 0);
    return undefined;
  });
  boot.register("__host_gpio_wakeup", (gpio, kind) => {
    const name = boot.pin(gpio);
    const k = intArg(kind, "gpio.wakeup");
    const irq = interruptOf(name);
    if (k === INTR_NONE) {
      irq.wake = false;
      return undefined;
    }
    // ESP-IDF's gpio_wakeup_enable takes only the level types.
    if (!isLevelType(k)) throw new Error("invalid argument");
    irq.kind = k;
    irq.wake = true;
    checkLevel(name, 0);
    return undefined;
  });
  boot.vm.run(luaModuleSource("gpio"), "gpio.lua");
  return {
    wakeLevelPresent: () => [...interrupts].some(([name, irq]) => atWakeLevel(name, irq)),
    afterWake: () => {
      for (const name of interrupts.keys()) checkLevel(name, 0);
    },
  };
}
