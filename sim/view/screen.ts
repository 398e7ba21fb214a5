/**
 * The whole terminal screen as lines, from a ViewState: a pure function, so tests can check
 * that everything fits an 80x24 terminal without a terminal. Nothing here reads the board.
 *
 *  parcelbox simulator | Espruino build on espruino-pico | box pb-212004
 *                                                               (blank)
 *    +-------------+   LED      green           Buzzer  off
 *    | 1   2   3   |   Lock     locked          Coil    off, max 1.5 s
 *    ...keypad...      Lid, Lock-out, Clock UTC and local, Power, Keys
 *  -- Box log ---------------------------------------------------------
 *    six newest entries (more when the terminal is taller)
 *  -- Owner's tool over USB -------------------------------------------
 *    port path, the command line for the owner's tool, the demo codes
 *  message line
 *  two help lines with the keys
 */
import { KEYPAD_LAYOUT } from "../../firmware/core/matrix.ts";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import type { LedColour } from "../state/outputs.ts";
import type { LogLine, ViewState } from "./state.ts";
import { fit, pad, paint, type Style } from "./text.ts";

export const MIN_WIDTH = 80;
export const MIN_HEIGHT = 24;

/** Screen lines besides the log's entries. */
const FIXED_LINES = 18;

export const HELP_LINES = [
  "Keys: 0-9 * # keypad (Enter = #)  o open lid  c close lid  s service (hold)",
  "h home relay  p power cut  m +1 min  t +1 hour  d +1 day  n new code  q quit",
];

export function renderScreen(state: ViewState, width: number, height: number): string[] {
  if (width < MIN_WIDTH || height < MIN_HEIGHT) return tooSmall(state, width, height);
  const c = state.colour;
  const lines: string[] = [];
  lines.push(title(state, width));
  // What the simulated board would be on hardware: the guide and this view must not disagree.
  lines.push(paint(c, "dim", ` docs/boards.md: ${state.boardFit}`));
  const keypad = keypadLines(state);
  const status = statusLines(state);
  for (let i = 0; i < status.length; i++) lines.push(pad(keypad[i] ?? "", 20) + status[i]);
  lines.push(rule(c, "Box log", state.logNote, width));
  const logRows = height - FIXED_LINES;
  const shown = state.log.slice(-logRows);
  for (let i = 0; i < logRows; i++) {
    const entry = shown[i];
    lines.push(entry ? logLine(entry) : i === 0 ? paint(c, "dim", "  (nothing logged yet)") : "");
  }
  lines.push(usbRule(state, width));
  lines.push(...usbLines(state));
  lines.push(demoLine(state));
  lines.push(state.fastForward ? paint(c, "yellow", state.fastForward) : paint(c, "bold", state.message));
  for (const help of HELP_LINES) lines.push(paint(c, "dim", help));
  return lines.map((line) => fit(line, width));
}

function tooSmall(state: ViewState, width: number, height: number): string[] {
  const words = [
    `parcelbox simulator: this terminal is ${width}x${height};`,
    `the view needs ${MIN_WIDTH}x${MIN_HEIGHT}.`,
    "Make the window larger.",
    "The box keeps running: q quits.",
  ];
  return words.slice(0, Math.max(1, height)).map((line) => paint(state.colour, "bold", fit(line, Math.max(1, width))));
}

function title(state: ViewState, width: number): string {
  const build = state.runtime === "espruino" ? "Espruino build" : "NodeMCU build";
  const text = ` parcelbox simulator | ${build} on ${state.board} | box ${state.boxId ?? "(no id yet)"}`;
  return paint(state.colour, "inverse", pad(text, width));
}

function rule(colour: boolean, name: string, note: string | undefined, width: number): string {
  const head = `-- ${name} ` + (note ? `(${note}) ` : "");
  return paint(colour, "cyan", head + "-".repeat(Math.max(0, width - head.length)));
}

// ------------------------------------------------------------------------------------------
// keypad

