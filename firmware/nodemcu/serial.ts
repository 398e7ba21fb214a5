/**
 * The USB serial port, taken from the Lua interpreter as soon as the board is built: on ESP32
 * through the console module in non-interactive mode, on ESP8266 with uart.on(..., 0), whose last
 * argument keeps the bytes away from the interpreter. Either way nobody gets a Lua prompt over
 * USB; bytes that arrive before the firmware listens are dropped.
 */
import type { SerialLink } from "../core/board";
import { taskEnded } from "./task-end";

/**
 * `activity` is told of every chunk received (light sleep stays off while the owner talks).
 * `esp32` is the console module when the firmware has one (only later dev-esp32 builds: the ESP32
 * entry passes `_G.console`), else the uart module carries the port.
 */
export function nodeMcuSerial(activity: (() => void) | undefined, esp32: NodeMcuConsole | undefined): SerialLink {
  let listener: ((chunk: string) => void) | undefined;
  const received = (chunk: string): void => {
    if (activity !== undefined) activity();
    if (listener !== undefined) listener(chunk);
    taskEnded();
  };
  // The console module is ESP32's only (NODEMCU_CHIP, nodemcu.d.ts): ESP8266's file has no branch for it.
  if (NODEMCU_CHIP === "esp32") {
    if (esp32 !== undefined) {
      esp32.mode(esp32.NONINTERACTIVE);
      esp32.on("data", 0, received);
    } else uart.on("data", 0, received, 0);
  } else uart.on("data", 0, received, 0);
  return {
    write: (text: string): void => {
      if (NODEMCU_CHIP === "esp32") {
        if (esp32 !== undefined) esp32.write(text);
        else uart.write(0, text);
      } else uart.write(0, text);
    },
    onData: (handler: (chunk: string) => void): void => {
      listener = handler;
    },
  };
}
