/**
 * The command line, read against the declarations in ./usage.ts: each command takes exactly the
 * options declared for it. An option's value is the next word whatever it looks like, so
 * `--hours -3` reaches the range check ("from 1 to 336") instead of being taken for an option.
 * Every mistake is a CliError with exit 2 and a message naming the command's help.
 */
import { CliError, EXIT_USAGE } from "./exit-codes.ts";
import { ANY_COMMAND_OPTIONS, commandSpec, COMMANDS, type CommandSpec, type OptionSpec } from "./usage.ts";

export type OptionValue = string | true | string[];

export interface CommandLine {
  /** "" when none was given. */
  command: string;
  spec: CommandSpec | undefined;
  help: boolean;
  values: Map<string, OptionValue>;
  positionals: string[];
}

interface Given {
  name: string;
  /** The value written as --name=value, if so. */
  inline: string | undefined;
  /** The word as typed, for messages. */
  word: string;
}

/** Whether any command's option `name` takes a value (the same name means the same on every command). */
function anyTakesValue(name: string): boolean | undefined {
  for (const c of COMMANDS) for (const o of c.options) if (o.name === name) return o.value !== undefined;
  return undefined;
}

function usage(message: string, spec: CommandSpec | undefined): CliError {
  return new CliError(EXIT_USAGE, `${message}; see \`parcelbox ${spec ? `${spec.name} ` : ""}--help\``);
}

function commandsWith(name: string): string[] {
  return COMMANDS.filter((c) => c.options.some((o) => o.name === name)).map((c) => c.name);
}

export function parseCommandLine(argv: string[]): CommandLine {
  const given: { option: Given; value: string | undefined }[] = [];
  const words: string[] = [];
  let help = false;
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (optionsEnded || !word.startsWith("-") || word === "-") {
      words.push(word);
      continue;
    }
    if (word === "--") {
      optionsEnded = true;
      continue;
    }
    if (word === "-h" || word === "--help") {
      help = true;
      continue;
    }
    if (!word.startsWith("--")) {
      // A single dash: only -h is an option; "-3" is most likely a negative number.
      const spec = commandSpec(words[0] ?? "");
      throw usage(/^-\d/.test(word) ? `${word} is not an option; numbers here are whole and not negative` : `unknown option ${word}`, spec);
    }
    const equals = word.indexOf("=");
    const option: Given = { name: equals < 0 ? word.slice(2) : word.slice(2, equals), inline: equals < 0 ? undefined : word.slice(equals + 1), word };
    const takesValue = anyTakesValue(option.name);
    let value = option.inline;
    // The next word is the value whatever it looks like: `--hours -3` is a bad number, not an option.
    if (takesValue && value === undefined && i + 1 < argv.length) value = argv[++i];
    given.push({ option, value });
  }

  const command = words[0] ?? "";
  const positionals = words.slice(1);
  if (command === "help") return { command: positionals[0] ?? "", spec: commandSpec(positionals[0] ?? ""), help: true, values: new Map(), positionals: [] };
  const spec = commandSpec(command);
  if (command !== "" && spec === undefined) throw new CliError(EXIT_USAGE, `unknown command ${command}; \`parcelbox --help\` lists the commands`);
  if (help) return { command, spec, help, values: new Map(), positionals };
  if (spec === undefined) {
    if (given.length > 0) throw usage(`${given[0].option.word} needs a command before it`, undefined);
    return { command, spec, help, values: new Map(), positionals };
  }

  const values = new Map<string, OptionValue>();
  for (const { option, value } of given) {
    const declared: OptionSpec | undefined = spec.options.find((o) => o.name === option.name) ?? ANY_COMMAND_OPTIONS.find((o) => o.name === option.name);
    if (!declared) {
      const elsewhere = commandsWith(option.name);
      const hint = elsewhere.length > 0 ? ` (--${option.name} goes with ${elsewhere.join(", ")})` : "";
      throw usage(`${command} has no option --${option.name}${hint}`, spec);
    }
    if (declared.value === undefined) {
      if (option.inline !== undefined) throw usage(`--${option.name} is a switch and takes no value`, spec);
      values.set(option.name, true);
      continue;
    }
    if (value === undefined) throw usage(`--${option.name} needs a value (${declared.value})`, spec);
    const before = values.get(option.name);
    if (declared.multiple) values.set(option.name, [...(Array.isArray(before) ? before : []), value]);
    else if (before !== undefined) throw usage(`--${option.name} is given twice`, spec);
    else values.set(option.name, value);
  }
  if (positionals.length > spec.positionals.max) {
    const what = spec.positionals.max === 0 ? "no argument" : `at most ${spec.positionals.max} ${spec.positionals.name ?? "argument"}`;
    throw usage(`${command} takes ${what}, not ${positionals.slice(spec.positionals.max).join(" ")}`, spec);
  }
  return { command, spec, help, values, positionals };
}

/** The string value of `--name`, if given. */
export function stringOption(line: CommandLine, name: string): string | undefined {
  const v = line.values.get(name);
  return typeof v === "string" ? v : undefined;
}

export function switchOption(line: CommandLine, name: string): boolean {
  return line.values.get(name) === true;
}

export function listOption(line: CommandLine, name: string): string[] {
  const v = line.values.get(name);
  return Array.isArray(v) ? v : [];
}
