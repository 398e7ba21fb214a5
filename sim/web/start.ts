/**
 * Starts the web simulator in the order that leaves another simulator alone: the page's port is
 * bound first (a taken port fails before any box or USB link exists), then the box starts and
 * claims its USB link (a link another simulator holds is not taken: sim/serial/pty_relay.py),
 * then the page shows it. sim/web/main.ts is the command line around it.
 */
import type { WebOptions } from "./options.ts";
import { openPageServer, type WebServer } from "./server.ts";
import { WebBox } from "./web-box.ts";

export interface WebSimulator {
  box: WebBox;
  server: WebServer;
  /** Stops the page, then the box (its USB link and a temporary profile go with it). */
  close(): Promise<void>;
}

/** Why the simulator could not start, worded for the person who ran it. */
export class WebStartError extends Error {}

export async function startWebSimulator(options: WebOptions, say: (line: string) => void = () => {}): Promise<WebSimulator> {
  let server;
  try {
    server = await openPageServer(options.port);
  } catch (error) {
    const message = (error as Error).message;
    const hint = message.includes("EADDRINUSE") ? ": another program (another simulator?) has that port: give --port N, or --port 0 for any free one" : "";
    throw new WebStartError(`could not serve the page on port ${options.port}: ${message}${hint}`);
  }
  say(`Starting the ${options.runtime === "espruino" ? "Espruino" : "NodeMCU"} build on the virtual box...`);
  let box: WebBox;
  try {
    box = await WebBox.start({ runtime: options.runtime, link: options.link, configHome: options.configHome });
  } catch (error) {
    await server.close();
    const message = (error as Error).message;
    const hint = message.includes("ENOENT") && message.includes("build/") ? " (run `make build` first)" : "";
    throw new WebStartError(`could not start the box: ${message}${hint}`);
  }
  server.attach(box);
  box.run();
  const usb = box.session.usb;
  say(`The box (${box.build}) is at ${server.url}`);
  if (usb) say(`Its USB port: ${usb.link ? `${usb.link} -> ${usb.path}` : `${usb.path} (no link: ${box.session.usbNote ?? "none asked for"})`}`);
  say(`The owner's tool finds the profile the page provisions with: export XDG_CONFIG_HOME=${box.configHome}${options.configHome === undefined ? " (a temporary folder, removed on exit; --config-home DIR keeps it)" : ""}`);
  let closing: Promise<void> | undefined;
  return {
    box,
    server,
    close: () => (closing ??= server.close().then(() => box.close())),
  };
}
