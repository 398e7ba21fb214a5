/**
 * The conformance suite on NodeMCU's own Lua (luac.cross: 32-bit integers and 32-bit floats), in
 * a child process bridged to this one (sim/nodemcu/real). Skipped, with the reason in the suite's
 * name, where the tools are not found.
 */
import { describe } from "vitest";
import { nodeMcuLuaMissing } from "../../sim/nodemcu/real/tools.ts";
import { skippedUnless } from "../setup/skipped.ts";
import { conformanceSuite } from "./suite.ts";

const missing = nodeMcuLuaMissing();
const title = `NodeMCU's own Lua${skippedUnless(missing === undefined, missing?.why ?? "", missing?.how ?? "")}`;

describe.skipIf(missing !== undefined)(title, () => conformanceSuite("nodemcu", { randomCases: 500 }));
