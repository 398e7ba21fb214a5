/**
 * Box profiles: what the owner's laptop keeps per box, above all the master secret. One JSON
 * file per box under $XDG_CONFIG_HOME/parcelbox/boxes (or ~/.config/...), the folder 0700 and
 * the file 0600, so other users of the laptop cannot read it.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { SECRET_BYTES } from "../../firmware/core/codes/keys.ts";
import { CliError, EXIT_AUTH, EXIT_USAGE } from "./exit-codes.ts";

export interface BoxProfile {
  boxId: string;
  /** The 20-byte master secret, hex. Never sent again after provisioning. */
  secretHex: string;
  /** ISO time of provisioning. */
  provisionedAt: string;
  model: string;
  firmware: string;
  runtime: string;
  board: string;
  /** The box's zoneOffsetHours setting as last set or read by this tool (absent: the default, 0). */
  zoneOffsetHours?: number;
  /** Delivery and pickup codes issued from this laptop (the ledger; see ./ledger.ts). */
  codes?: IssuedCode[];
}

/** One issued code as the ledger keeps it. The digits are not kept: the secret remakes them. */
export interface IssuedCode {
  /** Code id, docs/codes.md form, e.g. D-60551-24-0. */
  id: string;
  kind: "delivery" | "pickup";
  label: string;
  /** The window, ISO UTC; `until` is the first moment it no longer opens. */
  from: string;
  until: string;
  uses: number;
  issuedAt: string;
  /** When this tool revoked it on the box. */
  revokedAt?: string;
  /** Opens seen in the box's log by `codes --sync`. */
  usedCount?: number;
  syncedAt?: string;
}

export function configDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== "" ? env.XDG_CONFIG_HOME : join(env.HOME ?? homedir(), ".config");
  return join(base, "parcelbox");
}

export function boxesDir(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), "boxes");
}

export function profilePath(env: NodeJS.ProcessEnv, boxId: string): string {
  if (!/^[A-Za-z0-9._-]{1,16}$/.test(boxId) || boxId.startsWith(".")) {
    throw new CliError(EXIT_USAGE, `not a box id: ${boxId} (1-16 letters, digits, '.', '_' or '-'; see \`parcelbox ports\`)`);
  }
  return join(boxesDir(env), `${boxId}.json`);
}

function ensureDir(env: NodeJS.ProcessEnv): void {
  const dir = boxesDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Writes `<box>.json.new` first and renames it only when the box has taken the secret
 * (commitProfile), so a failed provisioning never overwrites a working profile, and a lost answer
 * still leaves the secret on disk.
 */
export function writePendingProfile(env: NodeJS.ProcessEnv, profile: BoxProfile): string {
  ensureDir(env);
  const pending = profilePath(env, profile.boxId) + ".new";
  writeFileSync(pending, JSON.stringify(profile, null, 2) + "\n", { mode: 0o600 });
  chmodSync(pending, 0o600);
  return pending;
}

export function commitProfile(env: NodeJS.ProcessEnv, pending: string, profile: BoxProfile): string {
  const path = profilePath(env, profile.boxId);
  writeFileSync(pending, JSON.stringify(profile, null, 2) + "\n", { mode: 0o600 });
  renameSync(pending, path);
  return path;
}

export function readProfile(env: NodeJS.ProcessEnv, boxId: string): BoxProfile | undefined {
  const path = profilePath(env, boxId);
  if (!existsSync(path)) return undefined;
  let parsed: BoxProfile;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8")) as BoxProfile;
  } catch (error) {
    throw new CliError(EXIT_AUTH, `${path} is not a valid profile (${error instanceof Error ? error.message : String(error)}): restore it from a backup, or reset the box with its service button and provision it again`);
  }
  if (typeof parsed.secretHex !== "string" || parsed.secretHex.length !== SECRET_BYTES * 2 || !/^[0-9a-f]+$/.test(parsed.secretHex)) {
    throw new CliError(EXIT_AUTH, `${path} holds no valid secret: restore it from a backup, or reset the box with its service button and provision it again`);
  }
  return parsed;
}

/** Rewrites a profile in place, atomically (write beside, then rename), keeping it 0600. */
export function writeProfile(env: NodeJS.ProcessEnv, profile: BoxProfile): string {
  ensureDir(env);
  const path = profilePath(env, profile.boxId);
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(profile, null, 2) + "\n", { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}

/** The box ids that have a profile on this laptop. */
export function listProfiles(env: NodeJS.ProcessEnv): string[] {
  const dir = boxesDir(env);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .sort();
}
