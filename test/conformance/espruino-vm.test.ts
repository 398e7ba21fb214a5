import { conformanceSuite } from "./suite.ts";

conformanceSuite("espruino-vm", { randomCases: 1500 });
