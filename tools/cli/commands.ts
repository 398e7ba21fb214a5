/**
 * The owner's commands. Each takes the parsed options and the context, prints its result
 * (as text or, with --json, one JSON value on stdout) and returns nothing; failures are thrown as
 * CliError with the exit code and a message saying what to do next.
 */
import "../lib/intrinsics-global.ts";
import { rmSync } from "node:fs";
import qrcodeTerminal from "qrcode-terminal";
import { deriveKeys, ownerOtpauthUri, SECRET_BYTES } from "../../firmware/core/codes/host.ts";
import { AUTHENTICATOR_TOTP, totp } from "../../firmware/core/otp/totp.ts";
import type { UsbCommandName } from "../../firmware/core/usb/commands.ts";
import { field } from "../../firmware/core/host/protocol.ts";
import type { UsbField } from "../../firmware/core/usb/protocol.ts";
import { nodeHasher } from "../lib/node-hasher.ts";
import { boxSecondsOf, dateOfBoxSeconds, showBoxTime } from "./box-time.ts";
import { BoxError, BoxTimeout, value, type BoxClient } from "./client.ts";
import { profileFor, usbKeyOf, withBox, type Hello } from "./connect.ts";
import type { CliContext } from "./context.ts";
import { CliError, EXIT_REFUSED, EXIT_TIMEOUT, EXIT_USAGE } from "./exit-codes.ts";
import { readLog } from "./log-read.ts";
import { chosenProfile } from "./code-commands.ts";
import { masterSecret } from "./secret.ts";
import { counted, csv, paint, printJson, println, table } from "./output.ts";
import { commitProfile, writePendingProfile, writeProfile, type BoxProfile } from "./profile.ts";

export interface Options {
  port?: string;
  json: boolean;
  csv: boolean;
  box?: string;
  secret?: string;
  set: string[];
  from?: string;
  last?: string;
  sync: boolean;
  at?: string;
  noQr: boolean;
  hours?: string;
  days?: string;
  uses?: string;
  label?: string;
  kind?: string;
  zone?: string;
  runtime?: string;
  noBuild?: boolean;
  /** wiring: the board profile's name. */
  board?: string;
  /** wiring: the file to write instead of stdout. */
  out?: string;
  positionals: string[];
}

const latin1 = (bytes: Buffer): string => bytes.toString("latin1");

function fieldsObject(fields: UsbField[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, f.value]));
}

function integerOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new CliError(EXIT_USAGE, `--${name} takes a whole number`);
  return Number(text);
}

// ---------------------------------------------------------------------------------------------

export async function portsCommand(ctx: CliContext, o: Options): Promise<void> {
  const ports = await ctx.listPorts();
  if (o.json) return printJson(ctx.output, ports);
  if (ports.length === 0) return println(ctx.output, "no serial ports found; plug the box in over USB");
  const rows = [["port", "usb id", "manufacturer", "box?"]];
  for (const p of ports) {
    const id = p.vendorId ? `${p.vendorId}:${p.productId}` : "-";
    rows.push([p.path, id, p.manufacturer || "-", p.boxHint ? paint(ctx.output, "green", p.boxHint) : "-"]);
  }
  println(ctx.output, table(rows));
}

// ---------------------------------------------------------------------------------------------

function settingFields(pairs: string[]): UsbField[] {
  return pairs.map((pair) => {
    const m = /^([A-Za-z0-9._-]+)=(-?\d+)$/.exec(pair);
    if (!m) throw new CliError(EXIT_USAGE, `--set takes name=whole-number, e.g. --set unlockPulseMs=1500 (got "${pair}")`);
    return field(m[1], m[2]);
  });
}

function showOwnerKey(ctx: CliContext, o: Options, uri: string): void {
  println(ctx.output, "");
  println(ctx.output, "Add the owner code to your authenticator app: scan this QR code, or enter the URI.");
  if (!o.noQr) qrcodeTerminal.generate(uri, { small: true }, (qr) => println(ctx.output, qr));
  println(ctx.output, uri);
}

/**
 * Sends PROVISION with a fresh secret from the OS random source, unsigned to a blank box or signed
 * with `signer` (the old secret's USB key) to replace a secret. The new secret is on disk before
 * it is sent (`<box>.json.new`), so a lost answer does not lose it; the profile itself is replaced
 * only once the box said OK, so a refusal leaves the working profile as it was.
 */
