/**
 * Where the real Espruino 2v29 interpreter is: host builds of Espruino's own source (see the
 * README, "The real Espruino interpreter"), looked up in `$ESPRUINO_BIN` (a directory holding
 * them, or one binary) and else in `../shared/tools/espruino` beside the repository.
 *
 * Two builds matter (../shared/tools/espruino/README.md):
 * - `espruino-debug`: assertions compiled in and resizable memory; the tier's default, so that an
 *   interpreter assertion fails a test;
 * - `espruino-pico`: a release build with a Pico's fixed 5100 JsVars; what the memory figures are
 *   measured on. `ESPRUINO_REAL_BINARY=espruino-pico` runs the tier on it.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ESPRUINO_BINARIES = ["espruino-debug", "espruino-pico"] as const;
export type EspruinoBinary = (typeof ESPRUINO_BINARIES)[number];

/** Espruino's public source and the commit the binaries are built from. */
export const ESPRUINO_SOURCE = "https://github.com/espruino/Espruino";
export const ESPRUINO_VERSION = "2v29";
export const ESPRUINO_COMMIT = "c5ff787b199148c31ef2776fb6f70673cba01a25";

/** How each binary is built (`make` in a checkout of ESPRUINO_COMMIT). */
export const ESPRUINO_BUILD_SETTINGS: Record<EspruinoBinary, string> = {
  "espruino-debug": "BOARD=LINUX (resizable JsVars, assertions on)",
  "espruino-pico": "RELEASE=1 BOARD=LINUX, with 'variables' : 5100 in boards/LINUX.py",
};

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The default place: the team's shared tools, beside the repository (or its worktree). */
export const DEFAULT_ESPRUINO_DIR = resolve(ROOT, "../shared/tools/espruino");

function isExecutableFile(path: string): boolean {
  try {
    return statSync(path).isFile() && (statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * The path of `binary`, or undefined when it is not installed. `$ESPRUINO_BIN` may name a
 * directory holding the binaries or one binary, which then serves for both.
 */
export function findEspruino(binary: EspruinoBinary = "espruino-debug", env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.ESPRUINO_BIN;
  if (configured) {
    if (isExecutableFile(configured)) return configured;
    const inside = join(configured, binary);
    return isExecutableFile(inside) ? inside : undefined;
  }
  const shared = join(DEFAULT_ESPRUINO_DIR, binary);
  return isExecutableFile(shared) ? shared : undefined;
}

/** The binary the test tier runs on: `$ESPRUINO_REAL_BINARY`, default espruino-debug. */
export function tierBinary(env: NodeJS.ProcessEnv = process.env): EspruinoBinary {
  const wanted = env.ESPRUINO_REAL_BINARY ?? "espruino-debug";
  if (!(ESPRUINO_BINARIES as readonly string[]).includes(wanted)) {
    throw new Error(`ESPRUINO_REAL_BINARY must be one of ${ESPRUINO_BINARIES.join(", ")}, not ${wanted}`);
  }
  return wanted as EspruinoBinary;
}

/** Why the real tier cannot run here and how to get the interpreter; undefined when it can. */
export function espruinoMissingReason(binary: EspruinoBinary = tierBinary(), env: NodeJS.ProcessEnv = process.env): { why: string; how: string } | undefined {
  if (findEspruino(binary, env)) return undefined;
  const where = env.ESPRUINO_BIN ? `ESPRUINO_BIN=${env.ESPRUINO_BIN}` : DEFAULT_ESPRUINO_DIR;
  return {
    why: `no ${binary} in ${where}`,
    how: `build Espruino ${ESPRUINO_VERSION} (${ESPRUINO_SOURCE}, commit ${ESPRUINO_COMMIT.slice(0, 12)}) with ${ESPRUINO_BUILD_SETTINGS[binary]} and set ESPRUINO_BIN=<its directory>`,
  };
}

/** The same as one sentence, or undefined when the binary is there. */
export function espruinoMissing(binary: EspruinoBinary = tierBinary(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  const reason = espruinoMissingReason(binary, env);
  return reason ? `${reason.why}; ${reason.how}` : undefined;
}

/** Throws with the reason when the binary is missing; returns its path otherwise. */
export function requireEspruino(binary: EspruinoBinary): string {
  const path = findEspruino(binary);
  if (!path) throw new Error(espruinoMissing(binary));
  return path;
}

export function espruinoInstalled(binary: EspruinoBinary = tierBinary()): boolean {
  return existsSync(findEspruino(binary) ?? "");
}

