/**
 * What each `parcelbox` command takes, declared once: the argument parser (./args.ts) accepts
 * exactly these options per command, `parcelbox <command> --help` prints one declaration, and
 * `parcelbox --help` lists them all. A new option goes here first, or the parser refuses it.
 */

/** One option a command accepts. Without `value` it is a switch (`--json`). */
export interface OptionSpec {
  name: string;
  /** The value's placeholder in the help (`N`, `PATH`); absent for a switch. */
  value?: string;
  /** May be given several times; the values are collected in order. */
  multiple?: boolean;
  /** One short line for the command's help. */
  help: string;
}

export interface CommandSpec {
  name: string;
  /** The arguments after the command's name, as the global help's first line shows them. */
  synopsis: string;
  /** What the command does, for both helps (lines of at most ~64 characters). */
  summary: string[];
  options: OptionSpec[];
  /** How many words that are not options it takes (revoke: 1, config: any). */
  positionals: { min: number; max: number; name?: string };
  /** More for the command's own help: examples, defaults. */
  details?: string[];
}

const PORT: OptionSpec = { name: "port", value: "PATH", help: "the box's serial port (default: $PARCELBOX_PORT, else the one box found)" };
const JSON_OUT: OptionSpec = { name: "json", help: "print the result as JSON" };
const BOX: OptionSpec = { name: "box", value: "ID", help: "the box's profile on this computer (default: the only one there is)" };
const SECRET: OptionSpec = { name: "secret", value: "HEX", help: "instead of a profile: the box's master secret, its profile's secretHex (40 hex digits)" };
const NONE = { min: 0, max: 0 };

export const COMMANDS: CommandSpec[] = [
  {
    name: "ports",
    synopsis: "",
    summary: ["list serial ports and mark the ones that look like a box"],
    options: [JSON_OUT],
    positionals: NONE,
  },
  {
    name: "provision",
    synopsis: "[--box ID] [--set name=value]...",
    summary: ["give a new (or reset) box a secret, set its clock, save its", "profile and show the owner code's QR for an authenticator app"],
    options: [
      { name: "box", value: "ID", help: "the name to give the box (default: the name it reports, else box-xxxxxx)" },
      { name: "set", value: "name=value", multiple: true, help: "a setting to provision with, e.g. zoneOffsetHours=1 (`parcelbox config` lists them)" },
      { name: "no-qr", help: "print the otpauth:// URI without the QR code" },
      PORT,
      JSON_OUT,
    ],
    positionals: NONE,
    details: [
      "A provisioned box takes a new secret only signed with its current one: `parcelbox rekey`.",
      "Lost the profile? Reset the box with its service button first (owner's guide, \"Starting over\").",
    ],
  },
  {
    name: "rekey",
    synopsis: "",
    summary: ["replace the box's secret with a new one (a leak, a lost laptop):", "every code made before and the old owner code stop working"],
    options: [{ name: "no-qr", help: "print the otpauth:// URI without the QR code" }, PORT, JSON_OUT],
    positionals: NONE,
    details: [
      "Signed with the box's current secret from this laptop's profile; the profile is",
      "updated only after the box has taken the new secret. Make new codes afterwards.",
    ],
  },
  {
    name: "totp",
    synopsis: "[--box ID | --secret HEX] [--at TIME]",
    summary: ["print the current owner code (offline)"],
    options: [BOX, SECRET, { name: "at", value: "TIME", help: "the code at another time, e.g. 2026-11-28T09:00:00Z" }, JSON_OUT],
    positionals: NONE,
    details: [
      "--secret takes the master secret from the box's profile, not the authenticator app's",
      "secret from the otpauth:// URI: the app derives its own code from that one already.",
    ],
  },
  {
    name: "status",
    synopsis: "",
    summary: ["lock, lid, lock-out, alarm, clock, flash and log size"],
    options: [PORT, JSON_OUT],
    positionals: NONE,
  },
  {
    name: "lift",
    synopsis: "",
    summary: ["end a keypad lock-out after wrong codes (it is logged)"],
    options: [PORT, JSON_OUT],
    positionals: NONE,
  },
  {
    name: "log",
    synopsis: "[--from N] [--last N] [--csv]",
    summary: ["the box's audit log as a table (or CSV, or --json)"],
    options: [
      { name: "from", value: "N", help: "start at event number N (the # column)" },
      { name: "last", value: "N", help: "only the last N events" },
      { name: "csv", help: "print CSV" },
      PORT,
      JSON_OUT,
    ],
    positionals: NONE,
  },
  {
    name: "clock",
    synopsis: "[--sync]",
    summary: ["box time against this computer's; --sync sets the box's clock"],
    options: [{ name: "sync", help: "set the box's clock from this computer's first" }, PORT, JSON_OUT],
    positionals: NONE,
  },
  {
    name: "code",
    synopsis: "[--kind delivery|pickup] [--from WHEN] [--hours N | --days N] [--uses N] [--label TEXT]\n       [--box ID | --secret HEX [--zone N]]",
    summary: ["make a delivery (or pickup) code offline and print it with its", "exact window and a sentence for the shop's delivery notes"],
    options: [
      { name: "kind", value: "delivery|pickup", help: "a code for a courier (default) or for a neighbour who collects" },
      { name: "from", value: "WHEN", help: "when the code starts to open (default now)" },
      { name: "hours", value: "N", help: "how long it opens, 1 to 336 hours" },
      { name: "days", value: "N", help: "how long it opens, 1 to 14 days (default 1)" },
      { name: "uses", value: "N", help: "how often it opens (default 1 for delivery codes)" },
      { name: "label", value: "TEXT", help: "what the code is for, kept in the profile's ledger" },
      BOX,
      SECRET,
      { name: "zone", value: "N", help: "with --secret: the box's zoneOffsetHours (default 0)" },
      JSON_OUT,
    ],
    positionals: NONE,
    details: [
      'WHEN: now (default), today, tomorrow, "tomorrow 08:00", 2026-11-28, "2026-11-28 08:00"',
      "(the box's local time, UTC+zoneOffsetHours), or an ISO time with a zone.",
    ],
  },
  {
    name: "codes",
    synopsis: "[--box ID] [--sync]",
    summary: ["the codes issued from this laptop and their state; --sync reads the", "box's log to mark used ones"],
    options: [BOX, { name: "sync", help: "read the box's log first, to mark the codes used" }, PORT, JSON_OUT],
    positionals: NONE,
  },
  {
    name: "revoke",
    synopsis: "ID|DIGITS|LABEL",
    summary: ["stop a delivery or pickup code from opening the box"],
    options: [PORT, JSON_OUT],
    positionals: { min: 0, max: 1, name: "ID|DIGITS|LABEL" },
    details: ["The code's id (D-60123-24-0), its 8 digits or its label: `parcelbox codes` lists them."],
  },
  {
    name: "config",
    synopsis: "[name[=value]]...",
    summary: ["show the box's settings, or change some"],
    options: [PORT, JSON_OUT],
    positionals: { min: 0, max: Infinity, name: "name[=value]" },
    details: ["Every name=value is checked before the first is sent: a typo changes nothing."],
  },
  {
    name: "flash",
    synopsis: "--runtime espruino|nodemcu [--port PATH] [--no-build]",
    summary: ["build the firmware and upload it (Espruino: saved to .bootcde)"],
    options: [
      { name: "runtime", value: "espruino|nodemcu", help: "which firmware: the Espruino file, or the NodeMCU steps" },
      { name: "no-build", help: "upload build/ as it is, without `make build` first" },
      PORT,
      JSON_OUT,
    ],
    positionals: NONE,
  },
  {
    name: "wiring",
    synopsis: "--board NAME [--out FILE]",
    summary: ["the board's wiring diagram as SVG (stdout without --out); no box", "needed. NAME: a board profile from docs/boards.md"],
    options: [
      { name: "board", value: "NAME", help: "the board profile (espruino-pico, esp32-nodemcu, ...)" },
      { name: "out", value: "FILE", help: "write the SVG here instead of stdout" },
    ],
    positionals: NONE,
  },
];

