/**
 * `code`, `codes` and `revoke`: delivery and pickup codes made offline from the box's secret
 * (docs/codes.md), the ledger of issued codes in the box's profile, and revocation over USB.
 */
import "../lib/intrinsics-global.ts";
import { chooseSlot, chooseWindow, codeIdText, codeText, codeUses, isZone, parseCodeId, slotUses, type CodeId, type CodeKind } from "../../firmware/core/codes/host.ts";
import { deriveKeys } from "../../firmware/core/codes/keys.ts";
import { field } from "../../firmware/core/host/protocol.ts";
import { nodeHasher } from "../lib/node-hasher.ts";
import { boxSecondsOf, dateOfBoxSeconds } from "./box-time.ts";
import { profileFor, usbKeyOf, withBox } from "./connect.ts";
import type { CliContext } from "./context.ts";
import { CliError, EXIT_AUTH, EXIT_USAGE } from "./exit-codes.ts";
import { applyLog, codeState, findIssued, takenSlots } from "./ledger.ts";
import { readLog } from "./log-read.ts";
import { paint, printJson, println, table } from "./output.ts";
import { listProfiles, readProfile, writeProfile, type BoxProfile, type IssuedCode } from "./profile.ts";
import { masterSecret } from "./secret.ts";
import { localWindowText, parseWhen, utcText, zoneName } from "./when.ts";
import type { Options } from "./commands.ts";

const latin1 = (hex: string): string => Buffer.from(hex, "hex").toString("latin1");

/** The profile named by --box, else the only one on this laptop. */
export function chosenProfile(ctx: CliContext, box: string | undefined): BoxProfile {
  if (box !== undefined) {
    const profile = readProfile(ctx.env, box);
    if (!profile) throw new CliError(EXIT_AUTH, `no profile for box ${box}: \`parcelbox codes\` without --box names the boxes this laptop knows, or use --secret`);
    return profile;
  }
  const boxes = listProfiles(ctx.env);
  if (boxes.length === 1) return chosenProfile(ctx, boxes[0]);
  if (boxes.length === 0) throw new CliError(EXIT_AUTH, "this laptop has no box profile: run `parcelbox provision` first, or give --secret with the master secret (secretHex from a profile)");
  throw new CliError(EXIT_USAGE, `several boxes have profiles here (${boxes.join(", ")}): choose one with --box`);
}

function wholeNumber(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,4}$/.test(text) || Number(text) < min || Number(text) > max) throw new CliError(EXIT_USAGE, `--${name} takes a whole number from ${min} to ${max}`);
  return Number(text);
}

function kindOf(text: string | undefined): CodeKind {
  if (text === undefined || text === "delivery") return "delivery";
  if (text === "pickup") return "pickup";
  throw new CliError(EXIT_USAGE, "--kind is delivery or pickup");
}

/** The window the owner asked for, in ms: --from (default now) for --hours or --days (default 1 day). */
function requested(ctx: CliContext, o: Options, zone: number): { from: Date; until: Date } {
  const from = parseWhen(o.from ?? "now", ctx.now(), zone);
  if (!from) {
    throw new CliError(EXIT_USAGE, `--from takes now, today, tomorrow, "tomorrow 08:00", 2026-11-28, "2026-11-28 08:00" (box local time) or an ISO time with a zone (got "${o.from}")`);
  }
  if (o.hours !== undefined && o.days !== undefined) throw new CliError(EXIT_USAGE, "give --hours or --days, not both");
  const hours = wholeNumber("hours", o.hours, 1, 336) ?? 24 * (wholeNumber("days", o.days, 1, 14) ?? 1);
  return { from, until: new Date(from.getTime() + hours * 3_600_000) };
}

export interface IssuedView {
  code: string;
  id: string;
  kind: CodeKind;
  label: string;
  from: string;
  until: string;
  uses: number;
  zoneOffsetHours: number;
  local: string;
  instructions: string;
}