function keypadLines(state: ViewState): string[] {
  const c = state.colour;
  const lines = ["  +-------------+"];
  for (const row of KEYPAD_LAYOUT) {
    const cells = row.split("").map((key) => (state.keysDown.includes(key) ? paint(c, "inverse", `[${key}]`) : ` ${key} `));
    lines.push(`  | ${cells.join(" ")} |`);
  }
  lines.push("  +-------------+");
  const queued = state.keysQueued === "" ? "" : ` next: ${state.keysQueued}`;
  lines.push(fit(`   keypad${queued}`, 19));
  return lines;
}

// ------------------------------------------------------------------------------------------
// status

const LED_STYLE: Record<LedColour, Style> = { off: "dim", green: "onGreen", red: "onRed", amber: "onYellow" };

function statusLines(state: ViewState): string[] {
  const c = state.colour;
  const rows: Array<[string, string, string, string]> = [
    ["LED", led(state), "Buzzer", buzzer(state)],
    ["Lock", lock(state), "Coil", coil(state)],
    ["Lid", state.lidOpen ? paint(c, "yellow", "OPEN") : "closed", "Alarm", alarm(state)],
    ["Lock-out", lockout(state), "Service", state.serviceHeld ? paint(c, "yellow", "held") : "up"],
    ["Clock", clockUtc(state), "", ""],
    ["Local", clockLocal(state), "", ""],
    ["Power", state.powered ? `on, boot ${state.boots}` : paint(c, "red", "OFF"), "Signal", state.deliverySignal ? paint(c, "green", "delivery ON") : "off"],
  ];
  return rows.map(([l1, v1, l2, v2]) => {
    if (l2 === "") return pad(l1, 9) + v1;
    return pad(l1, 9) + pad(v1, 24) + " " + pad(l2, 8) + v2;
  });
}

function led(state: ViewState): string {
  const now = paint(state.colour, LED_STYLE[state.led], state.colour ? ` ${state.led} ` : state.led === "off" ? "off" : state.led.toUpperCase());
  const recent = state.led === "off" && state.ledRecent && state.ledRecent.agoMs < 60_000 ? ` (${state.ledRecent.colour} ${ago(state.ledRecent.agoMs)})` : "";
  return now + paint(state.colour, "dim", recent);
}

function buzzer(state: ViewState): string {
  if (state.buzzer) return paint(state.colour, "yellow", "BEEP");
  return state.buzzerAgoMs !== undefined && state.buzzerAgoMs < 60_000 ? `off (${ago(state.buzzerAgoMs)})` : "off";
}

function lock(state: ViewState): string {
  if (state.lock === undefined) return state.provisioned === false ? "locked (no secret)" : "?";
  // STATUS says lock=unlocked for a lid forced open (it is not latched shut), but the coil never
  // released it: "UNLOCKED" beside "Coil off (never on)" reads as a contradiction.
  if (state.alarm === "forced") return paint(state.colour, "red", "FORCED open");
  return state.lock === "unlocked" ? paint(state.colour, "green", "UNLOCKED") : "locked";
}

/** Whether the coil is on now, and the longest it has ever been on (it must stay under 5 s). */
function coil(state: ViewState): string {
  const longest = `(max ${seconds(state.coilLongestMs)})`;
  if (state.coilEnergised) return paint(state.colour, "yellow", "ON") + ` ${longest}`;
  return state.coilPulses === 0 ? "off (never on)" : `off ${longest}`;
}

function alarm(state: ViewState): string {
  if (state.alarm === undefined) return "?";
  return state.alarm === "none" ? "none" : paint(state.colour, "red", state.alarm);
}

function lockout(state: ViewState): string {
  if (state.lockoutSeconds === undefined) return "?";
  const wrong = state.wrongCodes === undefined ? "" : `, ${state.wrongCodes} wrong`;
  if (state.lockoutSeconds <= 0) return `none${wrong}`;
  return paint(state.colour, "red", duration(state.lockoutSeconds)) + wrong;
}