/** The option every command takes. */
export const HELP_OPTION: OptionSpec = { name: "help", help: "this command's help" };

/**
 * Taken by every command, so a script may always pass the box's port (the demo and the end-to-end
 * tests do); a command that needs no box ignores it. Each command's help lists it only where used.
 */
export const ANY_COMMAND_OPTIONS: OptionSpec[] = [PORT];

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

const EXIT_CODES = `exit codes: 0 ok, 1 unexpected failure, 2 wrong command line, 3 no box / port problem,
            4 the box refused, 5 no profile or authentication refused, 6 the box did not answer,
            7 flash: no upload tool for this runtime here (the manual steps are printed)`;

const SUMMARY_COLUMN = 30;

function commandLines(spec: CommandSpec): string[] {
  const head = `  ${spec.name}${spec.synopsis ? ` ${spec.synopsis}` : ""}`.split("\n");
  const lines: string[] = [];
  const last = head[head.length - 1];
  lines.push(...head.slice(0, -1));
  if (head.length === 1 && last.length < SUMMARY_COLUMN - 1) {
    lines.push(last.padEnd(SUMMARY_COLUMN) + spec.summary[0]);
    for (const more of spec.summary.slice(1)) lines.push(" ".repeat(SUMMARY_COLUMN) + more);
  } else {
    lines.push(last);
    for (const s of spec.summary) lines.push(" ".repeat(SUMMARY_COLUMN) + s);
  }
  return lines;
}

/** `parcelbox --help`: every command's synopsis and summary. */
export function globalHelp(): string {
  return [
    "parcelbox: the owner's tool for a parcelbox (USB protocol PB2, docs/protocol.md)",
    "",
    "usage: parcelbox <command> [options]       parcelbox <command> --help: that command's options",
    "",
    "commands:",
    ...COMMANDS.flatMap(commandLines),
    "",
    "options most commands take:",
    "  --port PATH    the box's serial port (default: $PARCELBOX_PORT, else the one box found)",
    "  --json         print data as JSON (every command that prints data)",
    "  -h, --help     this help, or with a command that command's help",
    "",
    EXIT_CODES,
    "profiles: $XDG_CONFIG_HOME/parcelbox/boxes/<box>.json (default ~/.config/...), readable only by you",
    "",
  ].join("\n");
}

/** `parcelbox <command> --help`: its synopsis, what it does, every option it takes. */
export function commandHelp(spec: CommandSpec): string {
  const options = [...spec.options, HELP_OPTION].map((o) => {
    const flag = o.name === "help" ? "-h, --help" : `--${o.name}${o.value ? ` ${o.value}` : ""}${o.multiple ? " (repeatable)" : ""}`;
    return `  ${flag.padEnd(28)} ${o.help}`;
  });
  return [
    `usage: parcelbox ${spec.name}${spec.synopsis ? ` ${spec.synopsis.replace(/\n\s*/g, " ")}` : ""}`,
    "",
    ...spec.summary.map((s, i) => (i === 0 ? s.charAt(0).toUpperCase() + s.slice(1) : s)),
    ...(spec.details ? ["", ...spec.details] : []),
    "",
    "options:",
    ...options,
    "",
    EXIT_CODES,
    "",
  ].join("\n");
}
