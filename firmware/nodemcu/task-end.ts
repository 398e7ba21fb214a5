/**
 * Every callback NodeMCU runs for the adapter (a timer, a pin interrupt, USB bytes) ends here, so
 * the ESP32 build can enter light sleep once the box has nothing left to do (light-sleep.ts). On
 * ESP8266 nobody listens.
 */
let listener: (() => void) | undefined;

export function onTaskEnd(handler: () => void): void {
  listener = handler;
}

export function taskEnded(): void {
  if (listener !== undefined) listener();
}
