/**
 * Light sleep on ESP32 (NodeMCU dev-esp32: node.sleep, gpio.wakeup, uart.wakeup) whenever the box
 * is idle: no timer due within IDLE_HORIZON_MS (so no key down, since the matrix scans on a 10 ms
 * timer while one is), no coil pulse, LED or buzzer on, and no USB bytes for USB_AWAKE_MS. The
 * decision is taken at the end of every callback (task-end.ts) from what the adapter knows.
 *
 * What NodeMCU's node.sleep does, and what that asks of the adapter:
 * - it blocks until a wake source fires. Sources: a timer for the soonest armed timer; every
 *   watched pin (keypad columns, lid, service button, home input) at the level its next change
 *   brings; UART 0 (the USB port) after uart.wakeup set 3 rising edges.
 * - gpio.wakeup sets the pin's interrupt type to that level, overriding gpio.trig's edge; so after
 *   waking each pin gets its edge interrupt back (watchEdge again). Pins whose level changed while
 *   asleep are handed to their handler at once as well, so a wake-up press is never lost even if
 *   the level interrupt's callback (which gpio.c still posts) were not delivered.
 * - tmr alarms are paused, not advanced, during the sleep: the timers are re-armed for what is
 *   left of each wait by the uptime (timers.ts), which counts the time asleep.
 * - the byte(s) that wake the chip over UART are lost, and a few after them: the owner's tool must
 *   send WAKE_PREAMBLE and wait WAKE_SETTLE_MS before its first request (docs/protocol.md). USB_AWAKE_MS after the
 *   last byte the box stays awake, so the rest of a session is not cut.
 *
 * On from boot wherever available (main.ts); parcelboxSleep.enable(false) keeps the chip awake.
 * ESP8266 NodeMCU has no gpio.wakeup, and its node.sleep needs the WiFi's forced-sleep machinery,
 * so there this is never available.
 */
import { isLow, seenLowPins, watchEdge, watchedPins } from "./pins";
import { onTaskEnd } from "./task-end";
import type { NodeMcuTimers } from "./timers";

/** A timer due sooner than this keeps the chip awake (Espruino's own rule for stop mode). */
export const IDLE_HORIZON_MS = 1500;
/** The box stays awake this long after USB bytes arrive: the owner's session goes on. */
export const USB_AWAKE_MS = 60000;
/** Rising edges on RX that wake the chip: uart_set_wakeup_threshold's minimum; "\r" makes 3. */
const UART_WAKE_EDGES = 3;
/** ESP-IDF's ESP_SLEEP_WAKEUP_UART, what node.sleep returns for it when node.wakeup is missing. */
const WAKEUP_UART = 8;

/** What keeps the box awake beside timers: bits of LightSleep.hold. */
export const HOLD_COIL = 1;
export const HOLD_LED = 2;
export const HOLD_BUZZER = 4;

/** @noSelf */
export interface LightSleep {
  enable(on: boolean): void;
  enabled(): boolean;
  /** Something beside timers (HOLD_*) is on, or off again. */
  hold(what: number, on: boolean): void;
  /** USB bytes arrived. */
  usbActivity(): void;
}