/** The sentence for the shop's delivery notes (or the neighbour). */
function instructions(kind: CodeKind, code: string, uses: number, local: string): string {
  const times = uses === 1 ? "" : ` Works ${uses} times.`;
  if (kind === "pickup") return `Parcel box at the door: type ${code} then # on the keypad to open it and take the parcel; close the lid after. Valid ${local}.${times}`;
  return `Parcel box at the door: type ${code} then # on the keypad; the lid opens. Put the parcel in and close the lid. Valid ${local}.${times}`;
}

export function codeCommand(ctx: CliContext, o: Options): void {
  const kind = kindOf(o.kind);
  let secret: string;
  let profile: BoxProfile | undefined;
  let zone: number;
  if (o.secret !== undefined) {
    secret = masterSecret(o.secret);
    zone = o.zone === undefined ? 0 : Number(o.zone);
    if (!/^-?\d{1,2}$/.test(o.zone ?? "0") || !isZone(zone)) throw new CliError(EXIT_USAGE, "--zone takes the box's zoneOffsetHours, a whole number from -12 to 14");
  } else {
    if (o.zone !== undefined) throw new CliError(EXIT_USAGE, "--zone goes with --secret only: with a profile the box's own zoneOffsetHours is used (`parcelbox config zoneOffsetHours=N` changes it)");
    profile = chosenProfile(ctx, o.box);
    secret = latin1(profile.secretHex);
    zone = profile.zoneOffsetHours ?? 0;
  }
  const max = slotUses(kind).reduce((a, b) => Math.max(a, b));
  const uses = wholeNumber("uses", o.uses, 1, max) ?? slotUses(kind)[0];
  const asked = requested(ctx, o, zone);
  if (asked.until.getTime() <= ctx.now().getTime()) throw new CliError(EXIT_USAGE, "that time is already over: give a --from in the future");
  const window = chooseWindow(kind, boxSecondsOf(asked.from), boxSecondsOf(asked.until), zone);
  if (!window) {
    const longest = kind === "delivery" ? "7 days" : "14 days";
    throw new CliError(EXIT_USAGE, `no ${kind} window covers that: windows start on the box's local grid and last at most ${longest} from the local midnight before --from; ask for less`);
  }
  const slot = chooseSlot(kind, uses, takenSlots(profile, kind, window.start, window.hours));
  if (slot === undefined) {
    throw new CliError(EXIT_USAGE, `every ${kind} code with ${uses}+ uses for that window is already issued (\`parcelbox codes\`): ask for a different window or fewer uses`);
  }
  const id: CodeId = { kind, start: window.start, hours: window.hours, slot };
  const code = codeText(nodeHasher, deriveKeys(nodeHasher, secret).codeKey, id);
  const from = dateOfBoxSeconds(window.start * 3600);
  const until = dateOfBoxSeconds((window.start + window.hours) * 3600);
  const local = localWindowText(from, until, zone);
  const label = o.label ?? "";
  const view: IssuedView = {
    code,
    id: codeIdText(id),
    kind,
    label,
    from: from.toISOString(),
    until: until.toISOString(),
    uses: codeUses(id),
    zoneOffsetHours: zone,
    local,
    instructions: instructions(kind, code, codeUses(id), local),
  };
  if (profile) {
    const issued: IssuedCode = { id: view.id, kind, label, from: view.from, until: view.until, uses: view.uses, issuedAt: ctx.now().toISOString() };
    profile.codes = [...(profile.codes ?? []), issued];
    writeProfile(ctx.env, profile);
  }
  if (o.json) return printJson(ctx.output, profile ? { box: profile.boxId, ...view } : view);
  const title = kind === "delivery" ? "Delivery code" : "Pickup code";
  println(ctx.output, `${title} ${paint(ctx.output, "bold", code)}${label ? `  "${label}"` : ""}  (id ${view.id}${profile ? `, box ${profile.boxId}` : ""})`);
  println(ctx.output, `valid  ${local} box time (${zoneName(zone)})`);
  println(ctx.output, `       = ${utcText(from)} to ${utcText(until)}; opens until, not at, the end`);
  println(ctx.output, `uses   ${view.uses}${view.uses > uses ? ` (asked for ${uses}: the nearest kind of code opens ${view.uses} times)` : ""}`);
  if (from.getTime() < asked.from.getTime() || until.getTime() > asked.until.getTime()) {
    println(ctx.output, paint(ctx.output, "dim", "       (codes come in fixed windows; this is the shortest one that holds the time asked for)"));
  }
  println(ctx.output, "");
  println(ctx.output, "For the shop's delivery instructions:");
  println(ctx.output, `  ${view.instructions}`);
}