async function sendNewSecret(ctx: CliContext, client: BoxClient, profile: BoxProfile, settings: UsbField[], signer: string | undefined): Promise<{ path: string; uri: string }> {
  const secret = ctx.randomBytes(SECRET_BYTES);
  profile.secretHex = secret.toString("hex");
  profile.provisionedAt = ctx.now().toISOString();
  const pending = writePendingProfile(ctx.env, profile);
  const fields = [field("secret", profile.secretHex), field("clock", String(boxSecondsOf(ctx.now()))), field("box", profile.boxId), ...settings];
  let reply;
  try {
    reply = signer === undefined ? await client.request("PROVISION", fields) : await client.signed("PROVISION", fields, signer);
  } catch (error) {
    // Refused: the box never took the secret. No answer: it may have; keep the secret.
    if (error instanceof BoxError) rmSync(pending, { force: true });
    if (error instanceof BoxTimeout) {
      throw new CliError(
        EXIT_TIMEOUT,
        `the box did not answer PROVISION; the new secret is kept in ${pending}. If \`parcelbox status\` is refused with the profile you have, the box took it: rename ${pending} to ${profile.boxId}.json`,
      );
    }
    throw error;
  }
  profile.boxId = value(reply.fields, "box") || profile.boxId;
  const path = commitProfile(ctx.env, pending, profile);
  return { path, uri: ownerOtpauthUri(deriveKeys(nodeHasher, latin1(secret)).ownerKey, profile.boxId) };
}

export async function provisionCommand(ctx: CliContext, o: Options): Promise<void> {
  const settings = settingFields(o.set);
  await withBox(ctx, o.port, async (client, hello) => {
    if (hello.provisioned) {
      throw new CliError(
        EXIT_REFUSED,
        `box ${hello.boxId} is already provisioned. To give it a new secret, run \`parcelbox rekey\` (it needs this box's profile). ` +
          "If you have lost the profile, reset the box with its service button first (docs/owner-guide.md, \"Starting over\")",
      );
    }
    const profile: BoxProfile = {
      boxId: o.box ?? (hello.boxId !== "" ? hello.boxId : `box-${ctx.randomBytes(3).toString("hex")}`),
      secretHex: "",
      provisionedAt: "",
      model: hello.model,
      firmware: hello.firmware,
      runtime: hello.runtime,
      board: hello.board,
      zoneOffsetHours: Number(settings.find((f) => f.key === "zoneOffsetHours")?.value ?? 0),
      codes: [],
    };
    const { path, uri } = await sendNewSecret(ctx, client, profile, settings, undefined);
    if (o.json) return printJson(ctx.output, { box: profile.boxId, profile: path, otpauth: uri });
    println(ctx.output, paint(ctx.output, "green", `Box ${profile.boxId} is provisioned and its clock is set.`));
    println(ctx.output, `Its secret is in ${path} (readable only by you). Keep a backup: without it the box can only be reset by its service button.`);
    showOwnerKey(ctx, o, uri);
  });
}

/**
 * `parcelbox rekey`: replaces a secret that may have leaked, in one signed PROVISION (docs/protocol.md).
 * Every code made before, the owner's authenticator entry and the old USB key stop working at once.
 */
export async function rekeyCommand(ctx: CliContext, o: Options): Promise<void> {
  await withBox(ctx, o.port, async (client, hello) => {
    const profile = profileFor(ctx, hello);
    const oldKey = usbKeyOf(profile);
    const dropped = (profile.codes ?? []).length;
    profile.codes = [];
    profile.firmware = hello.firmware;
    const { path, uri } = await sendNewSecret(ctx, client, profile, [], oldKey);
    if (o.json) return printJson(ctx.output, { box: profile.boxId, profile: path, otpauth: uri, codesDropped: dropped });
    println(ctx.output, paint(ctx.output, "green", `Box ${profile.boxId} has a new secret; the old one opens nothing any more.`));
    println(ctx.output, `Every delivery and pickup code made before stops working (${counted(String(dropped), "code")} dropped from this laptop's list): make new ones with \`parcelbox code\`.`);
    println(ctx.output, `The new secret is in ${path}. Your authenticator app's old entry stops working too: replace it.`);
    showOwnerKey(ctx, o, uri);
  });
}

// ---------------------------------------------------------------------------------------------

/** The master secret from --secret (hex, as the profile holds it) or from the box's profile. */
function secretFor(ctx: CliContext, o: Options): { secret: string; boxId: string } {
  if (o.secret !== undefined) return { secret: masterSecret(o.secret), boxId: o.box ?? "box" };
  const profile = chosenProfile(ctx, o.box);
  return { secret: Buffer.from(profile.secretHex, "hex").toString("latin1"), boxId: profile.boxId };
}

