/**
 * The Espruino adapter: builds the core's Board (firmware/core/board.ts) for the board this box
 * file is built for (./build-board.ts: its profile's pins and battery, as constants) with
 * Espruino's own APIs. Building it takes the USB port from the interpreter prompt and enables deep
 * sleep.
 *
 * It is one function on purpose: on a Pico every function defined costs JsVars for as long as the
 * box runs (about 4, and 1 a parameter), so the ports are object literals of the closures the
 * core calls and nothing else; a closure is made only where the core needs a function, and
 * Espruino's own function is handed over where it already does the job (Timers.cancel).
 */
import { batteryLevels, CONTACT_DEBOUNCE_MS } from "../boards/board-profile";
import type { Board, Clock } from "../core/board";
import { connectDs3231 } from "../core/drivers/ds3231";
import { matrixKeypad } from "../core/matrix";
import { BOX_EPOCH_UNIX } from "../core/time";
import * as B from "./build-board";
import { espruinoFlash } from "./flash";
import { espruinoHasher } from "./native-hash";

export function espruinoBoard(): Board {
  /** The pin `name`, put in `mode` first unless none is given; an output starts low. */
  const pin = (name: string, mode?: EspruinoPinMode): Pin => {
    const made = new Pin(name);
    if (mode !== undefined) pinMode(made, mode);
    if (mode === "output") digitalWrite(made, 0);
    return made;
  };

  // Espruino's one clock, getTime(), is wall-clock time and setTime() moves it. Uptime (Timers)
  // must not move, so it is getTime() minus the time at boot, and setting the clock moves that
  // origin by the same jump (clock.setLocal below).
  let bootAt = getTime();
  const uptimeMs = (): number => Math.floor((getTime() - bootAt) * 1000);
  const timers = {
    after: (ms: number, callback: () => void): number => setTimeout(callback, ms),
    cancel: clearTimeout,
    uptimeMs: uptimeMs,
  };

  const gate = pin(B.LOCK_GATE_PIN, "output");
  // Its pull-up is 1 MOhm on the board (profiles.ts): the chip's own would draw 80 uA all day.
  const lid = pin(B.LID_PIN, "input");
  const service = pin(B.SERVICE_PIN, "input_pullup");
  const home = pin(B.HOME_OPEN_PIN, "input_pullup");
  const green = pin(B.LED_GREEN_PIN, "output");
  const red = pin(B.LED_RED_PIN, "output");
  const buzzer = pin(B.BUZZER_PIN, "output");
  const delivery = pin(B.DELIVERY_OUT_PIN, "output");

  // The keypad matrix (firmware/core/matrix.ts): rows are open-drain outputs (0 pulls a row low,
  // 1 lets it float, so two pressed keys never short two rows), columns inputs with pull-ups
  // watched on both edges while idle (a key down, or a stuck key let go).
  const rows = B.KEYPAD_ROWS.map((name) => pin(name, "opendrain"));
  const columns = B.KEYPAD_COLUMNS.map((name) => pin(name, "input_pullup"));
  let watches: number[] = [];

  // The DS3231 on I2C1: the module and its pull-ups are fed from `rtcPower` for each transfer
  // only (profiles.ts); between them the bus pins are plain inputs, so I2C1's own pull-ups cannot
  // drain into the unpowered module's. A missing acknowledge throws on Espruino: undefined then.
  const sda = pin(B.I2C_SDA_PIN);
  const scl = pin(B.I2C_SCL_PIN);
  const rtcPower = pin(B.RTC_POWER_PIN, "output");
  // The DS3231 driver's I2C port (firmware/core/drivers/i2c-port.ts): the chip powered and the bus
  // set up once for a write, a read, or a register read (the pointer written, then read).
  const transfer = (address: number, bytes: number[], count: number): number[] | undefined => {
    digitalWrite(rtcPower, 1);
    I2C1.setup({ sda: sda, scl: scl, bitrate: 100000 });
    let out: number[] | undefined = [];
    try {
      if (bytes.length > 0) I2C1.writeTo(address, bytes);
      if (count > 0) {
        const got = I2C1.readFrom(address, count);
        // Handed over as it is, not copied into an array byte by byte (interpreted steps at every
        // DS3231 reading): the drivers only index the bytes and read their length.
        out = got.length === count ? (got as unknown as number[]) : undefined;
      }
    } catch (e) {
      out = undefined;
    }
    pinMode(sda, "input");
    pinMode(scl, "input");
    digitalWrite(rtcPower, 0);
    return out;
  };
  const rtc = connectDs3231(transfer);
  // getTime() is lost on a power cut: after power-up it starts near 0, which reads as "not set"
  // (now() is -1 before the box epoch); the DS3231, when one answers, is written whenever the
  // owner sets the clock, and the core reads it (firmware/core/clock.ts decides when).
  const clock: Clock = {
    now: () => {
      const t = getTime();
      return t < BOX_EPOCH_UNIX ? -1 : Math.floor(t) - BOX_EPOCH_UNIX;
    },
    set: (boxSeconds) => {
      clock.setLocal(boxSeconds);
      if (rtc !== undefined) rtc.write(boxSeconds);
    },
    setLocal: (boxSeconds) => {
      const up = getTime() - bootAt;
      setTime(boxSeconds < 0 ? 0 : boxSeconds + BOX_EPOCH_UNIX);
      bootAt = getTime() - up;
    },
    readBackup: () => (rtc === undefined ? -1 : rtc.read()),
    hasBackup: () => rtc !== undefined,
  };

  const battery = pin(B.BATTERY_PIN);
  // How the lid's reed switch and the service button are watched (setWatch reads it at each call).
  const contact: WatchOptions = { edge: "both", repeat: true, debounce: CONTACT_DEBOUNCE_MS };

  // The prompt moves to a loopback nobody listens to: USB now carries only the box's protocol.
  E.setConsole(LoopbackA, { force: true });

  // No hardware watchdog here: Espruino documents that E.enableWatchdog does not work with
  // setDeepSleep unless the firmware wakes within the timeout, and the STM32's watchdog cannot be
  // stopped once started. A wake every few seconds would break "idle means asleep", which the
  // battery life rests on, so the Pico sleeps without one (NodeMCU keeps the SDK's watchdog).
  setDeepSleep(1);

  return {
    profile: B.BOARD_NAME,
    runtime: "espruino",
    hasher: espruinoHasher(),
    keypad: matrixKeypad(
      {
        selectRow: (selected) => {
          for (let r = 0; r < rows.length; r++) digitalWrite(rows[r], selected >= 0 && r !== selected);
        },
        columnLow: (col) => digitalRead(columns[col]) === 0,
        armWake: (wake) => {
          for (let i = 0; i < watches.length; i++) clearWatch(watches[i]);
          watches = [];
          if (wake === undefined) return;
          for (let c = 0; c < columns.length; c++) watches.push(setWatch(wake, columns[c], { edge: "both", repeat: true, debounce: 0 }));
        },
      },
      timers,
    ),
    coil: {
      // digitalPulse runs from a hardware timer: the coil is released even if the interpreter stalls.
      pulse: (ms) => digitalPulse(gate, 1, ms),
      release: () => digitalWrite(gate, 0),
    },
    lid: {
      // The reed switch is closed (low) while the lid is shut: high means open, or a cut wire.
      isOpen: () => digitalRead(lid) === 1,
      onChange: (handler) => setWatch((e) => handler(e.state), lid, contact),
    },
    signals: {
      led: (colour) => {
        digitalWrite(green, colour === "green" || colour === "amber");
        digitalWrite(red, colour === "red" || colour === "amber");
      },
      buzzer: (on) => digitalWrite(buzzer, on),
    },
    clock: clock,
    timers: timers,
    flash: espruinoFlash(),
    usb: {
      write: (text) => USB.write(text),
      onData: (handler) => USB.on("data", handler),
    },
    inputs: {
      servicePressed: () => digitalRead(service) === 0,
      onService: (handler) => setWatch((e) => handler(!e.state), service, contact),
      // The handler takes no argument: the watch's event is handed to it and left unread.
      onHomeOpen: (handler) => setWatch(handler, home, { edge: "falling", repeat: true, debounce: CONTACT_DEBOUNCE_MS }),
    },
    outputs: {
      deliverySignal: (on) => digitalWrite(delivery, on),
    },
    battery: {
      // analogRead is a fraction of the chip's supply, which E.getAnalogVRef measures: the pin's
      // volts, then back through the divider.
      millivolts: () => Math.floor((analogRead(battery) * E.getAnalogVRef() * ((B.DIVIDER_TOP + B.DIVIDER_BOTTOM) * 1000)) / B.DIVIDER_BOTTOM + 0.5),
      levels: (cells) => batteryLevels({ cells: B.CELLS, batteryMv: B.BATTERY_MV }, cells),
    },
    system: {
      // A byte of the hardware generator's 32 random bits each: a nonce or a secret is a few dozen.
      randomBytes: (count) => {
        let out = "";
        for (let i = 0; i < count; i++) out += String.fromCharCode(E.hwRand() & 255);
        return out;
      },
      // No watchdog runs on Espruino (see above): nothing to kick.
      kickWatchdog: () => undefined,
    },
  };
}
