/**
 * The Board on NodeMCU (ESP32 or ESP8266), built from a pin map. Thin: each port is a few calls
 * of NodeMCU's modules; the logic (matrix scanning, debouncing, the lock) is the core's.
 */
import { CONTACT_DEBOUNCE_MS } from "../boards/board-profile";
import type { BatteryGauge, Board, Clock, Flash, LedColour, LockCoil, SerialLink } from "../core/board";
import { matrixKeypad, type MatrixPins } from "../core/matrix";
import { nodeMcuHasher } from "./native-hash";
import type { NodeMcuPin, NodeMcuPins } from "./pin-map";
import type { PinWriter } from "./pin-writer";
import { HOLD_BUZZER, HOLD_LED, type LightSleep } from "./light-sleep";
import { FLOATING, isLow, PULL_UP, PUSH_PULL, setupPin, watchEdge } from "./pins";
import type { NodeMcuSystem } from "./system-port";
import type { NodeMcuTimers } from "./timers";

/** The chip's coil on `pin` (./coil-serout.ts on ESP8266, ./coil-timer.ts on ESP32). */
export type NodeMcuCoil = (this: void, pin: number, timers: NodeMcuTimers, sleep: LightSleep | undefined) => LockCoil;

/**
 * `writer` drives the rows and the slow outputs, on the chip or on the port expander (pin-writer.ts):
 * on ESP8266 each row select of a scan is one I2C write to the PCF8574.
 */
