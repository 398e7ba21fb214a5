// Half of test/scenarios on the real Espruino interpreter (./espruino-real-suite.ts).
import { realScenarioSuite } from "./espruino-real-suite.ts";

realScenarioSuite(1, 2);
