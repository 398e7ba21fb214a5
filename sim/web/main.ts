/**
 * `make sim WEB=1` (and `tsx sim/web/main.ts [options]`): the simulated box in a browser page.
 * Prints the page's address, serves it until Ctrl-C, then frees the USB port and the demo profile.
 */
import { USAGE, webOptionsFromArgs, type WebOptions } from "./options.ts";
import { startWebSimulator, type WebSimulator } from "./start.ts";

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

let simulator: WebSimulator;
try {
  simulator = await startWebSimulator(options, (line) => process.stdout.write(`${line}\n`));
} catch (error) {
  process.stderr.write(`parcelbox web view: ${(error as Error).message}\n`);
  process.exit(1);
}
process.stdout.write("Ctrl-C stops it.\n");
const stop = (signal: NodeJS.Signals): void => {
  process.stdout.write(`\nStopping (${signal})...\n`);
  void simulator.close().then(() => process.exit(0));
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, stop);