export function nodeMcuLightSleep(timers: NodeMcuTimers): LightSleep | undefined {
  const wakeOn = gpio.wakeup;
  const lightSleep = node.sleep;
  // Without uart.wakeup the owner's tool could not wake it: such a firmware never sleeps, and none
  // of the closures and state below take its heap (nor does an ESP8266's: it never gets here).
  if (wakeOn === undefined || lightSleep === undefined || uart === undefined || uart.wakeup === undefined) return undefined;
  /** A timer's callback that does nothing: its end is a task end, where the box may fall asleep. */
  const nothing = (): void => undefined;
  let on = false;
  let holds = 0;
  let usbSeen = false;
  let lastUsbMs = 0;
  let usbTimer = -1;
  let asleep = false;

  /** Milliseconds until the soonest timer is due (0 when overdue), or -1 when none is armed. */
  const nextDueInMs = (): number => {
    const now = timers.uptimeMs();
    let soonest = -1;
    for (const key in timers.running) {
      const entry = timers.running[key];
      if (entry === undefined) continue;
      const left = entry.dueMs - now;
      const due = left < 0 ? 0 : left;
      if (soonest < 0 || due < soonest) soonest = due;
    }
    return soonest;
  };

  /** Re-arms every timer for what is left of its wait by the uptime (after light sleep). */
  const resync = (): void => {
    const now = timers.uptimeMs();
    for (const key in timers.running) {
      const entry = timers.running[key];
      if (entry === undefined) continue;
      const left = entry.dueMs - now;
      entry.timer.unregister();
      entry.arm(left < 1 ? 1 : left);
    }
  };

  // A session is forgotten once its window is over: NodeMCU's 32-bit uptime wraps every 24.8
  // days, and the difference to a byte that old would read as recent again, keeping the chip
  // awake for the next 24.8 days.
  const usbRecent = (): boolean => {
    if (usbSeen && timers.uptimeMs() - lastUsbMs >= USB_AWAKE_MS) usbSeen = false;
    return usbSeen;
  };

  const idle = (): boolean => {
    if (!on || asleep || holds !== 0 || usbRecent()) return false;
    const due = nextDueInMs();
    return due < 0 || due > IDLE_HORIZON_MS;
  };

  /** Checks the USB window again when it ends (the timer's end is a task end: the box may sleep). */
  const watchUsbWindow = (): void => {
    usbTimer = -1;
    if (!on || !usbRecent()) return;
    usbTimer = timers.after(USB_AWAKE_MS - (timers.uptimeMs() - lastUsbMs), watchUsbWindow);
  };

  const usbActivity = (): void => {
    usbSeen = true;
    lastUsbMs = timers.uptimeMs();
    if (on && usbTimer < 0) usbTimer = timers.after(USB_AWAKE_MS, watchUsbWindow);
  };

  const sleepNow = (): void => {
    const due = nextDueInMs();
    const pins: number[] = [];
    const handlers: (() => void)[] = [];
    const wasLow: boolean[] = [];
    for (const key in watchedPins) {
      const changed = watchedPins[key];
      if (changed === undefined) continue;
      // This file runs only on Lua, where for-in over a table keyed by gpio numbers gives the numbers.
      const pin = key as unknown as number;
      // The level the box last handled, not the pin's level now, so a change whose interrupt task
      // is still queued wakes the chip at once (the level is already there) rather than waiting for
      // the next one. A pin's next change is the other level: a key pulling its column low, a stuck
      // key letting it go (firmware/core/matrix.ts), a contact moving.
      const low = seenLowPins[pin] === true;
      pins.push(pin);
      handlers.push(changed);
      wasLow.push(low);
      wakeOn(pin, low ? gpio.INTR_HIGH : gpio.INTR_LOW);
    }
    // Output still in the UART's buffer would otherwise wait for the wake-up.
    if (uart !== undefined && uart.txflush !== undefined) uart.txflush(0);
    const options: NodeMcuSleepOptions = { gpio: true, uart: 0 };
    if (due >= 0) {
      // Woken 1 ms early: the timer re-armed for the last millisecond (tmr's shortest) is on time.
      const ms = due > 1 ? due - 1 : 1;
      options.secs = idiv(ms, 1000);
      options.us = (ms - idiv(ms, 1000) * 1000) * 1000;
    }
    asleep = true;
    const cause = lightSleep(options);
    asleep = false;
    for (let i = 0; i < pins.length; i++) {
      wakeOn(pins[i], gpio.INTR_NONE);
      watchEdge(pins[i], "both", handlers[i]);
    }
    resync();
    for (let i = 0; i < pins.length; i++) {
      if (isLow(pins[i]) === wasLow[i]) continue;
      if (watchedPins[pins[i]] !== undefined) seenLowPins[pins[i]] = isLow(pins[i]);
      handlers[i]();
    }
    // Woken by USB: the owner is starting a session, whose first bytes the wake-up swallowed.
    if (cause === (node.wakeup !== undefined ? node.wakeup.UART : WAKEUP_UART)) usbActivity();
    // A task end soon, so a wake-up that brought nothing (noise on a pin or on RX) ends in sleep again.
    timers.after(1, nothing);
  };

  onTaskEnd(() => {
    if (idle()) sleepNow();
  });

  return {
    enable: (enable: boolean): void => {
      on = enable;
      if (!on) return;
      if (uart !== undefined && uart.wakeup !== undefined) uart.wakeup(0, UART_WAKE_EDGES);
      // A USB session still going on keeps the box awake until its window ends.
      if (usbTimer < 0) watchUsbWindow();
      // A first task end, so an idle box falls asleep without waiting for an event.
      timers.after(1, nothing);
    },
    enabled: (): boolean => on,
    hold: (what: number, set: boolean): void => {
      holds = set ? holds | what : holds & (7 ^ what);
    },
    usbActivity: usbActivity,
  };
}