/** `codes [--sync]`: the ledger with each code's state; --sync first reads the box's log for uses. */
export async function codesCommand(ctx: CliContext, o: Options): Promise<void> {
  let profile: BoxProfile;
  if (o.sync) {
    profile = await withBox(ctx, o.port, async (client, hello) => {
      const p = profileFor(ctx, hello);
      if (o.box !== undefined && o.box !== p.boxId) throw new CliError(EXIT_USAGE, `the box on this port is ${p.boxId}, not ${o.box}`);
      applyLog(p, await readLog(client, usbKeyOf(p), undefined, undefined), ctx.now());
      writeProfile(ctx.env, p);
      return p;
    });
  } else {
    profile = chosenProfile(ctx, o.box);
  }
  const now = ctx.now();
  const zone = profile.zoneOffsetHours ?? 0;
  const codeKey = deriveKeys(nodeHasher, latin1(profile.secretHex)).codeKey;
  const rows = (profile.codes ?? []).map((c) => {
    const id = parseCodeId(c.id);
    const digits = id ? codeText(nodeHasher, codeKey, id) : "?";
    return { ...c, code: digits, state: codeState(c, now), usedCount: c.usedCount ?? null };
  });
  if (o.json) return printJson(ctx.output, rows);
  if (rows.length === 0) return println(ctx.output, `no codes issued for box ${profile.boxId} from this laptop yet (\`parcelbox code\`)`);
  const stateText = (r: (typeof rows)[number]) => {
    const used = r.usedCount === null ? "" : ` (${r.usedCount}/${r.uses} used)`;
    return (r.state === "valid" ? paint(ctx.output, "green", r.state) : r.state) + used;
  };
  const header = ["id", "code", "label", `window (${zoneName(zone)})`, "uses", "state"];
  const body = rows.map((r) => [r.id, r.code, r.label || "-", localWindowText(new Date(r.from), new Date(r.until), zone), String(r.uses), stateText(r)]);
  println(ctx.output, table([header, ...body]));
  if (!o.sync) println(ctx.output, paint(ctx.output, "dim", "uses are known only after `parcelbox codes --sync` reads the box's log"));
}

/** `revoke <id | 8 digits | label>`: the box refuses the code from now on; the ledger says so. */
export async function revokeCommand(ctx: CliContext, o: Options): Promise<void> {
  const text = o.positionals[0];
  if (text === undefined) throw new CliError(EXIT_USAGE, "revoke takes a code id (D-60123-24-0), the code's 8 digits or its label (`parcelbox codes` lists them)");
  await withBox(ctx, o.port, async (client, hello) => {
    const profile = profileFor(ctx, hello);
    const codeKey = deriveKeys(nodeHasher, latin1(profile.secretHex)).codeKey;
    const found = findIssued(profile, codeKey, text);
    if (found.length > 1) throw new CliError(EXIT_USAGE, `"${text}" names ${found.length} codes (${found.map((c) => c.id).join(", ")}): revoke them by id`);
    const id = found.length === 1 ? parseCodeId(found[0].id) : parseCodeId(text);
    if (!id) throw new CliError(EXIT_USAGE, `"${text}" is no code id, and no code issued from this laptop has those digits or that label (\`parcelbox codes\`)`);
    await client.signed("REVOKE", [field("kind", id.kind), field("start", String(id.start)), field("hours", String(id.hours)), field("slot", String(id.slot))], usbKeyOf(profile));
    const idText = codeIdText(id);
    for (const c of profile.codes ?? []) if (c.id === idText && c.revokedAt === undefined) c.revokedAt = ctx.now().toISOString();
    writeProfile(ctx.env, profile);
    if (o.json) return printJson(ctx.output, { box: hello.boxId, revoked: idText, label: found[0]?.label ?? null });
    println(ctx.output, `revoked ${idText}${found[0]?.label ? ` ("${found[0].label}")` : ""}: it will not open box ${hello.boxId}`);
  });
}
