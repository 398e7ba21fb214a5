/**
 * `parcelbox`, the owner's tool: reads the command line, runs one command, and turns every
 * failure into a message that says what to do next and a documented exit code (./exit-codes.ts).
 */
import { parseArgs } from "node:util";
import { BoxError, BoxTimeout } from "./client.ts";
import {
  clockCommand,
  configCommand,
  logCommand,
  portsCommand,
  provisionCommand,
  liftCommand,
  statusCommand,
  totpCommand,
  type Options,
} from "./commands.ts";
import { codeCommand, codesCommand, revokeCommand } from "./code-commands.ts";
import { flashCommand } from "./flash.ts";
import { wiringCommand } from "./wiring-command.ts";
import { processContext, type CliContext } from "./context.ts";
import { CliError, EXIT_AUTH, EXIT_FAILED, EXIT_OK, EXIT_REFUSED, EXIT_TIMEOUT, EXIT_USAGE } from "./exit-codes.ts";
import { paint } from "./output.ts";

export const HELP = `parcelbox: the owner's tool for a parcelbox (USB protocol PB1, docs/protocol.md)

usage: parcelbox <command> [options]

commands:
  ports                       list serial ports and mark the ones that look like a box
  provision [--box ID] [--set name=value]...
                              give an unprovisioned box a new secret, set its clock, save its
                              profile and show the owner code's QR for an authenticator app
  totp (--box ID | --secret BASE32) [--at TIME]
                              print the current owner code (offline)
  status                      lock, lid, lock-out, alarm, clock, flash and log size
  lift                        end a keypad lock-out after wrong codes (it is logged)
  log [--from N] [--last N] [--csv]
                              the box's audit log as a table (or CSV, or --json)
  clock [--sync]              box time against this computer's; --sync sets the box's clock
  code [--kind delivery|pickup] [--from WHEN] [--hours N | --days N] [--uses N] [--label TEXT]
       [--box ID | --secret BASE32 [--zone N]]
                              make a delivery (or pickup) code offline and print it with its
                              exact window and a sentence for the shop's delivery notes
                              WHEN: now (default), today, tomorrow, "tomorrow 08:00", 2026-11-28,
                              "2026-11-28 08:00" (the box's local time, UTC+zoneOffsetHours), or
                              an ISO time with a zone; length default 1 day
  codes [--box ID] [--sync]   the codes issued from this laptop and their state; --sync reads the
                              box's log to mark used ones
  revoke ID|DIGITS|LABEL      stop a delivery or pickup code from opening the box
  config [name[=value]]...    show the box's settings, or change some
  flash --runtime espruino|nodemcu [--port PATH] [--no-build]
                              build the firmware and upload it (Espruino: saved to .bootcde)
  wiring --board NAME [--out FILE]
                              the board's wiring diagram as SVG (stdout without --out); no box
                              needed. NAME: a board profile from docs/boards.md

options:
  --port PATH    the box's serial port (default: $PARCELBOX_PORT, else the one box found)
  --json         print data as JSON (every command that prints data)
  --no-qr        provision: print the otpauth:// URI without the QR code
  -h, --help     this help

exit codes: 0 ok, 1 unexpected failure, 2 wrong command line, 3 no box / port problem,
            4 the box refused, 5 no profile or authentication refused, 6 the box did not answer,
            7 flash: no upload tool for this runtime here (the manual steps are printed)
profiles: $XDG_CONFIG_HOME/parcelbox/boxes/<box>.json (default ~/.config/...), readable only by you
`;

