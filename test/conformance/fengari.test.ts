import { conformanceSuite } from "./suite.ts";

conformanceSuite("fengari", { randomCases: 500 });