export function totpCommand(ctx: CliContext, o: Options): void {
  const { secret, boxId } = secretFor(ctx, o);
  const at = o.at ? new Date(o.at) : ctx.now();
  if (Number.isNaN(at.getTime())) throw new CliError(EXIT_USAGE, "--at takes a date and time, e.g. 2026-11-28T09:00:00Z");
  const ownerKey = deriveKeys(nodeHasher, secret).ownerKey;
  const boxSeconds = boxSecondsOf(at);
  const code = totp(nodeHasher, ownerKey, boxSeconds, AUTHENTICATOR_TOTP);
  const period = AUTHENTICATOR_TOTP.period;
  const validFor = period - (Math.floor(at.getTime() / 1000) % period);
  if (o.json) return printJson(ctx.output, { box: boxId, code, validForSeconds: validFor, at: at.toISOString() });
  println(ctx.output, `${paint(ctx.output, "bold", code)}  (owner code of ${boxId}, ${validFor} s left)`);
}

// ---------------------------------------------------------------------------------------------

/** Sends an owner's request, signed when the command's declaration takes a signature. */
async function signedRequest(ctx: CliContext, client: BoxClient, hello: Hello, command: UsbCommandName, fields: UsbField[] = []) {
  return client.call(command, fields, () => usbKeyOf(profileFor(ctx, hello)));
}

export async function statusCommand(ctx: CliContext, o: Options): Promise<void> {
  await withBox(ctx, o.port, async (client, hello) => {
    const s = fieldsObject((await signedRequest(ctx, client, hello, "STATUS")).fields);
    if (o.json) return printJson(ctx.output, { box: hello.boxId, firmware: hello.firmware, runtime: hello.runtime, board: hello.board, ...s });
    const lockout = Number(s.lockout) > 0 ? paint(ctx.output, "red", `locked out for ${s.lockout} s`) : "no";
    const rows = [
      ["box", `${hello.boxId} (${hello.model} ${hello.firmware}, ${hello.runtime} on ${hello.board})`],
      // STATUS says unlocked for a lid forced open: say what happened, not that the box released it.
      ["lock", s.alarm === "forced" ? paint(ctx.output, "red", "forced open (the box never released it)") : s.lock],
      ["lid", s.lid],
      ["lock-out", `${lockout} (${counted(s.wrong, "wrong code")} counted)`],
      ["alarm", s.alarm === "none" ? "none" : paint(ctx.output, "red", s.alarm)],
      ["clock", `${showBoxTime(Number(s.time))}${s.backup === "1" ? " (battery-backed)" : ""}, drift learned ${s.drift} s`],
      ["flash free", counted(s.flash, "byte")],
      ["log", counted(s.log, "event")],
      ["battery", batteryText(ctx, s.battery, Number(s.batterymv))],
    ];
    println(ctx.output, table(rows));
  });
}

/** STATUS's battery= and batterymv= in words, with what to do (docs/owner-guide.md, "Batteries"). */
function batteryText(ctx: CliContext, level: string | undefined, mv: number): string {
  if (level === undefined || level === "unknown" || mv < 0) return "not measured (no divider, or a firmware without its adc module)";
  const volts = `${(mv / 1000).toFixed(2)} V`;
  if (level === "critical") return paint(ctx.output, "red", `${volts}: critical, the lock may no longer open: change the cells now (owner's guide, "Emergency power")`);
  if (level === "low") return paint(ctx.output, "yellow", `${volts}: low, about four weeks left: change the cells soon`);
  return `${volts}, ok`;
}

export async function logCommand(ctx: CliContext, o: Options): Promise<void> {
  await withBox(ctx, o.port, async (client, hello) => {
    const key = usbKeyOf(profileFor(ctx, hello));
    const shown = await readLog(client, key, integerOption("from", o.from), integerOption("last", o.last));
    const details = (e: Record<string, string>) =>
      Object.entries(e)
        .filter(([k]) => k !== "i" && k !== "t" && k !== "ev")
        .map(([k, v]) => `${k}=${v}`)
        .join(" ");
    const when = (t: string) => (Number(t) < 0 ? "" : dateOfBoxSeconds(Number(t)).toISOString());
    if (o.json) {
      return printJson(
        ctx.output,
        shown.map(({ i, t, ev, ...more }) => ({ index: Number(i), time: when(t) || null, boxTime: Number(t), event: ev, ...more })),
      );
    }
    const rows = shown.map((e) => [e.i, when(e.t) || "clock not set", e.ev, details(e)]);
    if (o.csv) return println(ctx.output, csv([["index", "time", "event", "details"], ...rows]));
    if (rows.length === 0) return println(ctx.output, "the log is empty");
    println(ctx.output, table([["#", "time (UTC)", "event", "details"], ...rows]));
  });
}