function clockUtc(state: ViewState): string {
  if (state.boxSeconds === undefined) return "? (box not asked yet)";
  if (state.boxSeconds < 0) return paint(state.colour, "red", "not set") + " (the box refuses codes until it is)";
  return `${isoMinute(state.boxSeconds)} UTC (box time)`;
}

function clockLocal(state: ViewState): string {
  if (state.boxSeconds === undefined || state.boxSeconds < 0) return "-";
  const date = new Date((state.boxSeconds + BOX_EPOCH_UNIX) * 1000);
  try {
    const parts = new Intl.DateTimeFormat("en-GB", {
      timeZone: state.timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    }).formatToParts(date);
    const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? "??";
    return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}:${part("second")} ${state.timeZone}`;
  } catch {
    return `(unknown time zone ${state.timeZone})`;
  }
}

// ------------------------------------------------------------------------------------------
// log, USB, demo

function logLine(entry: LogLine): string {
  const when = entry.boxSeconds < 0 ? "clock not set".padEnd(15) : isoMinute(entry.boxSeconds).slice(5) + "Z";
  const index = entry.index === undefined ? "  *" : String(entry.index).padStart(3);
  return `${index} ${when}  ${entry.kind.padEnd(14)} ${entry.details}`;
}

function usbLines(state: ViewState): string[] {
  if (!state.usbPath) return ["The owner's tool cannot reach this box: it has no USB port.", "", ""];
  const port = state.usbLink ?? state.usbPath;
  // Without its link (another simulator holds it) the box says why, in place of the first line.
  const unlinked = !state.usbLink && state.usbNote ? `No link: ${state.usbNote}. Use the pty:` : undefined;
  if (!state.configHome) return [unlinked ?? "In another terminal, provision the box with the owner's tool:", `  npx parcelbox provision --port ${port}`, ""];
  return [
    unlinked ?? "In another terminal (the demo box's profile is in a temporary folder):",
    `  export XDG_CONFIG_HOME=${state.configHome}`,
    `  npx parcelbox status --port ${port}`,
  ];
}

/** The rule above the USB lines names the port: where the owner's tool finds the box. */
function usbRule(state: ViewState, width: number): string {
  const c = state.colour;
  if (!state.usbPath) return rule(c, `USB port: none (${state.usbNote ?? "no pseudo-terminal"})`, undefined, width);
  const where = state.usbLink ? `${state.usbLink} -> ${state.usbPath}` : state.usbPath;
  return rule(c, `USB port ${where}`, undefined, width);
}

function demoLine(state: ViewState): string {
  const c = state.colour;
  const parts: string[] = [];
  if (state.demoCode) {
    const d = state.demoCode;
    if (d.usedUp) parts.push(`Delivery code ${d.code} is used up: press n for a new one`);
    else parts.push(`Delivery code ${paint(c, "bold", d.code)} then #  (${d.uses} use${d.uses === 1 ? "" : "s"}, to ${isoMinute(d.untilBoxSeconds).slice(5, 16)}Z)`);
  }
  if (state.ownerCode) parts.push(`owner ${paint(c, "bold", state.ownerCode.code)} (${state.ownerCode.secondsLeft} s)`);
  if (parts.length === 0) return state.provisioned === false ? "Box not provisioned: npx parcelbox provision --port <USB port>" : "";
  return parts.join("   ");
}

// ------------------------------------------------------------------------------------------
// numbers

/** "2026-11-28 17:45:12" in UTC. */
function isoMinute(boxSeconds: number): string {
  return new Date((boxSeconds + BOX_EPOCH_UNIX) * 1000).toISOString().slice(0, 19).replace("T", " ");
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function ago(ms: number): string {
  return `${seconds(ms)} ago`;
}

/** "45 s", "12 min", "3 h 05 min". */
export function duration(totalSeconds: number): string {
  const s = Math.ceil(totalSeconds);
  if (s < 120) return `${s} s`;
  if (s < 3600) return `${Math.ceil(s / 60)} min`;
  const h = Math.floor(s / 3600);
  return `${h} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}
