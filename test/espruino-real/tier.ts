/**
 * Titles of the real-interpreter tier's suites: what runs and on which binary, or, where the
 * binary is missing, why the suite is skipped and how to get it, in the form `make test`'s
 * skipped-tier summary reads (test/setup/skipped.ts).
 */
import { espruinoMissingReason, tierBinary, type EspruinoBinary } from "../../sim/espruino-real/interpreter.ts";
import { skippedUnless } from "../setup/skipped.ts";

export function realTierTitle(what: string, binary: EspruinoBinary = tierBinary()): string {
  const missing = espruinoMissingReason(binary);
  return missing ? `${what}${skippedUnless(false, missing.why, missing.how)}` : `${what} (${binary})`;
}