export async function clockCommand(ctx: CliContext, o: Options): Promise<void> {
  await withBox(ctx, o.port, async (client, hello) => {
    if (o.sync) await signedRequest(ctx, client, hello, "CLOCK SET", [field("time", String(boxSecondsOf(ctx.now())))]);
    const c = fieldsObject((await client.request("CLOCK GET")).fields);
    const laptop = boxSecondsOf(ctx.now());
    const boxTime = Number(c.time);
    const offset = boxTime < 0 ? null : boxTime - laptop;
    if (o.json) return printJson(ctx.output, { box: hello.boxId, boxTime, time: boxTime < 0 ? null : dateOfBoxSeconds(boxTime).toISOString(), offsetSeconds: offset, backup: c.backup === "1", driftSeconds: Number(c.drift), lastSet: lastSetSeconds(c.lastset), synced: o.sync });
    const rows = [
      ["box time", showBoxTime(boxTime)],
      ["laptop time", showBoxTime(laptop)],
      ["box - laptop", offset === null ? "unknown: run `parcelbox clock --sync`" : `${offset} s`],
      ["learned drift", `${c.drift} s (from owner codes)`],
      ["last set", lastSetText(c.lastset, boxTime)],
      ["backup clock", c.backup === "1" ? "DS3231 (keeps time without power)" : "none"],
    ];
    if (o.sync) println(ctx.output, paint(ctx.output, "green", "clock set from this computer"));
    println(ctx.output, table(rows));
  });
}

/** CLOCK GET's lastset as box seconds; null when the box does not say (older firmware: -1 or absent). */
function lastSetSeconds(text: string | undefined): number | null {
  const n = text === undefined ? NaN : Number(text);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** "2026-11-28 07:00:00Z (2 h 0 min before the box's time now)", or why it is not known. */
function lastSetText(text: string | undefined, boxTime: number): string {
  const at = lastSetSeconds(text);
  if (at === null) return "not recorded by this box (`parcelbox log` lists its clock-set events)";
  if (boxTime < 0 || at > boxTime) return showBoxTime(at);
  const minutes = Math.floor((boxTime - at) / 60);
  const ago = minutes < 60 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 1440)} days`;
  return `${showBoxTime(at)} (${ago} ago, box time)`;
}

/** `parcelbox lift`: ends a keypad lock-out (LIFT, docs/protocol.md) and shows what it was. */
export async function liftCommand(ctx: CliContext, o: Options): Promise<void> {
  await withBox(ctx, o.port, async (client, hello) => {
    const before = fieldsObject((await signedRequest(ctx, client, hello, "STATUS")).fields);
    await signedRequest(ctx, client, hello, "LIFT");
    const was = Number(before.lockout);
    if (o.json) return printJson(ctx.output, { box: hello.boxId, lifted: true, lockoutSecondsBefore: was, wrongBefore: Number(before.wrong) });
    const what = was > 0 ? `lock-out of ${was} s lifted` : "no lock-out was running";
    println(ctx.output, `${paint(ctx.output, "green", what)}; the keypad takes codes again with its full allowance of wrong ones (${counted(before.wrong, "was", "were")} counted)`);
  });
}

export async function configCommand(ctx: CliContext, o: Options): Promise<void> {
  // Every name=value is checked before the first is sent, so a typo in the last one changes nothing.
  const changes = settingFields(o.positionals.filter((p) => p.includes("=")));
  await withBox(ctx, o.port, async (client, hello) => {
    for (const change of changes) await signedRequest(ctx, client, hello, "SETTINGS SET", [change]);
    const settings = fieldsObject((await signedRequest(ctx, client, hello, "SETTINGS GET")).fields);
    // Codes are made offline on the box's grid: keep the profile's copy of the zone in step.
    const profile = profileFor(ctx, hello);
    if (settings.zoneOffsetHours !== undefined && Number(settings.zoneOffsetHours) !== (profile.zoneOffsetHours ?? 0)) {
      profile.zoneOffsetHours = Number(settings.zoneOffsetHours);
      writeProfile(ctx.env, profile);
    }
    const names = o.positionals.map((p) => p.split("=")[0]);
    for (const n of names) if (!(n in settings)) throw new CliError(EXIT_USAGE, `the box has no setting ${n}; \`parcelbox config\` lists them`);
    const shown = names.length === 0 ? settings : Object.fromEntries(names.map((n) => [n, settings[n]]));
    if (o.json) return printJson(ctx.output, Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, Number(v)])));
    println(ctx.output, table([["setting", "value"], ...Object.entries(shown)]));
  });
}
