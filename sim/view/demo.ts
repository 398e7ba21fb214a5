/**
 * The demo box a new user starts with: provisioned with a fresh random secret, its profile saved
 * where the owner's tool looks (tools/cli/profile.ts, under an XDG_CONFIG_HOME of our own so the
 * user's real profiles are untouched), and codes made exactly as the owner's tool makes them
 * (firmware/core/codes), so the first thing to type is on the screen.
 */
import "../../tools/lib/intrinsics-global.ts";
import { randomBytes } from "node:crypto";
import { chooseWindow, codeIdText, codeText, codeUses, DELIVERY_SLOT_USES, type CodeId } from "../../firmware/core/codes/host.ts";
import { deriveKeys } from "../../firmware/core/codes/keys.ts";
import { AUTHENTICATOR_TOTP, totp } from "../../firmware/core/otp/totp.ts";
import { commitProfile, readProfile, writePendingProfile, type BoxProfile } from "../../tools/cli/profile.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";
import type { SimBox } from "../box.ts";
import type { DemoCode } from "./state.ts";
import { answerFields } from "./watcher.ts";

/** Demo codes are good from now until at least this much later (a 2-day window, usually). */
const DEMO_CODE_SECONDS = 24 * 3600;

export interface DemoBox {
  secret: Buffer;
  boxId: string;
  profilePath: string;
}

/** The environment the owner's tool needs to find profiles under `configHome`. */
export function profileEnv(configHome: string): NodeJS.ProcessEnv {
  return { XDG_CONFIG_HOME: configHome };
}

/** Provisions the box over USB with a fresh secret and saves its profile under `configHome`. */
export function provisionDemo(box: SimBox, configHome: string, unixTime: number): DemoBox {
  const secret = randomBytes(20);
  // The demo turns the smart-home input on (off on a new box) so the home relay key shows it.
  box.provision(secret, unixTime, { homeInputEnabled: 1 });
  const hello = answerFields(box.request(`${box.requestId()} HELLO`).pop() ?? "");
  const profile: BoxProfile = {
    boxId: hello.box,
    secretHex: secret.toString("hex"),
    provisionedAt: new Date(unixTime * 1000).toISOString(),
    model: hello.model,
    firmware: hello.fw,
    runtime: hello.runtime,
    board: hello.board,
  };
  const env = profileEnv(configHome);
  const profilePath = commitProfile(env, writePendingProfile(env, profile), profile);
  return { secret, boxId: profile.boxId, profilePath };
}

/** The secret the owner's tool keeps for `boxId` under `configHome`, if any. */
export function profileSecret(configHome: string, boxId: string): Buffer | undefined {
  try {
    const profile = readProfile(profileEnv(configHome), boxId);
    return profile ? Buffer.from(profile.secretHex, "hex") : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A delivery code for the window the owner's tool would choose from box time `now` for a day
 * (zone offset 0, the box's default), in `slot`; undefined when the slot does not exist.
 */
export function demoCode(secret: Buffer, now: number, slot: number): DemoCode | undefined {
  const window = chooseWindow("delivery", now, now + DEMO_CODE_SECONDS, 0);
  if (!window || slot >= DELIVERY_SLOT_USES.length) return undefined;
  const id: CodeId = { kind: "delivery", start: window.start, hours: window.hours, slot };
  const codeKey = deriveKeys(nodeHasher, secret.toString("latin1")).codeKey;
  return { code: codeText(nodeHasher, codeKey, id), id: codeIdText(id), uses: codeUses(id), untilBoxSeconds: (window.start + window.hours) * 3600 };
}

/** The owner's authenticator code at box time `now`, and how long it has left. */
export function ownerCode(secret: Buffer, now: number): { code: string; secondsLeft: number } {
  const ownerKey = deriveKeys(nodeHasher, secret.toString("latin1")).ownerKey;
  const period = AUTHENTICATOR_TOTP.period;
  return { code: totp(nodeHasher, ownerKey, now, AUTHENTICATOR_TOTP), secondsLeft: period - (now % period) };
}
