/**
 * `make sim` (and `tsx sim/view/main.ts [options]`): the interactive simulator on this terminal.
 * `npx parcelbox-sim interactive` reaches the same runInteractive through sim/bin.
 */
import { interactiveOptionsFromArgs, runInteractive, USAGE } from "./index.ts";

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(USAGE + "\n");
  process.exit(0);
}
let options;
try {
  options = interactiveOptionsFromArgs(args);
} catch (error) {
  process.stderr.write(`parcelbox simulator: ${(error as Error).message}\n`);
  process.exit(2);
}
let code: number;
try {
  code = await runInteractive(options);
} catch (error) {
  const message = (error as Error).message;
  const hint = message.includes("ENOENT") && message.includes("build/") ? " (run `make build` first, or use `make sim`)" : "";
  process.stderr.write(`parcelbox simulator could not start: ${message}${hint}\n`);
  code = 1;
}
process.exit(code);
