/**
 * The ESP8266 board (esp8266-nodemcu: keypad rows, LEDs, buzzer and delivery output on a PCF8574,
 * coil pulsed by gpio.serout, USB on uart) runs the same built Lua file. A selection of the flows,
 * not all of them, to keep the run short; the scenario's own profile is replaced by this one.
 * unlock-pulse-max is left out: a pulse longer than ESP8266's hardware-timer step (1.6 s) is split
 * by 10 us releases, which the simulated coil counts as separate pulses.
 */
export const ESP8266_SCENARIOS = ["delivery-opens-once.json", "delivery-signal.json", "lid-left-open-alarm.json", "lockout-grows-survives-power.json", "courier-cannot-take-the-box.json", "factory-reset-just-after-power-up.json", "key-stuck.json", "usb-garbage.json"];
