/**
 * `parcelbox-sim`: the simulator's command. `run` runs scenario files (./cli.ts); `interactive`
 * starts the box in the terminal (sim/view, built separately, loaded only when asked for).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { EXIT_USAGE, runCommand } from "./cli.ts";

const USAGE = `usage: parcelbox-sim <command> [options]

commands:
  run FILE...     run scenario files on the built firmware (docs/scenarios.md); --help for options
  interactive     the box in your terminal: keypad, lid, lock, LED, clock and its USB port`;

/** The interactive view's module (sim/view/index.ts), if that part of the simulator is present. */
const VIEW_ENTRY = join(dirname(fileURLToPath(import.meta.url)), "../view/index.ts");

interface ViewModule {
  USAGE: string;
  interactiveOptionsFromArgs(args: string[]): unknown;
  runInteractive(options: unknown): Promise<number>;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "run":
      return runCommand(rest);
    case "interactive":
    case "sim": {
      if (!existsSync(VIEW_ENTRY)) {
        process.stderr.write("the interactive simulator (sim/view) is not part of this checkout yet\n");
        return 1;
      }
      // Loaded only when asked for: `run` needs no terminal code.
      const view = (await import(pathToFileURL(VIEW_ENTRY).href)) as ViewModule;
      if (rest.includes("--help") || rest.includes("-h")) {
        process.stdout.write(view.USAGE + "\n");
        return 0;
      }
      let options: unknown;
      try {
        options = view.interactiveOptionsFromArgs(rest);
      } catch (error) {
        process.stderr.write(`parcelbox-sim interactive: ${(error as Error).message}\n`);
        return EXIT_USAGE;
      }
      return view.runInteractive(options);
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE + "\n");
      return command === undefined ? EXIT_USAGE : 0;
    default:
      process.stderr.write(`unknown command ${command}\n${USAGE}\n`);
      return EXIT_USAGE;
  }
}
