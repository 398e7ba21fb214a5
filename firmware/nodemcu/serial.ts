/**
 * The USB serial port, taken from the Lua interpreter: on ESP32 through the console module in
 * non-interactive mode, on ESP8266 with uart.on(..., 0), whose last argument keeps the bytes
 * away from the interpreter. Either way nobody gets a Lua prompt over USB.
 */
import type { SerialLink } from "../core/board";

export function nodeMcuSerial(): SerialLink {
  const esp32 = console !== undefined && console.on !== undefined;
  return {
    write: (text: string): void => {
      if (esp32 && console.write !== undefined) console.write(text);
      else uart.write(0, text);
    },
    onData: (handler: (chunk: string) => void): void => {
      if (esp32 && console.on !== undefined) {
        if (console.mode !== undefined) console.mode(console.NONINTERACTIVE);
        console.on("data", 0, handler);
      } else {
        uart.on("data", 0, handler, 0);
      }
    },
  };
}
