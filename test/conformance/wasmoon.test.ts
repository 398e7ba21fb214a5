import { conformanceSuite } from "./suite.ts";

conformanceSuite("wasmoon", { randomCases: 500 });
