/**
 * The conformance suite on the built file's hash API inside the real Espruino 2v29 interpreter,
 * booted from Storage (test/runtimes/espruino-real-runtime.ts). The random HMAC cases are fewer
 * than on the other runtimes: the portable hasher is interpreted by Espruino here, at Espruino's
 * speed. Skipped, with the reason in the title, where the interpreter is not installed.
 */
import { describe } from "vitest";
import { espruinoMissing } from "../../sim/espruino-real/interpreter.ts";
import { realTierTitle } from "../espruino-real/tier.ts";
import { conformanceSuite } from "./suite.ts";

describe.skipIf(espruinoMissing() !== undefined)(realTierTitle("conformance on the real Espruino interpreter"), () => {
  conformanceSuite("espruino-real", { randomCases: 20 });
});
