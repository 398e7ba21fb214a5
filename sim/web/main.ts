/**
 * `make sim WEB=1` (and `tsx sim/web/main.ts [options]`): the simulated box in a browser page.
 * Prints the page's address, serves it until Ctrl-C, then frees the USB port and the demo profile.
 */
import { serveBox } from "./server.ts";
import { USAGE, webOptionsFromArgs, type WebOptions } from "./options.ts";
import { WebBox } from "./web-box.ts";

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(USAGE + "\n");
  process.exit(0);
}
let options: WebOptions;
try {
  options = webOptionsFromArgs(args);
} catch (error) {
  process.stderr.write(`parcelbox web view: ${(error as Error).message}\n`);
  process.exit(2);
}

let box: WebBox;
try {
  process.stdout.write(`Starting the ${options.runtime === "espruino" ? "Espruino" : "NodeMCU"} build on the virtual box...\n`);
  box = await WebBox.start({ runtime: options.runtime, link: options.link });
} catch (error) {
  const message = (error as Error).message;
  const hint = message.includes("ENOENT") && message.includes("build/") ? " (run `make build` first)" : "";
  process.stderr.write(`parcelbox web view could not start: ${message}${hint}\n`);
  process.exit(1);
}

try {
  const server = await serveBox(box, options.port);
  box.run();
  const usb = box.session.usb;
  process.stdout.write(`The box (${box.build}) is at ${server.url}\n`);
  if (usb) process.stdout.write(`Its USB port: ${usb.link ? `${usb.link} -> ` : ""}${usb.path}\n`);
  process.stdout.write("Ctrl-C stops it.\n");
  const stop = (signal: NodeJS.Signals): void => {
    process.stdout.write(`\nStopping (${signal})...\n`);
    void server
      .close()
      .then(() => box.close())
      .then(() => process.exit(0));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, stop);
} catch (error) {
  const message = (error as Error).message;
  const hint = message.includes("EADDRINUSE") ? " (another program has that port: give --port N, or --port 0 for any free one)" : "";
  process.stderr.write(`parcelbox web view could not serve the page: ${message}${hint}\n`);
  await box.close();
  process.exit(1);
}
