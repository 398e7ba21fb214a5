/**
 * `parcelbox`, the owner's tool: reads the command line, runs one command, and turns every
 * failure into a message that says what to do next and a documented exit code (./exit-codes.ts).
 */
import { listOption, parseCommandLine, stringOption, switchOption } from "./args.ts";
import { BoxError, BoxTimeout } from "./client.ts";
import {
  clockCommand,
  configCommand,
  logCommand,
  portsCommand,
  provisionCommand,
  liftCommand,
  rekeyCommand,
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
import { commandHelp, globalHelp, type CommandSpec } from "./usage.ts";

/** The global help, made from the per-command declarations (./usage.ts). */
export const HELP = globalHelp();

function parse(argv: string[]): { command: string; options: Options; help: boolean; spec: CommandSpec | undefined } {
  const line = parseCommandLine(argv);
  const s = (name: string): string | undefined => stringOption(line, name);
  const on = (name: string): boolean => switchOption(line, name);
  return {
    command: line.command,
    help: line.help,
    spec: line.spec,
    options: {
      port: s("port"),
      json: on("json"),
      csv: on("csv"),
      box: s("box"),
      secret: s("secret"),
      set: listOption(line, "set"),
      from: s("from"),
      last: s("last"),
      sync: on("sync"),
      at: s("at"),
      noQr: on("no-qr"),
      hours: s("hours"),
      days: s("days"),
      uses: s("uses"),
      label: s("label"),
      kind: s("kind"),
      zone: s("zone"),
      runtime: s("runtime"),
      noBuild: on("no-build"),
      board: s("board"),
      out: s("out"),
      positionals: line.positionals,
    },
  };
}

async function dispatch(command: string, o: Options, ctx: CliContext): Promise<void> {
  switch (command) {
    case "ports":
      return portsCommand(ctx, o);
    case "provision":
      return provisionCommand(ctx, o);
    case "rekey":
      return rekeyCommand(ctx, o);
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
      throw new CliError(EXIT_USAGE, `unknown command ${command}; \`parcelbox --help\` lists the commands`);
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
    const { command, options, help, spec } = parse(argv);
    if (help && spec) {
      ctx.output.out.write(commandHelp(spec));
      return EXIT_OK;
    }
    if (help || command === "") {
      ctx.output.out.write(HELP);
      return help ? EXIT_OK : EXIT_USAGE;
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