function parse(argv: string[]): { command: string; options: Options; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: "string" },
        json: { type: "boolean", default: false },
        csv: { type: "boolean", default: false },
        box: { type: "string" },
        secret: { type: "string" },
        set: { type: "string", multiple: true, default: [] },
        from: { type: "string" },
        last: { type: "string" },
        sync: { type: "boolean", default: false },
        at: { type: "string" },
        "no-qr": { type: "boolean", default: false },
        hours: { type: "string" },
        days: { type: "string" },
        uses: { type: "string" },
        label: { type: "string" },
        kind: { type: "string" },
        zone: { type: "string" },
        runtime: { type: "string" },
        "no-build": { type: "boolean", default: false },
        board: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new CliError(EXIT_USAGE, `${error instanceof Error ? error.message : String(error)}; see \`parcelbox --help\``);
  }
  const v = parsed.values;
  const [command = "", ...positionals] = parsed.positionals;
  return {
    command,
    help: v.help,
    options: {
      port: v.port,
      json: v.json,
      csv: v.csv,
      box: v.box,
      secret: v.secret,
      set: v.set,
      from: v.from,
      last: v.last,
      sync: v.sync,
      at: v.at,
      noQr: v["no-qr"],
      hours: v.hours,
      days: v.days,
      uses: v.uses,
      label: v.label,
      kind: v.kind,
      zone: v.zone,
      runtime: v.runtime,
      noBuild: v["no-build"],
      board: v.board,
      out: v.out,
      positionals,
    },
  };
}

const TAKES_ARGUMENTS = ["revoke", "config"];

async function dispatch(command: string, o: Options, ctx: CliContext): Promise<void> {
  if (o.positionals.length > 0 && !TAKES_ARGUMENTS.includes(command)) {
    throw new CliError(EXIT_USAGE, `${command} takes no argument "${o.positionals[0]}"; see \`parcelbox --help\``);
  }
  switch (command) {
    case "ports":
      return portsCommand(ctx, o);
    case "provision":
      return provisionCommand(ctx, o);
    case "totp":
      return totpCommand(ctx, o);
    case "status":
      return statusCommand(ctx, o);
    case "lift":
      return liftCommand(ctx, o);
    case "log":
      return logCommand(ctx, o);
    case "clock":
      return clockCommand(ctx, o);
    case "revoke":
      return revokeCommand(ctx, o);
    case "config":
      return configCommand(ctx, o);
    case "code":
      return codeCommand(ctx, o);
    case "codes":
      return codesCommand(ctx, o);
    case "flash":
      return flashCommand(ctx, o);
    case "wiring":
      return wiringCommand(ctx, o);
    default:
      throw new CliError(EXIT_USAGE, `unknown command "${command}"; see \`parcelbox --help\``);
  }
}

/** What the box's refusal means for the owner. */
function boxErrorMessage(error: BoxError): { code: number; message: string } {
  switch (error.code) {
    case "E_AUTH":
      return { code: EXIT_AUTH, message: `the box rejected this computer's key (${error.message}): the profile does not hold this box's secret` };
    case "E_REPLAY":
    case "E_EXPIRED":
      return { code: EXIT_REFUSED, message: `the box refused the request's nonce (${error.message}): try again; if it keeps happening, another program is using the port` };
    case "E_SERVICE_ONLY":
      return { code: EXIT_REFUSED, message: `${error.message}` };
    case "E_BUSY":
      return { code: EXIT_REFUSED, message: `the box is busy (${error.message}): try again in a moment` };
    default:
      return { code: EXIT_REFUSED, message: `the box refused: ${error.code} ${error.message}` };
  }
}

export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const fail = (code: number, message: string): number => {
    ctx.output.err.write(`${paint(ctx.output, "red", "parcelbox:")} ${message}\n`);
    return code;
  };
  try {
    const { command, options, help } = parse(argv);
    if (help || command === "" || command === "help") {
      ctx.output.out.write(HELP);
      return command === "" && !help ? EXIT_USAGE : EXIT_OK;
    }
    await dispatch(command, options, ctx);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CliError) return fail(error.exitCode, error.message);
    if (error instanceof BoxError) {
      const m = boxErrorMessage(error);
      return fail(m.code, m.message);
    }
    if (error instanceof BoxTimeout) {
      return fail(EXIT_TIMEOUT, `${error.message}: check the cable and that the box runs parcelbox firmware (\`parcelbox ports\`)`);
    }
    // A stack trace helps a developer, not an owner: PARCELBOX_DEBUG=1 shows it.
    const debug = ctx.env.PARCELBOX_DEBUG !== undefined && ctx.env.PARCELBOX_DEBUG !== "";
    return fail(EXIT_FAILED, error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error));
  }
}

export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), processContext());
}
