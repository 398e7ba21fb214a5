import { conformanceSuite } from "./suite.ts";

conformanceSuite("typescript", { randomCases: 1500 });
