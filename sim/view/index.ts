/**
 * `make sim`: the real firmware build on the virtual box, in the terminal. A drawn keypad, the
 * lid, service button, home relay, power and time under single keys, the box's light, sound,
 * lock, clock and log live, and its USB port as a pseudo-terminal for the owner's tool.
 *
 * The view only reads the board (session.snapshot) and sends it inputs (keys.ts); renderScreen
 * (screen.ts) turns a snapshot into lines and nothing else.
 */
import type { Key } from "node:readline";
import type { SimRuntimeName } from "../box.ts";
import { actionFor, apply } from "./keys.ts";
import { renderScreen } from "./screen.ts";
import { DEFAULT_LINK, SimSession } from "./session.ts";
import { Terminal, wantsColour, type TerminalStreams } from "./terminal.ts";

export { renderScreen, MIN_HEIGHT, MIN_WIDTH, HELP_LINES } from "./screen.ts";
export type { ViewState, LogLine, DemoCode } from "./state.ts";
export { SimSession, type SessionOptions } from "./session.ts";
export { actionFor, apply, type Action } from "./keys.ts";

const FRAME_MS = 100;

export interface InteractiveOptions {
  runtime?: SimRuntimeName;
  /** Provision a demo box and print a code for it (default true); false: a blank box. */
  demo?: boolean;
  /** Symlink to the USB pseudo-terminal (default /tmp/parcelbox-usb); null: no pseudo-terminal. */
  link?: string | null;
  /** XDG_CONFIG_HOME for the demo profile (default: a temporary folder, removed on quit). */
  configHome?: string;
  input?: TerminalStreams["input"];
  output?: TerminalStreams["output"];
  env?: NodeJS.ProcessEnv;
}

export const USAGE = `usage: parcelbox-sim interactive [--runtime espruino|nodemcu] [--blank] [--link PATH | --no-usb] [--config-home DIR]

Runs a firmware build on a virtual parcel box in this terminal (80x24 or larger).
  --runtime R        espruino (default, or $RUNTIME) or nodemcu
  --blank            start with an unprovisioned box instead of the provisioned demo box
  --link PATH        symlink to the box's USB pseudo-terminal (default ${DEFAULT_LINK})
  --no-usb           no pseudo-terminal
  --config-home DIR  keep the demo box's profile here (XDG_CONFIG_HOME for the owner's tool);
                     default: a temporary folder removed on quit`;

/** Options from command-line words (after `interactive`); throws with a message on bad input. */
export function interactiveOptionsFromArgs(args: string[], env: NodeJS.ProcessEnv = process.env): InteractiveOptions {
  const options: InteractiveOptions = {};
  const runtime = env.RUNTIME && env.RUNTIME !== "" ? env.RUNTIME : "espruino";
  let chosen = runtime;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === "--runtime") chosen = value();
    else if (arg.startsWith("--runtime=")) chosen = arg.slice("--runtime=".length);
    else if (arg === "--blank") options.demo = false;
    else if (arg === "--link") options.link = value();
    else if (arg === "--no-usb") options.link = null;
    else if (arg === "--config-home") options.configHome = value();
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (chosen !== "espruino" && chosen !== "nodemcu") throw new Error(`--runtime takes espruino or nodemcu, not ${chosen}`);
  options.runtime = chosen;
  return options;
}

/** Runs until the user quits; resolves with the exit code. */
export async function runInteractive(options: InteractiveOptions = {}): Promise<number> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const env = options.env ?? process.env;
  const runtime = options.runtime ?? "espruino";
  const colour = wantsColour(output, env);
  output.write(`Starting the ${runtime === "espruino" ? "Espruino" : "NodeMCU"} build on the virtual box...\n`);
  const session = await SimSession.start({ runtime, demo: options.demo, link: options.link, configHome: options.configHome, colour });

  return new Promise<number>((resolve) => {
    let finished = false;
    const finish = (code: number, why?: string): void => {
      if (finished) return;
      finished = true;
      clearInterval(frames);
      for (const signal of SIGNALS) process.removeListener(signal, onSignal);
      input.removeListener("end", onEnd);
      terminal.restore();
      void session.close().then(
        () => {
          const usb = session.usb ? ` Its USB port${session.usb.link ? ` and ${session.usb.link}` : ""} are gone.` : "";
          output.write(`${why ?? "parcelbox simulator stopped."}${usb}\n`);
          resolve(code);
        },
        (error: Error) => {
          output.write(`parcelbox simulator: could not shut down cleanly: ${error.message}\n`);
          resolve(1);
        },
      );
    };
    const onKey = (text: string | undefined, key: Key | undefined): void => {
      const action = actionFor(text ?? key?.sequence, key?.ctrl ?? false);
      if (!action) return;
      if (apply(session, action)) finish(0);
      else draw();
    };
    const onSignal = (signal: NodeJS.Signals): void => finish(signal === "SIGINT" ? 0 : 1, `parcelbox simulator stopped (${signal}).`);
    const onEnd = (): void => finish(0, "parcelbox simulator stopped: its input closed.");
    const terminal = new Terminal({ input, output }, onKey);
    const draw = (): void => {
      try {
        session.tick();
        const { width, height } = terminal.size();
        terminal.draw(renderScreen(session.snapshot(), width, height));
      } catch (error) {
        finish(1, `parcelbox simulator failed: ${(error as Error).stack ?? String(error)}`);
      }
    };
    for (const signal of SIGNALS) process.on(signal, onSignal);
    input.on("end", onEnd);
    terminal.start();
    session.runRealTime();
    const frames = setInterval(draw, FRAME_MS);
    draw();
  });
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
