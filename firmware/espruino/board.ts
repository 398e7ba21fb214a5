/**
 * The Espruino adapter: builds the core's Board (firmware/core/board.ts) from a board profile
 * (firmware/boards/profiles.ts) with Espruino's own APIs. Building it takes the USB port from the
 * interpreter prompt, enables the watchdog and deep sleep.
 */
import { batteryLevels, CONTACT_DEBOUNCE_MS, type BoardProfile } from "../boards/profiles";
import type { Board, LedColour, Timers } from "../core/board";
import type { ByteString } from "../core/bytes";
import { matrixKeypad } from "../core/matrix";
import { espruinoClock, espruinoI2c } from "./clock";
import { espruinoFlash } from "./flash";
import { espruinoKeypadPins } from "./keypad";
import { espruinoHasher } from "./native-hash";
import { espruinoTime } from "./time";

function randomBytes(count: number): ByteString {
  const parts: string[] = [];
  let word = 0;
  for (let i = 0; i < count; i++) {
    if (i % 4 === 0) word = E.hwRand();
    parts.push(String.fromCharCode((word >> ((i % 4) * 8)) & 255));
  }
  return parts.join("");
}

export function espruinoBoard(profile: BoardProfile): Board {
  const p = profile.pins;
  const pin = (name: string): Pin => new Pin(name);
  const time = espruinoTime();
  const timers: Timers = {
    after: (ms, callback) => setTimeout(callback, ms),
    cancel: (id) => clearTimeout(id),
    uptimeMs: time.uptimeMs,
  };

  const gate = pin(p.lockGate);
  pinMode(gate, "output");
  digitalWrite(gate, 0);

  const lid = pin(p.lid);
  // Its pull-up is 1 MOhm on the board (profiles.ts): the chip's own would draw 80 uA all day.
  pinMode(lid, "input");
  const service = pin(p.serviceButton);
  pinMode(service, "input_pullup");
  const home = pin(p.homeOpen);
  pinMode(home, "input_pullup");

  const green = pin(p.ledGreen);
  const red = pin(p.ledRed);
  const buzzer = pin(p.buzzer);
  const delivery = pin(p.deliveryOut);
  const outputs = [green, red, buzzer, delivery];
  for (let i = 0; i < outputs.length; i++) {
    pinMode(outputs[i], "output");
    digitalWrite(outputs[i], 0);
  }

  const battery = pin(p.battery);
  const divider = profile.batteryDivider;

  const usbHandlers: ((chunk: string) => void)[] = [];
  // The prompt moves to a loopback nobody listens to: USB now carries only the box's protocol.
  E.setConsole(LoopbackA, { force: true });
  USB.on("data", (data) => {
    for (let i = 0; i < usbHandlers.length; i++) usbHandlers[i](data);
  });

  // No hardware watchdog here: Espruino documents that E.enableWatchdog does not work with
  // setDeepSleep unless the firmware wakes within the timeout, and the STM32's watchdog cannot be
  // stopped once started. A wake every few seconds would break "idle means asleep", which the
  // battery life rests on, so the Pico sleeps without one (NodeMCU keeps the SDK's watchdog).
  setDeepSleep(1);

  const watchContact = (target: Pin, edge: "falling" | "both", handler: (e: WatchEvent) => void): void => {
    setWatch(handler, target, { edge: edge, repeat: true, debounce: CONTACT_DEBOUNCE_MS });
  };

  return {
    profile: profile.name,
    runtime: "espruino",
    hasher: espruinoHasher(),
    keypad: matrixKeypad(espruinoKeypadPins(p.keypadRows.map(pin), p.keypadColumns.map(pin)), timers),
    coil: {
      // digitalPulse runs from a hardware timer: the coil is released even if the interpreter stalls.
      pulse: (ms) => digitalPulse(gate, 1, ms),
      release: () => digitalWrite(gate, 0),
    },
    lid: {
      // The reed switch is closed (low) while the lid is shut: high means open, or a cut wire.
      isOpen: () => digitalRead(lid) === 1,
      onChange: (handler) => watchContact(lid, "both", (e) => handler(e.state)),
    },
    signals: {
      led: (colour: LedColour) => {
        digitalWrite(green, colour === "green" || colour === "amber" ? 1 : 0);
        digitalWrite(red, colour === "red" || colour === "amber" ? 1 : 0);
      },
      buzzer: (on) => digitalWrite(buzzer, on ? 1 : 0),
    },
    clock: espruinoClock(time, espruinoI2c(pin(p.i2cSda), pin(p.i2cScl), pin(p.rtcPower))),
    timers: timers,
    flash: espruinoFlash(),
    usb: {
      write: (text) => USB.write(text),
      onData: (handler) => {
        usbHandlers.push(handler);
      },
    },
    inputs: {
      servicePressed: () => digitalRead(service) === 0,
      onService: (handler) => watchContact(service, "both", (e) => handler(!e.state)),
      onHomeOpen: (handler) => watchContact(home, "falling", () => handler()),
    },
    outputs: {
      deliverySignal: (on) => digitalWrite(delivery, on ? 1 : 0),
    },
    battery: {
      // analogRead is a fraction of the chip's supply, which E.getAnalogVRef measures: the pin's
      // volts, then back through the divider.
      millivolts: () => Math.floor((analogRead(battery) * E.getAnalogVRef() * (divider[0] + divider[1]) * 1000) / divider[1] + 0.5),
      levels: (cells) => batteryLevels(profile, cells),
    },
    system: {
      randomBytes: randomBytes,
      // No watchdog runs on Espruino (see above): nothing to kick.
      kickWatchdog: () => undefined,
    },
  };
}
