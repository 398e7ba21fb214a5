/**
 * The board's pins, electrically: each pin has a mode and a pull (as the firmware set them) and
 * parts connect pins to each other or to a rail (a pressed key joins a row and a column, a closed
 * lid joins the lid pin to ground). A pin's level is worked out from everything on its net, so a
 * floating input reads as floating, not as a convenient 0, and two outputs fighting are recorded.
 *
 * Mode names are Espruino's (pinMode); the NodeMCU simulator maps gpio modes onto them.
 */

export type PinMode = "input" | "input_pullup" | "input_pulldown" | "output" | "opendrain" | "opendrain_pullup";
export type Level = 0 | 1 | "floating";
export type Rail = "GND" | "VCC";

interface PinState {
  mode: PinMode;
  /** The level the firmware writes; meaningful for outputs and open-drain pins. */
  out: 0 | 1;
}

export interface Short {
  atMs: number;
  pins: string[];
}

export type PinListener = (pin: string, level: Level) => void;

const RAILS: Rail[] = ["GND", "VCC"];

export class Pins {
  private readonly state = new Map<string, PinState>();
  private readonly links = new Map<string, [string, string]>();
  private readonly externalPulls = new Map<string, "up" | "down">();
  private readonly levels = new Map<string, Level>();
  private readonly listeners: PinListener[] = [];
  /** Each time two drivers start fighting on one net (recorded once per fight). */
  readonly shorts: Short[] = [];
  private fighting = new Set<string>();

  /** `names`: every pin the board has; naming another is an error, as on a device. */
  constructor(
    names: readonly string[],
    private readonly now: () => number = () => 0,
  ) {
    for (const name of names) {
      this.state.set(name, { mode: "input", out: 0 });
      this.levels.set(name, "floating");
    }
  }

  names(): string[] {
    return [...this.state.keys()];
  }

  has(name: string): boolean {
    return this.state.has(name);
  }

  private pin(name: string): PinState {
    const pin = this.state.get(name);
    if (!pin) throw new Error(`no pin named ${name} on this board`);
    return pin;
  }

  mode(name: string): PinMode {
    return this.pin(name).mode;
  }

  setMode(name: string, mode: PinMode): void {
    this.pin(name).mode = mode;
    this.settle();
  }

  /** What the firmware writes; an input pin keeps the value for when it becomes an output. */
  write(name: string, value: 0 | 1): void {
    this.pin(name).out = value;
    this.settle();
  }

  written(name: string): 0 | 1 {
    return this.pin(name).out;
  }

  /** Whether the firmware drives the pin itself (an output, or open-drain pulling low). */
  isDriven(name: string): boolean {
    const pin = this.pin(name);
    return pin.mode === "output" || (pin.mode.startsWith("opendrain") && pin.out === 0);
  }

  level(name: string): Level {
    this.pin(name);
    return this.levels.get(name) as Level;
  }

  /** digitalRead: a floating input reads 0 here (check `level` to tell it from a driven 0). */
  read(name: string): 0 | 1 {
    const level = this.level(name);
    return level === "floating" ? 0 : level;
  }

  /** A part joins two pins (or a pin and a rail); `key` names the connection for `disconnect`. */
  connect(key: string, a: string, b: string): void {
    for (const end of [a, b]) if (!RAILS.includes(end as Rail)) this.pin(end);
    this.links.set(key, [a, b]);
    this.settle();
  }

  disconnect(key: string): void {
    if (this.links.delete(key)) this.settle();
  }

  /** A resistor on the board itself (e.g. the external pull-up an ESP32 input-only pin needs). */
  externalPull(name: string, pull: "up" | "down" | undefined): void {
    this.pin(name);
    if (pull) this.externalPulls.set(name, pull);
    else this.externalPulls.delete(name);
    this.settle();
  }

  /** Power cut: every pin returns to a floating input. */
  reset(): void {
    for (const pin of this.state.values()) {
      pin.mode = "input";
      pin.out = 0;
    }
    this.settle();
  }

  onChange(listener: PinListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Recomputes every level and tells listeners about each pin whose level changed. */
  private settle(): void {
    const nets = this.nets();
    const changed: [string, Level][] = [];
    const wasFighting = this.fighting;
    this.fighting = new Set();
    for (const net of nets) {
      const level = this.netLevel(net, wasFighting);
      for (const name of net) {
        if (!this.state.has(name)) continue;
        if (this.levels.get(name) !== level) changed.push([name, level]);
        this.levels.set(name, level);
      }
    }
    for (const [name, level] of changed) for (const listener of [...this.listeners]) listener(name, level);
  }

  private nets(): string[][] {
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let root = x;
      while (parent.get(root) !== root) root = parent.get(root) as string;
      parent.set(x, root);
      return root;
    };
    for (const name of [...this.state.keys(), ...RAILS]) parent.set(name, name);
    for (const [a, b] of this.links.values()) parent.set(find(a), find(b));
    const groups = new Map<string, string[]>();
    for (const name of parent.keys()) {
      const root = find(name);
      groups.set(root, [...(groups.get(root) ?? []), name]);
    }
    return [...groups.values()];
  }

  private netLevel(net: string[], wasFighting: Set<string>): Level {
    const drives: (0 | 1)[] = [];
    if (net.includes("GND")) drives.push(0);
    if (net.includes("VCC")) drives.push(1);
    let up = false;
    let down = false;
    for (const name of net) {
      const pin = this.state.get(name);
      if (!pin) continue;
      if (pin.mode === "output") drives.push(pin.out);
      if (pin.mode.startsWith("opendrain") && pin.out === 0) drives.push(0);
      if (pin.mode === "input_pullup" || pin.mode === "opendrain_pullup" || this.externalPulls.get(name) === "up") up = true;
      if (pin.mode === "input_pulldown" || this.externalPulls.get(name) === "down") down = true;
    }
    if (drives.includes(0) && drives.includes(1)) {
      const pins = net.filter((n) => this.state.has(n)).sort();
      const key = pins.join(",");
      if (!wasFighting.has(key)) this.shorts.push({ atMs: this.now(), pins });
      this.fighting.add(key);
      return 0;
    }
    if (drives.length > 0) return drives[0];
    if (up) return 1;
    if (down) return 0;
    return "floating";
  }
}
