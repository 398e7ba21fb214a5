/** Hand-written view states for the screen tests: the situations a user meets, at their widest. */
import type { LogKind, LogLine, ViewState } from "../../../sim/view/state.ts";

const T = 218019600; // 2026-11-28 09:00:00 UTC in box seconds

export function idleState(overrides: Partial<ViewState> = {}): ViewState {
  return {
    runtime: "espruino",
    board: "espruino-pico",
    boardFit: "a real espruino-pico is too small: Storage 84.7 KB of 48.0 KB",
    boxId: "pb-e7e01c",
    powered: true,
    boots: 1,
    led: "off",
    ledRecent: undefined,
    buzzer: false,
    buzzerAgoMs: undefined,
    coilEnergised: false,
    coilPulses: 0,
    coilLongestMs: 0,
    lock: "locked",
    lidOpen: false,
    alarm: "none",
    lockoutSeconds: 0,
    wrongCodes: 0,
    serviceHeld: false,
    deliverySignal: false,
    provisioned: true,
    keysDown: "",
    keysQueued: "",
    boxSeconds: T,
    timeZone: "Europe/Berlin",
    log: [entry(0, "power-up", "clock=known"), entry(1, "clock-set", `from=${T} to=${T}`), entry(2, "provisioned", `at=${T}`)],
    logNote: undefined,
    usbPath: "/dev/pts/7",
    usbLink: "/tmp/parcelbox-usb",
    usbNote: undefined,
    configHome: "/tmp/pbsim-AbC123",
    demoCode: { code: "26985272", id: "D-60552-48-0", uses: 1, untilBoxSeconds: T + 39 * 3600 },
    ownerCode: { code: "405225", secondsLeft: 28 },
    fastForward: undefined,
    message: "Welcome: type the delivery code below on the keypad, then open the lid with o.",
    colour: true,
    ...overrides,
  };
}

export function entry(index: number, kind: LogKind, details: string): LogLine {
  return { index, boxSeconds: T + index, kind, details };
}

/** Everything on at once, with the longest words each field can hold. */
export function busyState(): ViewState {
  const log: LogLine[] = [];
  // Longer than any kind this firmware names: what a newer box might send.
  for (let i = 990; i < 1030; i++) log.push(entry(i, "lid-left-open-reminder" as LogKind, `by=delivery code=D-60552-168-5 usesLeft=2 label=${"x".repeat(60)}`));
  return idleState({
    runtime: "nodemcu",
    board: "esp8266-nodemcu-with-a-long-name",
    boxId: "box-with-24-characters-x",
    boots: 12345,
    led: "amber",
    ledRecent: { colour: "green", agoMs: 59_999 },
    buzzer: true,
    coilEnergised: true,
    coilPulses: 999,
    coilLongestMs: 4999,
    lock: "unlocked",
    lidOpen: true,
    alarm: "lid-open",
    lockoutSeconds: 86_399,
    wrongCodes: 123,
    serviceHeld: true,
    deliverySignal: true,
    keysDown: "159#",
    keysQueued: "1234567890*#1234567890",
    log,
    logNote: "the box refuses our secret: showing the events it pushes",
    usbPath: "/dev/pts/1234",
    usbLink: "/home/someone/with/a/rather/long/path/to/parcelbox-usb-symlink",
    configHome: "/home/someone/.cache/a/very/long/temporary/folder/pbsim-AbC123",
    ownerCode: { code: "000000", secondsLeft: 30 },
    fastForward: "Fast-forwarding: 1440 min of box time to go...",
  });
}

/** A box nobody provisioned, whose clock is not set, with no pseudo-terminal. */
export function blankState(): ViewState {
  return idleState({
    boxId: undefined,
    provisioned: false,
    lock: undefined,
    alarm: undefined,
    lockoutSeconds: undefined,
    wrongCodes: undefined,
    boxSeconds: -1,
    log: [{ index: undefined, boxSeconds: -1, kind: "power-up", details: "clock=unknown" }],
    logNote: "box not provisioned: showing the events it pushes",
    usbPath: undefined,
    usbLink: undefined,
    usbNote: "The USB serial bridge needs Python 3 to make a pseudo-terminal, and \"python3\" was not found.",
    configHome: undefined,
    demoCode: undefined,
    ownerCode: undefined,
    powered: false,
  });
}
