/** The web view's command line: `tsx sim/web/main.ts [--runtime R] [--port N] [--link PATH | --no-usb]`. */
import type { SimRuntimeName } from "../box.ts";
import { DEFAULT_LINK } from "../view/session.ts";

export const DEFAULT_PORT = 8421;

export interface WebOptions {
  runtime: SimRuntimeName;
  port: number;
  link: string | null;
  /** XDG_CONFIG_HOME for the profile the page provisions (kept); undefined: a temporary folder. */
  configHome: string | undefined;
}

export const USAGE = `usage: tsx sim/web/main.ts [--runtime espruino|nodemcu] [--port N] [--link PATH | --no-usb] [--config-home DIR]

Runs a firmware build on a virtual parcel box and serves a page showing it, on 127.0.0.1 only.
  --runtime R   espruino (default, or $RUNTIME) or nodemcu
  --port N      the page's port (default ${DEFAULT_PORT}; 0: any free port)
  --link PATH   symlink to the box's USB pseudo-terminal (default ${DEFAULT_LINK})
  --no-usb      no pseudo-terminal
  --config-home DIR  keep the profile the page provisions here (XDG_CONFIG_HOME for the owner's
                tool); default: a temporary folder, removed on exit. Either way the page shows
                the owner's tool's command line for this box`;

/** Options from command-line words; throws with a message on bad input. */
export function webOptionsFromArgs(args: string[], env: NodeJS.ProcessEnv = process.env): WebOptions {
  let runtime = env.RUNTIME && env.RUNTIME !== "" ? env.RUNTIME : "espruino";
  let port = String(DEFAULT_PORT);
  let link: string | null = DEFAULT_LINK;
  let configHome: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === "--runtime") runtime = value();
    else if (arg === "--port") port = value();
    else if (arg === "--link") link = value();
    else if (arg === "--no-usb") link = null;
    else if (arg === "--config-home") configHome = value();
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (runtime !== "espruino" && runtime !== "nodemcu") throw new Error(`--runtime takes espruino or nodemcu, not ${runtime}`);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new Error(`--port takes a port number from 0 to 65535, not ${port}`);
  return { runtime, port: Number(port), link, configHome };
}