export function nodeMcuBoard(
  profile: string,
  pins: NodeMcuPins,
  clock: Clock,
  writer: PinWriter,
  system: NodeMcuSystem,
  timers: NodeMcuTimers,
  sleep: LightSleep | undefined,
  battery: BatteryGauge,
  flash: Flash,
  usb: SerialLink,
  coil: NodeMcuCoil,
): Board {
  // Rows are open-drain (profiles.ts): two keys in one column never short a high row to a low one.
  // The expander's pins are open-drain by nature (quasi-bidirectional).
  for (let i = 0; i < pins.rows.length; i++) writer.setupOpenDrain(pins.rows[i], 0);
  for (let i = 0; i < pins.cols.length; i++) setupPin(pins.cols[i], PULL_UP, 0);
  // The lid's pull-up is 1 MOhm on the board (profiles.ts): the chip's own would draw 70 uA all day.
  setupPin(pins.lid, FLOATING, 0);
  for (const pin of [pins.service, pins.homeOpen]) setupPin(pin, PULL_UP, 0);
  setupPin(pins.coil, PUSH_PULL, 0);
  for (const pin of [pins.ledGreen, pins.ledRed, pins.buzzer, pins.deliverySignal]) writer.setupOutput(pin, 0);

  // The keypad's pins, handed to the core's keypad (firmware/core/matrix.ts).
  // Each gpio call is a call into the firmware's C (a host call in the simulator); a scan as the
  // core asks for it (4 row selects of 4 writes, 12 column reads) was 32 of them, every 10 ms while
  // a key is down. So the rows are driven only when a column read needs them, and only the rows
  // whose level changes: a scan first reads the columns with every row low (the idle state, where
  // a key on any row pulls its column), and a column that read high then has no key down on any
  // row, so it reads high for every row without touching a pin. One key held: 3 + 12 writes + 4
  // reads; an empty scan: 3 reads. A key pressed during a scan shows in the next one, 10 ms on.
  const rowLevels: number[] = [];
  /** The row the core selected (-1: all low) and the one on the wires (-2: not known yet). */
  let selected = -1;
  let driven = -2;
  /** Bit c: column c read low with every row low at the start of this scan; -1: not read yet. */
  let lowAtIdle = -1;
  const drive = (row: number): void => {
    if (row === driven) return;
    const changed: NodeMcuPin[] = [];
    const levels: number[] = [];
    for (let i = 0; i < pins.rows.length; i++) {
      const level = row < 0 || i === row ? 0 : 1;
      if (driven === -2 || level !== rowLevels[i]) {
        changed.push(pins.rows[i]);
        levels.push(level);
      }
      rowLevels[i] = level;
    }
    driven = row;
    if (changed.length > 0) writer.set(changed, levels);
  };
  const keypadPins: MatrixPins = {
    selectRow: (row: number): void => {
      // A row after idle starts a scan: the columns at idle are read afresh.
      if (selected < 0 && row >= 0) lowAtIdle = -1;
      selected = row;
      // Back to idle ends the scan: the rows go low now, so a key pressed next pulls a column.
      if (row < 0) drive(-1);
    },
    columnLow: (col: number): boolean => {
      if (selected >= 0) {
        if (lowAtIdle < 0) {
          drive(-1);
          lowAtIdle = 0;
          for (let c = 0; c < pins.cols.length; c++) if (isLow(pins.cols[c])) lowAtIdle = lowAtIdle | (1 << c);
        }
        if ((lowAtIdle & (1 << col)) === 0) return false;
      }
      drive(selected);
      return isLow(pins.cols[col]);
    },
    armWake: (wake: (() => void) | undefined): void => {
      for (let i = 0; i < pins.cols.length; i++) {
        // With "none" the handler is never kept nor called (pins.ts).
        watchEdge(pins.cols[i], wake === undefined ? "none" : "both", wake as () => void);
      }
    },
  };

  /**
   * Watches a pulled-up contact and reports its settled level after each change: whether it reads
   * low, or with `flip` whether it reads high; with `onlyTrue` only the changes that report true.
   * One function for the three contacts: a closure of each caller's would be one more in flash.
   */
  function watchContact(pin: number, changed: (value: boolean) => void, flip: boolean, onlyTrue: boolean): void {
    let reported = isLow(pin);
    let pending = -1;
    watchEdge(pin, "both", () => {
      if (pending >= 0) timers.cancel(pending);
      pending = timers.after(CONTACT_DEBOUNCE_MS, () => {
        pending = -1;
        const low = isLow(pin);
        if (low === reported) return;
        reported = low;
        if (low !== flip || !onlyTrue) changed(low !== flip);
      });
    });
  }

  return {
    profile: profile,
    runtime: "nodemcu",
    hasher: nodeMcuHasher(),
    keypad: matrixKeypad(keypadPins, timers),
    coil: coil(pins.coil, timers, sleep),
    lid: {
      // Reed switch to ground, pulled up: the magnet of a closed lid closes it (reads low).
      isOpen: (): boolean => !isLow(pins.lid),
      onChange: (handler) => watchContact(pins.lid, handler, true, false),
    },
    signals: {
      led: (colour: LedColour): void => {
        if (sleep !== undefined) sleep.hold(HOLD_LED, colour !== "off");
        writer.set([pins.ledGreen, pins.ledRed], [colour === "green" || colour === "amber" ? 1 : 0, colour === "red" || colour === "amber" ? 1 : 0]);
      },
      buzzer: (on: boolean): void => {
        if (sleep !== undefined) sleep.hold(HOLD_BUZZER, on);
        writer.set([pins.buzzer], [on ? 1 : 0]);
      },
    },
    clock: clock,
    timers: timers,
    flash: flash,
    usb: usb,
    inputs: {
      servicePressed: (): boolean => isLow(pins.service),
      onService: (handler) => watchContact(pins.service, handler, false, false),
      // The handler takes no argument: Lua drops the `true` it is called with.
      onHomeOpen: (handler) => watchContact(pins.homeOpen, handler, false, true),
    },
    outputs: { deliverySignal: (on: boolean): void => writer.set([pins.deliverySignal], [on ? 1 : 0]) },
    battery: battery,
    system: {
      // NodeMcuSystem's methods take no self (@noSelf): the board hands on the chip's own.
      randomBytes: system.randomBytes,
      kickWatchdog: (): void => {
        if (tmr.wdclr !== undefined) tmr.wdclr();
      },
    },
  };
}
